"""Input validation for transition pages; the choice lists come from selectors scoped to the user."""

from collections.abc import Iterable
from functools import cached_property

import django_filters
from django import forms
from django.utils.choices import BaseChoiceIterator
from django_filters.fields import ModelChoiceIterator

from partners.filters import BootstrapFilterSet
from pcc_portal.accounts.models import Role, User
from pcc_portal.core.uploads import check_document_upload

from . import selectors, services
from .models import RAG, Decision, Milestone, Risk, TransferItem, TransitionProgramme, Workstream

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BULK_MAX_ROWS = 500


def _area_staff(area_id: int):
    return User.objects.filter(force_areas=area_id, role=Role.OPCC_STAFF, is_active=True).order_by("full_name")


def _area_people(area_id: int):
    roles = [Role.OPCC_STAFF, Role.SUCCESSOR_OFFICER]
    return User.objects.filter(force_areas=area_id, role__in=roles, is_active=True).order_by("full_name")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = TransitionProgramme
        fields = [
            "name",
            "kind",
            "outgoing_body",
            "successor_name",
            "successor_kind",
            "election_date",
            "transfer_date",
            "status",
            "board",
            "lead",
            "terms_of_reference",
            "is_published",
        ]
        widgets = {"election_date": DATE_INPUT, "transfer_date": DATE_INPUT}

    def __init__(self, *args, user, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.force_area = area
        self.fields["board"].queryset = selectors.transition_boards(user, area.pk)
        self.fields["lead"].queryset = _area_staff(area.pk)


class _ProgrammePartForm(forms.ModelForm):
    """A form for something inside a programme: workstream and owner choices come from the programme."""

    def __init__(self, *args, programme: TransitionProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        if "workstream" in self.fields:
            self.fields["workstream"].queryset = programme.workstreams.all()
        if "lead" in self.fields:
            self.fields["lead"].queryset = _area_staff(programme.force_area_id)
        if "owner" in self.fields:
            # An owner may also be an officer of the successor body (e.g. of a milestone it must meet).
            self.fields["owner"].queryset = _area_people(programme.force_area_id)


class WorkstreamForm(_ProgrammePartForm):
    class Meta:
        model = Workstream
        fields = ["name", "key", "description", "lead", "rag", "rag_reason", "order"]


class WorkstreamStatusForm(forms.Form):
    rag = forms.ChoiceField(label="RAG status", choices=RAG.choices)
    rag_reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        data = super().clean()
        if data.get("rag") in (RAG.AMBER, RAG.RED) and not (data.get("rag_reason") or "").strip():
            self.add_error("rag_reason", "Give the reason for an amber or red status.")
        return data


class MilestoneForm(_ProgrammePartForm):
    class Meta:
        model = Milestone
        fields = ["title", "workstream", "due_on", "owner", "is_done", "done_on", "description"]
        widgets = {"due_on": DATE_INPUT, "done_on": DATE_INPUT}


class RiskForm(_ProgrammePartForm):
    class Meta:
        model = Risk
        fields = [
            "kind",
            "title",
            "workstream",
            "cause",
            "effect",
            "likelihood",
            "impact",
            "owner",
            "mitigation",
            "next_review_on",
            "status",
            "escalated_on",
        ]
        widgets = {
            "next_review_on": DATE_INPUT,
            "escalated_on": DATE_INPUT,
            "cause": forms.Textarea(attrs={"rows": 3}),
            "effect": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(_ProgrammePartForm):
    class Meta:
        model = Decision
        fields = ["title", "workstream", "decision", "decided_by", "decided_on", "rationale", "meeting"]
        widgets = {"decided_on": DATE_INPUT}

    def __init__(self, *args, programme: TransitionProgramme, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        from partners.models import Engagement

        meetings = Engagement.objects.filter(force_area_id=programme.force_area_id)
        if programme.board_id:
            meetings = meetings.filter(partnership_id=programme.board_id)
        self.fields["meeting"].queryset = meetings.order_by("-pk")


class TransferItemForm(_ProgrammePartForm):
    class Meta:
        model = TransferItem
        fields = [
            "kind",
            "title",
            "workstream",
            "detail",
            "counterparty",
            "receiver_kind",
            "receiver_organisation",
            "status",
            "close_reason",
            "owner",
            "due_on",
            "day_one_critical",
            "amount",
            "retention",
            "post_count",
            "notes",
        ]
        widgets = {
            "due_on": DATE_INPUT,
            "detail": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "close_reason": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"post_count": "Posts by role and count only: never names or other personal data."}

    status_was = forms.CharField(required=False, widget=forms.HiddenInput)
    status_note = forms.CharField(
        label="Why the status goes back (or the row reopens)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when the row moves back a step or reopens; kept in the row's status history.",
    )

    def __init__(self, *args, programme: TransitionProgramme, user, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        organisations = selectors.receiver_organisations(user, programme)
        self.fields["receiver_organisation"].queryset = organisations
        self.fields["counterparty"].queryset = organisations
        self.status_loaded = self.instance.status if self.instance.pk else None
        if self.instance.pk:
            # The status the person sees: the save is refused if someone moves the row meanwhile.
            self.fields["status_was"].initial = self.instance.status
            after = [TransferItem.Status(s).label for s in TransferItem.statuses_after(self.instance.status)]
            self.fields["status"].help_text = (
                f"It is {self.instance.get_status_display()} now: it can become {' or '.join(after)}. "
                "Forward one step at a time; back one step (or reopen) with a note; to close with a reason."
            )
        else:
            del self.fields["status_was"], self.fields["status_note"]
        self.order_fields([*self.Meta.fields[:8], "status_note"])

    def _post_clean(self):
        super()._post_clean()  # the row's own checks
        data = self.cleaned_data
        if self.status_loaded and data.get("status"):
            # Said with the row's other errors at once; the service checks again as it saves (race-safe).
            seen = data.get("status_was")
            try:
                services.status_move_check(
                    from_status=seen if seen in TransferItem.Status.values else self.status_loaded,
                    to_status=data["status"],
                    note=data.get("status_note") or "",
                )
            except forms.ValidationError as error:
                self.add_error(None, error)


class EvidenceForm(forms.Form):
    title = forms.CharField(max_length=200)
    file = forms.FileField(help_text="PDF, Word (.docx) or OpenDocument (.odt), up to 10 MB.")

    def clean_file(self):
        return check_document_upload(self.cleaned_data.get("file"))


def organisation_choices(organisations: Iterable[tuple[int, str]]) -> list[tuple[str, str]]:
    """Return the receiver choice of each (key, name) of an organisation a row may be handed to."""
    return [(f"org:{pk}", name) for pk, name in organisations]


class GivenChoices(BaseChoiceIterator):
    """Choices given as a list of (value, text) pairs, taken as they are.

    Django checks every pair of a list set as a field's choices; the register sets the area's organisations
    (hundreds) on two forms of each page.
    """

    def __init__(self, pairs: list[tuple[str, str]]):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)


class BulkForm(forms.Form):
    """Change the status and/or receiver of the selected rows."""

    items = forms.ModelMultipleChoiceField(queryset=TransferItem.objects.none(), label="Rows")
    status = forms.ChoiceField(
        label="New status", choices=[("", "Leave unchanged"), *TransferItem.Status.choices], required=False
    )
    receiver = forms.ChoiceField(label="New receiving body", required=False)
    close_reason = forms.CharField(label="Reason (to close, or to move back a step)", required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programme: TransitionProgramme, user, receivers: list | None = None, **kwargs):
        """Offer the `organisation_choices` of `receivers` when the page has them already (the register does)."""
        super().__init__(*args, **kwargs)
        self.programme, self.user = programme, user
        self.fields["items"].queryset = TransferItem.objects.filter(programme=programme)
        if receivers is None:
            receivers = organisation_choices((pk, org.name) for pk, org in self.organisations.items())
        R = TransferItem.Receiver
        self.fields["receiver"].choices = GivenChoices(
            [
                ("", "Leave unchanged"),
                ("none", "Not yet named"),
                (R.SUCCESSOR, f"The successor body ({programme.successor_name})"),
                (R.CLOSE, "None: to close"),
                *receivers,
            ]
        )

    @cached_property
    def organisations(self) -> dict:
        """Return the organisations a row may be handed to, by key (read when the form is posted)."""
        return {o.pk: o for o in selectors.receiver_organisations(self.user, self.programme)}

    def clean_items(self):
        items = self.cleaned_data["items"]
        if len(items) > BULK_MAX_ROWS:
            raise forms.ValidationError(f"Select at most {BULK_MAX_ROWS} rows at a time.")
        return items

    def clean(self):
        data = super().clean()
        if not data.get("status") and not data.get("receiver"):
            raise forms.ValidationError("Choose a new status or a new receiving body.")
        receiver = data.get("receiver") or ""
        data["receiver_kind"], data["receiver_organisation"] = None, None
        if receiver == "none":
            data["receiver_kind"] = TransferItem.Receiver.NONE
        elif receiver.startswith("org:"):
            data["receiver_kind"] = TransferItem.Receiver.ORGANISATION
            data["receiver_organisation"] = self.organisations.get(int(receiver[4:]))
        elif receiver:
            data["receiver_kind"] = receiver
        return data


class ChoicesListedOnce(ModelChoiceIterator):
    """List a model choice field's choices in one plain query: a template loop counts them first (a second query)."""

    def __init__(self, field):
        super().__init__(field)
        self.listed = None

    def _list(self) -> list:
        if self.listed is None:
            # The queryset read whole, as the list is kept anyway: Django's iterator() would read a handful of
            # workstreams through a server-side cursor (a DECLARE on PostgreSQL), a round trip more.
            empty = [("", self.field.empty_label)] if self.field.empty_label is not None else []
            self.listed = [*empty, *(self.choice(obj) for obj in self.queryset)]
        return self.listed

    def __iter__(self):
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())


class TransferItemFilter(BootstrapFilterSet):
    kind = django_filters.ChoiceFilter(label="Kind", choices=TransferItem.Kind.CHOICES, empty_label="Any")
    status = django_filters.ChoiceFilter(label="Status", choices=TransferItem.Status.choices, empty_label="Any")
    receiver = django_filters.ChoiceFilter(label="Receiving body", method="by_receiver", choices=[])
    workstream = django_filters.ModelChoiceFilter(
        label="Workstream", queryset=Workstream.objects.none(), empty_label="Any"
    )
    day_one = django_filters.ChoiceFilter(
        label="Day-one critical", choices=[("true", "Yes"), ("false", "No")], empty_label="Any", method="by_day_one"
    )

    class Meta:
        model = TransferItem
        fields = ["kind", "status", "receiver", "workstream", "day_one"]

    def __init__(self, *args, programme: TransitionProgramme, receivers: list[tuple[str, str]], **kwargs):
        """Offer the organisations of `receivers` (their `organisation_choices`)."""
        super().__init__(*args, **kwargs)
        self.filters["workstream"].queryset = programme.workstreams.all()
        self.form.fields["workstream"].queryset = programme.workstreams.all()
        self.form.fields["workstream"].iterator = ChoicesListedOnce
        R = TransferItem.Receiver
        choices = [
            ("none", "Not yet named"),
            (R.SUCCESSOR, "The successor body"),
            (R.CLOSE, "None: to close"),
            *receivers,
        ]
        self.filters["receiver"].extra["choices"] = choices
        self.form.fields["receiver"].choices = GivenChoices(choices)  # the filter writes its own "Any" first

    def selects(self) -> list[dict]:
        """Return each field's name, id, label, choices and chosen value, for the register to write in one pass."""
        return [
            {
                "name": field.html_name,
                "id": field.id_for_label,
                "label": field.label,
                "choices": field.field.choices,
                "current": "" if (value := field.value()) is None else f"{value}",
            }
            for field in self.form
        ]

    def by_day_one(self, queryset, name, value):
        return queryset.filter(day_one_critical=value == "true")

    def by_receiver(self, queryset, name, value):
        if value == "none":
            return queryset.filter(receiver_kind=TransferItem.Receiver.NONE)
        if value.startswith("org:"):
            return queryset.filter(receiver_organisation_id=value[4:])
        return queryset.filter(receiver_kind=value)

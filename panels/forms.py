from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT

from partners.models import Organisation, OrganisationType
from pcc_portal.accounts.models import ForceArea, Role, User
from plans.models import PlanVersion

from .models import (
    AgendaItem,
    AgendaReport,
    Attendance,
    Complaint,
    ConfirmationHearing,
    Meeting,
    Membership,
    MinutesStatus,
    PanelReport,
    PreceptYear,
    Recommendation,
    ReportParagraph,
    VetoVote,
)
from .models.meetings import MAX_REPORT_PARAGRAPHS
from .models.statutory import no_veto_message

CHOOSABLE_RESPONSES = [c for c in Recommendation.Status.choices if c[0] != Recommendation.Status.AWAITING]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Type of meeting", choices=Meeting.Kind.choices)
    starts_at = forms.DateTimeField(
        label="Date and start time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="The papers due date is worked out from this.",
    )
    venue = forms.CharField(max_length=250)


class ResponseForm(forms.Form):
    status = forms.ChoiceField(label="The Commissioner's position", choices=CHOOSABLE_RESPONSES)
    response = forms.CharField(label="Response", widget=forms.Textarea(attrs={"rows": 8}), help_text="Markdown.")


class CommissionerResponseForm(forms.Form):
    """One response, to one or several recommendations or to a whole section of them."""

    recommendations = forms.ModelMultipleChoiceField(
        label="Recommendations this response answers",
        queryset=Recommendation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    section_heading = forms.ChoiceField(
        label="Or a whole section",
        required=False,
        help_text="A response to a section answers every recommendation under its heading.",
    )
    status = forms.ChoiceField(
        label="The Commissioner's position",
        choices=CHOOSABLE_RESPONSES,
        help_text="Given to every recommendation answered. “Not stated” when the response takes no position.",
    )
    text = forms.CharField(label="Response", widget=forms.Textarea(attrs={"rows": 8}), help_text="Markdown.")

    def __init__(self, *args, recommendations, headings: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].queryset = recommendations
        self.fields["recommendations"].label_from_instance = lambda rec: f"({rec.label}) {rec.text[:90]}"
        self.fields["section_heading"].choices = [("", "No: the recommendations ticked")] + [(h, h) for h in headings]

    def clean(self):
        data = super().clean()
        if not data.get("recommendations") and not data.get("section_heading"):
            self.add_error(
                "recommendations", "Choose the recommendations this response answers, or the section it answers."
            )
        return data


class CommentsResponseForm(forms.Form):
    comments_response = forms.CharField(
        label="The Commissioner's response to the panel's comments",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Markdown. Leave blank if there is none.",
        required=False,
    )


class VetoVoteForm(forms.Form):
    matter = forms.ChoiceField(label="Veto of", choices=VetoVote.Matter.choices)
    voted_on = forms.DateField(label="Date of the vote", widget=forms.DateInput(attrs={"type": "date"}))
    votes_for_veto = forms.IntegerField(label="Members voting for the veto", min_value=0, max_value=40)


class SeatModelForm(forms.Form):
    size = forms.IntegerField(
        label="Councillor seats", min_value=1, max_value=40, help_text="At least one seat for each council."
    )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "kind", "is_exempt", "exempt_paragraph"]
        labels = {"is_exempt": "Exempt: not for publication"}
        help_texts = {
            "is_exempt": "The report and its appendices are kept from the public pages, search, the API and "
            "feeds; the panel, its officers and the area's OPCC staff still see them."
        }

    def clean(self):
        data = super().clean()
        if data.get("is_exempt") and not data.get("exempt_paragraph"):
            self.add_error("exempt_paragraph", "Choose the paragraph of Schedule 12A the exemption relies on.")
        return data


class AppendixForm(forms.Form):
    title = forms.CharField(max_length=250, help_text="E.g. Partnerships funding 2014/15.")
    file = forms.FileField(
        help_text="PDF, Word (.docx), Excel (.xlsx), OpenDocument, CSV, PNG or JPEG, up to 10 MB. "
        "PDF appendices are printed in the agenda pack; others are listed there."
    )

    def clean_file(self):
        from pcc_portal.core.uploads import APPENDIX_KINDS, check_upload

        upload = self.cleaned_data["file"]
        check_upload(upload, kinds=APPENDIX_KINDS)
        return upload


class AppendixArrangeForm(forms.Form):
    """Titles and order of a report's appendices: one title and one position field per appendix."""

    def __init__(self, *args, appendices, **kwargs):
        super().__init__(*args, **kwargs)
        self.appendices = list(appendices)
        count = len(self.appendices)
        for appendix in self.appendices:
            self.fields[f"title_{appendix.pk}"] = forms.CharField(
                label=f"Title of appendix {appendix.position}", max_length=250, initial=appendix.title
            )
            self.fields[f"position_{appendix.pk}"] = forms.IntegerField(
                label=f"Position of “{appendix.title}”", min_value=1, max_value=max(count, 1), initial=appendix.position
            )

    def rows(self):
        return [(a, self[f"title_{a.pk}"], self[f"position_{a.pk}"]) for a in self.appendices]

    def order(self) -> list[int]:
        return [
            a.pk
            for a in sorted(self.appendices, key=lambda a: (self.cleaned_data[f"position_{a.pk}"], a.position, a.pk))
        ]

    def titles(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"title_{a.pk}"] for a in self.appendices}


IMPLICATION_FIELDS = [
    "financial_implications",
    "legal_implications",
    "equality_implications",
    "risks_and_impact",
    "plan_link",
]
CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_email"]

MARKDOWN_HELP = (
    "Markdown: **bold**, *italic*, [a link](https://example.org). For a list, start each line with its marker, "
    "as you would on paper: “(a)”, “a)”, “a.”, “(i)”, “1.” "
    "or “-”; the markers show as written, a list may start at any number, and lines pasted one under "
    "another stay separate items. Indent a line by four spaces to nest it. For a table, write rows as "
    "“| cell | cell |” under a header row and a “|---|---|” line; to put a list in a cell, "
    "part its items with <br>, as in “(a) first<br>(b) second”."
)


class AgendaReportForm(forms.ModelForm):
    class Meta:
        model = AgendaReport
        fields = [
            "subject",
            "report_of",
            "report_date",
            "author",
            "paragraph_numbering",
            *IMPLICATION_FIELDS,
            *CONTACT_FIELDS,
        ]
        labels = {"paragraph_numbering": "Paragraph numbers"}
        help_texts = {
            "subject": "The report's title, shown as you type it.",
            "report_of": "Optional: who the report is from, such as “Police and Crime Commissioner”.",
            "report_date": "Optional.",
            "author": "Optional.",
            **dict.fromkeys(IMPLICATION_FIELDS, "Optional: left out of the report when empty. Markdown."),
        }
        widgets = {
            "report_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "paragraph_numbering": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 2}) for name in IMPLICATION_FIELDS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph_numbering"].required = False

    def clean_paragraph_numbering(self) -> str:
        return self.cleaned_data.get("paragraph_numbering") or AgendaReport.Numbering.CONTINUOUS

    def header_fields(self):
        return [self[name] for name in ["subject", "report_of", "report_date", "author", "paragraph_numbering"]]

    def implication_fields(self):
        return [self[name] for name in IMPLICATION_FIELDS]

    def contact_fields(self):
        return [self[name] for name in CONTACT_FIELDS]


# Caps on the rows a form takes: well above any real paper (Agenda Item 5 of
# 29 September 2014 has 12 paragraphs; the panel's comments on the draft plan
# have ten recommendations with seven sub-points), and low enough that a
# forged form count is refused at once instead of building and rendering
# thousands of forms.
MAX_RECOMMENDATIONS = 100


class CappedFormSetMixin:
    """Refuse more rows than the formset's max_num with a message that says what to do.

    Set absolute_max to max_num, with validate_max: a posted count above it is
    refused as a whole (nothing saved), and no form is built for it at all, so
    the refusal costs no more than an empty form. The page never offers more
    rows than max_num (one blank row after the saved ones), so only a forged
    count meets this.
    """

    row_name = "rows"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["too_many_forms"] = (
            f"This form takes at most {self.max_num} {self.row_name}. Remove some and save again."
        )

    def _posted_too_many(self) -> bool:
        management = self.management_form
        return management.is_valid() and management.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max

    def total_form_count(self) -> int:
        if self.is_bound and self._posted_too_many():
            return 0  # refused in full_clean (too_many_forms); build nothing meanwhile
        return super().total_form_count()


class CappedInlineFormSet(CappedFormSetMixin, forms.BaseInlineFormSet):
    pass


class ReportParagraphBaseFormSet(CappedInlineFormSet):
    row_name = "paragraphs"

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position"
        form.fields["ORDER"].help_text = "Paragraphs are printed in this order; change the numbers to move them."
        form.fields["ORDER"].widget.attrs.update({"min": 1, "max": self.max_num, "class": "paragraph-order"})
        form.fields["DELETE"].label = "Remove this paragraph when the report is saved"


class ReportParagraphForm(forms.ModelForm):
    class Meta:
        model = ReportParagraph
        fields = ["section_heading", "heading", "text"]
        labels = {"section_heading": "Section heading", "heading": "Sub-heading", "text": "Text"}
        help_texts = {
            "section_heading": "Optional: starts a new section, such as “Purpose of Report” or "
            "“Background”, with the words you choose.",
            "heading": "Optional: a smaller heading above this paragraph.",
            "text": MARKDOWN_HELP,
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def has_changed(self) -> bool:
        """Treat a row whose words are all blank as unchanged, whatever its position says, so it is skipped."""
        return any(name in self.changed_data for name in self._meta.fields)


class RecommendationBaseFormSet(CappedInlineFormSet):
    row_name = "recommendations and sub-points"


ReportParagraphFormSet = forms.inlineformset_factory(
    AgendaReport,
    ReportParagraph,
    form=ReportParagraphForm,
    formset=ReportParagraphBaseFormSet,
    extra=1,
    can_delete=True,
    can_order=True,
    max_num=MAX_REPORT_PARAGRAPHS,
    absolute_max=MAX_REPORT_PARAGRAPHS,
    validate_max=True,
)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["full_name", "kind", "council", "party", "office", "starts_on", "ends_on", "bar"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        if councils is not None:
            self.fields["council"].queryset = councils


class ComplaintForm(forms.ModelForm):
    class Meta:
        model = Complaint
        fields = ["received_on", "complainant", "summary"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ComplaintStatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=Complaint.Status.choices)
    outcome = forms.CharField(label="Outcome", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PanelReportForm(forms.ModelForm):
    class Meta:
        model = PanelReport
        fields = [
            "title",
            "subject",
            "plan_version",
            "meeting",
            "sent_on",
            "responses_due_on",
            "comments",
        ]
        widgets = {
            "sent_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "responses_due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "comments": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"comments": "Comments (optional)"}

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_version"].queryset = PlanVersion.objects.filter(
            plan__force_area=panel.force_area_id
        ).select_related("plan")
        self.fields["meeting"].queryset = panel.meetings.all()


class RecommendationForm(forms.ModelForm):
    parent_label = forms.CharField(
        label="Sub-point of",
        required=False,
        max_length=10,
        help_text="The letter of the recommendation this is a sub-point of, e.g. i; blank for a recommendation.",
    )

    class Meta:
        model = Recommendation
        fields = ["position", "heading", "label", "text", "owner", "response_due_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "response_due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.parent_id:
            self.fields["parent_label"].initial = self.instance.parent.label


RecommendationFormSet = forms.inlineformset_factory(
    PanelReport,
    Recommendation,
    form=RecommendationForm,
    formset=RecommendationBaseFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_RECOMMENDATIONS,
    absolute_max=MAX_RECOMMENDATIONS,
    validate_max=True,
)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label="Minutes of the meeting as a whole",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown. Anything before the items, e.g. who chaired; the items' minutes go below.",
    )
    minutes_status = forms.ChoiceField(
        label="The minutes are",
        choices=MinutesStatus.choices,
        widget=forms.RadioSelect,
        help_text="Draft minutes are seen by the panel and its officers only; published minutes are public.",
    )
    minutes_approved_at = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=Meeting.objects.none(),
        required=False,
        help_text="Only for approved minutes: the later meeting that approved them as a correct record.",
    )

    ITEM_FIELDS = (
        ("minutes_discussion", "Discussion", 4),
        ("minutes_heard", "People heard (one a line)", 2),
        ("decision", "Decision", 2),
    )

    def __init__(self, *args, members, items, later_meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        self.items = list(items)
        self.fields["minutes_approved_at"].queryset = later_meetings
        self.fields["minutes_approved_at"].label_from_instance = lambda m: f"{m.meeting_date:%-d %B %Y}"
        for member in self.members:
            self.fields[f"attendance_{member.pk}"] = forms.ChoiceField(
                label=member.full_name, choices=[("", "Not recorded"), *Attendance.Status.choices], required=False
            )
            self.fields[f"substitute_{member.pk}"] = forms.CharField(
                label=f"Substitute for {member.full_name}", required=False, max_length=150
            )
        for item in self.items:
            for name, label, rows in self.ITEM_FIELDS:
                self.fields[f"{name}_{item.pk}"] = forms.CharField(
                    label=f"{label}: item {item.number}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": rows}),
                )

    def clean(self):
        data = super().clean()
        if data.get("minutes_status") == MinutesStatus.APPROVED and not data.get("minutes_approved_at"):
            self.add_error("minutes_approved_at", "Choose the meeting at which the minutes were approved.")
        return data

    def attendance_rows(self):
        return [(m, self[f"attendance_{m.pk}"], self[f"substitute_{m.pk}"]) for m in self.members]

    def item_rows(self):
        return [(i, [self[f"{name}_{i.pk}"] for name, _label, _rows in self.ITEM_FIELDS]) for i in self.items]

    def item_minutes(self) -> dict[int, dict[str, str]]:
        return {
            i.pk: {name: self.cleaned_data[f"{name}_{i.pk}"] for name, _label, _rows in self.ITEM_FIELDS}
            for i in self.items
        }


class DeclarationForm(forms.Form):
    membership = forms.ModelChoiceField(label="Member", queryset=Membership.objects.none())
    agenda_item = forms.ModelChoiceField(label="Agenda item", queryset=AgendaItem.objects.none(), required=False)
    interest = forms.CharField(label="Interest declared", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = members
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class HearingForm(forms.ModelForm):
    class Meta:
        model = ConfirmationHearing
        fields = ["post", "candidate", "notified_on", "hearing_on"]
        widgets = {
            "notified_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hearing_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class HearingOutcomeForm(forms.Form):
    """The panel's report on a proposed appointment; the veto fields apply to a Chief Constable only."""

    reported_on = forms.DateField(
        label="Date the panel reported",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    recommendation = forms.CharField(
        label="Report and recommendation",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown: headings, lists, links and emphasis.",
    )
    vetoed = forms.BooleanField(label="The panel vetoed the appointment", required=False)
    votes_for_veto = forms.IntegerField(
        label="Members voting for the veto",
        min_value=0,
        max_value=40,
        required=False,
        help_text="Leave blank if no veto vote was held.",
    )

    def __init__(self, *args, hearing: ConfirmationHearing, **kwargs):
        super().__init__(*args, **kwargs)
        self.hearing = hearing
        if hearing.veto_available:
            self.fields[
                "vetoed"
            ].help_text = (
                "A veto needs at least two-thirds of the members in post on the day the panel reported, rounded up."
            )
        else:
            self.fields[
                "vetoed"
            ].help_text = f"Only a proposed Chief Constable may be vetoed; a {hearing.get_post_display()} may not."

    def clean(self):
        data = super().clean()
        hearing = self.hearing
        reported_on = data.get("reported_on")
        if reported_on and reported_on < hearing.notified_on:
            self.add_error(
                "reported_on",
                f"The panel cannot have reported before it was notified on {hearing.notified_on:%-d %B %Y}.",
            )
        if (data.get("vetoed") or data.get("votes_for_veto") is not None) and not hearing.veto_available:
            self.add_error("vetoed", no_veto_message(hearing))
        elif data.get("vetoed") and data.get("votes_for_veto") is None and "votes_for_veto" not in self.errors:
            self.add_error("votes_for_veto", "Enter how many members voted for the veto.")
        return data


class PreceptYearForm(forms.ModelForm):
    class Meta:
        model = PreceptYear
        fields = [
            "proposed_precept_received_on",
            "panel_report_on",
            "revised_precept_received_on",
            "second_report_on",
            "final_precept_issued_on",
        ]
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for name in fields}


class AreaSetupForm(forms.Form):
    """A new force area, its host authority and its panel: one page in three steps."""

    area_name = forms.CharField(label="Name of the force area", max_length=120, help_text="E.g. Leicestershire.")
    area_code = forms.SlugField(
        label="Short code",
        max_length=60,
        help_text="Used in web addresses: lower-case letters, numbers and hyphens, e.g. leicestershire.",
    )
    nation = forms.ChoiceField(choices=ForceArea.Nation.choices)
    host_existing = forms.ModelChoiceField(
        label="An existing council",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="None: a new council",
    )
    host_name = forms.CharField(label="Or a new council: its name", max_length=200, required=False)
    host_type = forms.ChoiceField(
        label="The new council's type",
        choices=[("", "Choose a type")]
        + [(t.value, t.label) for t in map(OrganisationType, OrganisationType.councils())],
        required=False,
    )
    panel_name = forms.CharField(
        label="Name of the panel",
        max_length=200,
        help_text="E.g. Leicester, Leicestershire and Rutland Police and Crime Panel.",
    )
    lead_adviser = forms.CharField(
        label="Lead adviser", max_length=200, required=False, help_text="Optional, e.g. Chief Executive, Dudley MBC."
    )

    def __init__(self, *args, host_authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_existing"].queryset = host_authorities

    def clean_area_name(self):
        name = self.cleaned_data["area_name"].strip()
        if ForceArea.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"There is already a force area called {name}.")
        return name

    def clean_area_code(self):
        code = self.cleaned_data["area_code"].lower()
        if ForceArea.objects.filter(code=code).exists():
            raise forms.ValidationError(f"The code {code} is taken: choose another.")
        return code

    def clean(self):
        cleaned = super().clean()
        existing, name, kind = (
            cleaned.get("host_existing"),
            cleaned.get("host_name", "").strip(),
            cleaned.get("host_type"),
        )
        if existing and name:
            self.add_error("host_name", "Choose an existing council or name a new one, not both.")
        elif not existing and not name:
            self.add_error("host_existing", "Choose the council that hosts the panel, or name a new one.")
        elif name and not kind:
            self.add_error("host_type", "Choose the new council's type.")
        return cleaned


class FirstUserForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(
        choices=[
            (Role.OPCC_STAFF.value, Role.OPCC_STAFF.label),
            (Role.PANEL_SECRETARIAT.value, Role.PANEL_SECRETARIAT.label),
        ],
        initial=Role.OPCC_STAFF,
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("This person already has an account: add them to the area from their account.")
        return email


class BaseFirstUserFormSet(CappedFormSetMixin, forms.BaseFormSet):
    row_name = "people"

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            email = form.cleaned_data.get("email")
            if email and email in seen:
                form.add_error("email", "This address is given twice.")
            seen.add(email)

    @property
    def people(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]


FirstUserFormSet = forms.formset_factory(
    FirstUserForm,
    formset=BaseFirstUserFormSet,
    extra=3,
    max_num=5,
    absolute_max=5,
    validate_max=True,
    min_num=1,
    validate_min=True,
)

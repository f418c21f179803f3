"""Forms: they validate input only; the services decide what happens."""

from pathlib import Path

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from partners.models import Contact, Organisation
from pcc_portal.core.forms import (
    DASHES,
    FilteredCheckboxSelectMultiple,
    Select,
    blank_choice_prompt,
    read_choices_whole,
)
from plans.models import PlanVersion

from .models import (
    Action,
    Answer,
    Attendee,
    Consultation,
    ConsultationDocument,
    ConsultationEvent,
    Finding,
    Outcome,
    Question,
    Session,
    Theme,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MAX_CHOICES = 50  # options of one choice question, one a line


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class AnswersForm(forms.Form):
    """One field per question; required questions are enforced only on submission."""

    def __init__(self, *args, questions, enforce_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.enforce_required = enforce_required
        for question in self.questions:
            self.fields[question.field_name] = self._field_for(question)
        self.helper = _helper()

    def _field_for(self, question: Question) -> forms.Field:
        label = f"{question.position}. {question.text}" if question.position else question.text
        if question.required:
            label = f"{label} (required)"
        common = {"label": label, "help_text": question.help_text, "required": False}
        if question.kind == Question.Kind.SINGLE:
            return forms.ChoiceField(choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in question.choices], widget=forms.CheckboxSelectMultiple, **common
            )
        if question.kind == Question.Kind.RATING:
            choices = [(str(n), str(n)) for n in range(1, Question.RATING_MAX + 1)]
            common["help_text"] = question.help_text or "1 is the lowest, 5 the highest."
            return forms.TypedChoiceField(
                choices=choices, coerce=int, empty_value=None, widget=forms.RadioSelect, **common
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000, **common)

    def clean(self):
        cleaned = super().clean()
        if self.enforce_required:
            for question in self.questions:
                value = cleaned.get(question.field_name)
                if question.required and value in (None, "", []):
                    self.add_error(question.field_name, "Answer this question before you submit.")
        return cleaned

    def answer_values(self) -> dict[int, dict]:
        """Return the cleaned answers as {question id: {text, selected, rating}}."""
        values = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if question.kind == Question.Kind.SINGLE:
                values[question.pk] = {"selected": [value] if value else []}
            elif question.kind == Question.Kind.MULTIPLE:
                values[question.pk] = {"selected": list(value or [])}
            elif question.kind == Question.Kind.RATING:
                values[question.pk] = {"rating": value}
            else:
                values[question.pk] = {"text": value or ""}
        return values

    @staticmethod
    def initial_from(answers) -> dict:
        initial = {}
        for answer in answers:
            name = f"q{answer.question_id}"
            kind = answer.question.kind
            if kind == Question.Kind.SINGLE:
                initial[name] = answer.selected[0] if answer.selected else ""
            elif kind == Question.Kind.MULTIPLE:
                initial[name] = answer.selected
            elif kind == Question.Kind.RATING:
                initial[name] = str(answer.rating) if answer.rating is not None else ""
            else:
                initial[name] = answer.text
        return initial


class SubmitForm(forms.Form):
    publication_consent = forms.BooleanField(
        required=False,
        label="The OPCC may publish our response (names and personal details can be redacted)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PublicResponseForm(AnswersForm):
    """A response from anyone: a person for themselves, or on behalf of an organisation or group."""

    class RespondingAs:
        INDIVIDUAL = "individual"
        ORGANISATION = "organisation"
        CHOICES = [
            (INDIVIDUAL, "As an individual"),
            (ORGANISATION, "On behalf of an organisation or group"),
        ]

    responding_as = forms.ChoiceField(
        label="Are you responding as an individual or on behalf of an organisation?",
        choices=RespondingAs.CHOICES,
        initial=RespondingAs.INDIVIDUAL,
        required=False,
        widget=forms.RadioSelect,
    )
    respondent_name = forms.CharField(label="Your name (required)", max_length=150)
    organisation_name = forms.CharField(
        label="Name of the organisation or group",
        max_length=200,
        required=False,
        help_text="Only if you respond on behalf of an organisation or group.",
    )
    respondent_email = forms.EmailField(
        label="Your email address (required)",
        help_text="We send a link to this address: your response counts once you follow it.",
    )
    publication_consent = forms.BooleanField(
        required=False,
        label="You may publish this response with my name, or my organisation's name (never my email address)",
    )
    # A field people never see and simple bots fill in. The template renders it hidden from
    # sight and from the accessibility tree, so nobody using a screen reader meets it.
    website = forms.CharField(required=False, label="Website")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("enforce_required", True)
        super().__init__(*args, **kwargs)
        # Who is responding first, then the questions, then consent.
        order = ["responding_as", "respondent_name", "organisation_name", "respondent_email"]
        order += [q.field_name for q in self.questions]
        order += ["publication_consent"]
        self.order_fields([*order, "website"])
        self.helper.layout = Layout(*order)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError("Your response could not be sent. Please try again.")
        as_organisation = cleaned.get("responding_as") == self.RespondingAs.ORGANISATION
        if as_organisation and not cleaned.get("organisation_name", "").strip():
            self.add_error("organisation_name", "Enter the name of the organisation or group you respond for.")
        if not as_organisation:
            cleaned["organisation_name"] = ""
        return cleaned


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "force_area",
            "title",
            "summary",
            "subject",
            "plan_version",
            "subject_description",
            "opens_at",
            "closes_at",
            "audience",
            "invited_organisations",
        ]
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "invited_organisations": FilteredCheckboxSelectMultiple(noun="organisations"),
        }
        help_texts = {"opens_at": "London time.", "closes_at": "London time. Nothing can be changed after this."}

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        area_ids = [a.pk for a in areas]
        self.fields["force_area"].queryset = areas
        self.fields["plan_version"].queryset = PlanVersion.objects.filter(
            plan__force_area_id__in=area_ids
        ).select_related("plan")
        self.fields["invited_organisations"].queryset = (
            Organisation.objects.filter(force_areas__in=area_ids, is_active=True).distinct().order_by("name")
        )
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        subject = cleaned.get("subject")
        version = cleaned.get("plan_version")
        area = cleaned.get("force_area")
        if subject == Consultation.Subject.PLAN_VERSION and version is None:
            self.add_error("plan_version", "Choose the plan version being consulted on.")
        if version is not None and area is not None and version.plan.force_area_id != area.pk:
            self.add_error("plan_version", "Choose a plan version of the consultation's force area.")
        if subject != Consultation.Subject.PLAN_VERSION and not cleaned.get("subject_description"):
            self.add_error("subject_description", "Describe what is being consulted on.")
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The closing date must be after the opening date.")
        if cleaned.get("audience") == Consultation.Audience.INVITED and not cleaned.get("invited_organisations"):
            self.add_error("invited_organisations", "Invite at least one organisation, or open it to the public.")
        return cleaned


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For choice questions: one option per line.",
    )

    class Meta:
        model = Question
        fields = ["text", "help_text", "kind", "required"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        options = [line.strip() for line in (cleaned.get("choices_text") or "").splitlines() if line.strip()]
        if cleaned.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(options) < 2:
                self.add_error("choices_text", "Give at least two options, one per line.")
            if len(set(options)) != len(options):
                self.add_error("choices_text", "Each option must be different.")
            if len(options) > MAX_CHOICES:
                self.add_error("choices_text", f"A question takes at most {MAX_CHOICES} options.")
        else:
            options = []
        cleaned["choices"] = options
        return cleaned


# Leading bytes of each allowed type: the extension alone is not trusted.
ZIP_MAGIC = b"PK\x03\x04"
MAGIC = {"pdf": [b"%PDF-"], "docx": [ZIP_MAGIC], "xlsx": [ZIP_MAGIC], "odt": [ZIP_MAGIC], "ods": [ZIP_MAGIC]}


def validate_upload(upload) -> None:
    """Check an uploaded document's size and that its content matches its type."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(f"The file is too large: the limit is {limit // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in ConsultationDocument.ALLOWED_EXTENSIONS:
        allowed = ", ".join(ConsultationDocument.ALLOWED_EXTENSIONS)
        raise ValidationError(f"Upload a document of one of these types: {allowed}.")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if extension in MAGIC:
        if not any(head.startswith(magic) for magic in MAGIC[extension]):
            raise ValidationError(f"The file's content is not a .{extension} document.")
    else:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the boundary; only reject clear binary.
            if b"\x00" in head:
                raise ValidationError(f"The file's content is not a .{extension} text file.") from None


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ConsultationDocument
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ", ".join(f".{e}" for e in ConsultationDocument.ALLOWED_EXTENSIONS)
        self.fields["file"].help_text = f"{allowed}; up to {settings.PORTAL_MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{e}" for e in ConsultationDocument.ALLOWED_EXTENSIONS)
        self.helper = _helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload)
        return upload


def _offer_answers(field: forms.ModelChoiceField, answers: list[Answer]) -> None:
    """Offer the answers the page has already read, in their order, instead of reading them again.

    Only the options shown change: a posted choice is still checked against the field's queryset.
    """
    # A fixed list keeps Django's "---------", which the portal's renderer words only for a queryset's options.
    empty = (
        blank_choice_prompt(field.label, required=field.required) if field.empty_label == DASHES else field.empty_label
    )
    field.choices = [("", empty), *((answer.pk, answer.question.text) for answer in answers)]


class TagForm(forms.Form):
    theme = forms.ModelChoiceField(queryset=Theme.objects.all(), widget=Select)
    answer = forms.ModelChoiceField(
        queryset=Answer.objects.none(), required=False, label="Question (optional)", widget=Select
    )
    excerpt = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="The words that show the theme."
    )

    def __init__(self, *args, response, answers: list[Answer] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].queryset = response.answers.select_related("question")
        self.fields["answer"].label_from_instance = lambda a: a.question.text
        if answers is not None:
            _offer_answers(self.fields["answer"], answers)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        answer, excerpt = cleaned.get("answer"), (cleaned.get("excerpt") or "").strip()
        if excerpt and answer is not None and excerpt not in answer.text:
            self.add_error("excerpt", "Copy the excerpt exactly from the chosen answer.")
        cleaned["excerpt"] = excerpt
        return cleaned


class NoteForm(forms.Form):
    text = forms.CharField(label="Analyst note", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RedactionForm(forms.Form):
    answer = forms.ModelChoiceField(queryset=Answer.objects.none(), label="Question", widget=Select)
    phrase = forms.CharField(max_length=500, help_text="The exact words to hide when the response is published.")
    reason = forms.CharField(max_length=300, help_text="Why, e.g. personal data of a third party.")

    def __init__(self, *args, response, answers: list[Answer] | None = None, **kwargs):
        # Its own ids: the tag form on the same page has a field named answer too, and two selects with the id
        # id_answer left this one without a label (its "Question" named the tag form's select).
        kwargs.setdefault("auto_id", "id_redaction_%s")
        super().__init__(*args, **kwargs)
        self.fields["answer"].queryset = response.answers.select_related("question").exclude(text="")
        self.fields["answer"].label_from_instance = lambda a: a.question.text
        if answers is not None:
            _offer_answers(self.fields["answer"], [answer for answer in answers if answer.text != ""])
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        answer, phrase = cleaned.get("answer"), cleaned.get("phrase")
        if answer is not None and phrase and phrase not in answer.text:
            self.add_error("phrase", "These words do not appear in that answer.")
        return cleaned


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["you_said", "we_did", "themes", "changed_plan_version"]
        widgets = {
            "you_said": forms.Textarea(attrs={"rows": 3}),
            "we_did": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "changed_plan_version": Select,
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changed_plan_version"].queryset = PlanVersion.objects.filter(
            plan__force_area_id=consultation.force_area_id
        ).select_related("plan")
        read_choices_whole(self)
        self.helper = _helper()


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices, label="Status")


# --- Events -------------------------------------------------------------------------------------


class EventForm(forms.ModelForm):
    class Meta:
        model = ConsultationEvent
        fields = [
            "title",
            "parent",
            "force_areas",
            "starts_on",
            "ends_on",
            "organiser",
            "purpose",
            "executive_summary",
            "method",
            "notes",
            "feedback_summary",
            "local_partners_intro",
            "home_office_intro",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "force_areas": FilteredCheckboxSelectMultiple(noun="areas"),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "executive_summary": forms.Textarea(attrs={"rows": 6}),
            "method": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "feedback_summary": forms.Textarea(attrs={"rows": 4}),
            "local_partners_intro": forms.Textarea(attrs={"rows": 3}),
            "home_office_intro": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "executive_summary": "Markdown. Leave a blank line between paragraphs: each is numbered in the report.",
            "method": "Markdown. Leave a blank line between paragraphs: each is numbered in the report.",
        }

    def __init__(self, *args, areas, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["force_areas"].queryset = areas
        if self.instance.pk:
            others = self.instance.force_areas.exclude(pk__in=areas.values("pk")).order_by("name")
            if others:
                self.fields["force_areas"].help_text = (
                    f"Also held in {', '.join(a.name for a in others)}: "
                    "those areas stay on the event whatever you choose here."
                )
        self.fields["parent"].queryset = programmes
        self.fields["parent"].label = "Part of (programme)"
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The event cannot end before it starts.")
        parent = cleaned.get("parent")
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            self.add_error("parent", "An event cannot be part of itself.")
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "force_area", "kind", "audience", "held_on", "facilitator", "summary"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, prefix="session", **kwargs)
        self.fields["force_area"].queryset = event.force_areas.all()
        self.helper = _helper()


class AttendeeForm(forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["session", "organisation", "contact", "name", "role", "seniority", "attended"]
        help_texts = {"seniority": "Sessions should bring together representatives of equivalent seniority."}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, prefix="attendee", **kwargs)
        self.fields["session"].queryset = event.sessions.select_related("force_area")
        area_ids = list(event.force_areas.values_list("pk", flat=True))
        organisations = Organisation.objects.filter(force_areas__in=area_ids, is_active=True).distinct()
        self.fields["organisation"].queryset = organisations.order_by("name")
        self.fields["contact"].queryset = Contact.objects.filter(
            organisation__in=organisations, is_active=True
        ).select_related("organisation")
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        contact, organisation = cleaned.get("contact"), cleaned.get("organisation")
        if contact is not None and organisation is not None and contact.organisation_id != organisation.pk:
            self.add_error("contact", "Choose a contact of the chosen organisation.")
        if contact is not None and not cleaned.get("seniority"):
            cleaned["seniority"] = contact.seniority
        return cleaned


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["theme", "session", "areas", "text"]
        widgets = {"areas": forms.CheckboxSelectMultiple, "text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"areas": "The areas that raised it.", "text": "Markdown: one numbered paragraph of the report."}

    def __init__(self, *args, event, sessions, **kwargs):
        super().__init__(*args, prefix="finding", **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["areas"].queryset = event.force_areas.all()
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        session, areas = cleaned.get("session"), cleaned.get("areas")
        if session is not None and areas is not None and session.force_area not in areas:
            self.add_error("areas", f"Include {session.force_area}, where the session was held.")
        return cleaned


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["responsible", "heading", "text", "owner"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"responsible": "Who needs to act"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="action", **kwargs)
        self.helper = _helper()


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["group", "name"]
        help_texts = {"group": "The heading it sits under in the report, e.g. Partnership issues."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="theme", **kwargs)
        self.helper = _helper()

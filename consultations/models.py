"""Consultation events with their findings, and consultations partners answer online."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Contact, Organisation, SeniorityTier
from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for
from plans.models import PlanVersion


class Theme(models.Model):
    """A theme findings and responses are tagged with (the headings of 001, extendable)."""

    group = models.CharField(max_length=120, help_text="The heading it sits under, e.g. Police and Crime Panels.")
    name = models.CharField(max_length=150)
    key = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name if self.name == self.group else f"{self.group}: {self.name}"


# --- Consultation events -------------------------------------------------------------------------


class ConsultationEvent(models.Model):
    """An event (or a programme of events) consulting partners in one or more force areas."""

    title = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text="The programme this event belongs to (e.g. the four Deep Dives).",
    )
    force_areas = models.ManyToManyField(ForceArea, related_name="consultation_events")
    starts_on = models.DateField()
    ends_on = models.DateField()
    organiser = models.CharField(max_length=200)
    purpose = models.TextField(help_text="Markdown.")
    executive_summary = models.TextField(blank=True, help_text="Markdown: one paragraph per block.")
    method = models.TextField(blank=True, help_text="Markdown: how the event was run.")
    notes = models.TextField(blank=True, help_text="Markdown: internal notes.")
    feedback_summary = models.TextField(blank=True, help_text="Markdown: the summary emailed to participants.")
    local_partners_intro = models.TextField(
        "introduction to what local partners need to do", blank=True, help_text="Markdown, optional."
    )
    home_office_intro = models.TextField(
        "introduction to what the Home Office needs to do", blank=True, help_text="Markdown, optional."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[force_areas])

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["-starts_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("consultations:event_detail", self.pk)


class Session(models.Model):
    class Kind(models.TextChoices):
        ROUNDTABLE = "roundtable", "Roundtable"
        WORKSHOP = "workshop", "Workshop"
        INTERVIEW = "interview", "One-to-one interview"
        FEEDBACK = "feedback", "Feedback session"

    class Audience(models.TextChoices):
        STRATEGIC_LEADERS = "strategic_leaders", "Strategic leaders"
        PANELS_SCRUTINY = "panels_scrutiny", "Panels and scrutiny"
        COLLABORATION = "collaboration", "Collaboration"
        INTEGRATED_COMMISSIONING = "integrated_commissioning", "Integrated commissioning"

    event = models.ForeignKey(ConsultationEvent, on_delete=models.CASCADE, related_name="sessions")
    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, db_index=True)
    audience = models.CharField(max_length=30, choices=Audience.choices, db_index=True)
    held_on = models.DateField(null=True, blank=True)
    facilitator = models.CharField(max_length=150, blank=True)
    summary = models.TextField(blank=True, help_text="Markdown: what was discussed.")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.force_area})"


class Attendee(models.Model):
    """An organisation (and its representative) invited to, or attending, a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=150, blank=True, help_text="If not a recorded contact.")
    role = models.CharField(max_length=200, blank=True)
    seniority = models.CharField(max_length=20, choices=SeniorityTier.choices, blank=True)
    attended = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "organisation__name", "pk"]
        indexes = [models.Index(fields=["session", "attended"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.organisation})"

    @property
    def display_name(self) -> str:
        if self.contact_id:
            return self.contact.full_name
        return self.name or "Representative"


class Finding(models.Model):
    event = models.ForeignKey(ConsultationEvent, on_delete=models.CASCADE, related_name="findings")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="findings")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    areas = models.ManyToManyField(ForceArea, related_name="+", help_text="The areas that raised it.")
    text = models.TextField(help_text="Markdown: one paragraph of the report.")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        ordering = ["theme__position", "position", "pk"]
        indexes = [models.Index(fields=["event", "theme"])]

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    class Responsible(models.TextChoices):
        LOCAL_PARTNERS = "local_partners", "What local partners need to do"
        HOME_OFFICE = "home_office", "What the Home Office needs to do"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    TRANSITIONS = {
        Status.OPEN: {Status.IN_PROGRESS, Status.DONE},
        Status.IN_PROGRESS: {Status.DONE, Status.OPEN},
        Status.DONE: {Status.IN_PROGRESS},
    }

    event = models.ForeignKey(ConsultationEvent, on_delete=models.CASCADE, related_name="actions")
    responsible = models.CharField(max_length=20, choices=Responsible.choices)
    heading = models.CharField(max_length=150, blank=True, help_text="E.g. Information and Communication.")
    text = models.TextField(help_text="Markdown.")
    owner = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "responsible", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FeedbackDelivery(models.Model):
    """Ledger: the feedback summary went to this address once."""

    event = models.ForeignKey(ConsultationEvent, on_delete=models.CASCADE, related_name="feedback_deliveries")
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="unique_feedback_delivery")]

    def __str__(self) -> str:
        return f"{self.event}: {self.email}"


# --- Consultations -------------------------------------------------------------------------------


class Consultation(models.Model):
    class Subject(models.TextChoices):
        PLAN_VERSION = "plan_version", "A Police and Crime Plan version"
        COMMISSIONING = "commissioning", "A commissioning proposal"
        OTHER = "other", "Something else"

    class Audience(models.TextChoices):
        INVITED = "invited", "Invited partner organisations"
        PUBLIC = "public", "The public (anyone may respond)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    TRANSITIONS = {Status.DRAFT: {Status.PUBLISHED}, Status.PUBLISHED: set()}

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Markdown: what is proposed and what you want to know.")
    subject = models.CharField(max_length=20, choices=Subject.choices, default=Subject.OTHER)
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="consultations"
    )
    subject_description = models.CharField(max_length=250, blank=True, help_text="For other subjects.")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField(db_index=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.INVITED)
    invited_organisations = models.ManyToManyField(Organisation, blank=True, related_name="consultations")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    outcomes_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[invited_organisations])

    class Meta:
        ordering = ["-closes_at", "title"]
        indexes = [models.Index(fields=["force_area", "status", "-closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="consultation_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("consultations:detail", self.pk)

    def is_open(self, at=None) -> bool:
        window = self.window_at(opens_at=self.opens_at, closes_at=self.closes_at, at=at or timezone.now())
        return self.status == self.Status.PUBLISHED and window == "open"

    def has_closed(self, at=None) -> bool:
        return self.window_at(opens_at=self.opens_at, closes_at=self.closes_at, at=at or timezone.now()) == "closed"

    @staticmethod
    def window_at(*, opens_at, closes_at, at) -> str:
        """Return "upcoming", "open" or "closed": where a moment falls in a consultation's window.

        The one rule for the model's methods and for lists that read consultations as rows.
        """
        if at >= closes_at:
            return "closed"
        return "open" if at >= opens_at else "upcoming"

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC

    @property
    def subject_label(self) -> str:
        if self.subject == self.Subject.PLAN_VERSION and self.plan_version_id:
            return str(self.plan_version)
        return self.subject_description or self.get_subject_display()


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Free text"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        RATING = "rating", "Rating (1 to 5)"

    RATING_MAX = 5

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(default=list, blank=True, help_text="The options, for choice questions.")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


def document_upload_to(instance, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/{filename}"


class ConsultationDocument(models.Model):
    ALLOWED_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=document_upload_to)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "title"]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_CONFIRMATION = "awaiting_confirmation", "Awaiting email confirmation"
        SUBMITTED = "submitted", "Submitted"

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.AWAITING_CONFIRMATION: {Status.SUBMITTED},
        Status.SUBMITTED: set(),
    }

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="consultation_responses"
    )
    respondent_name = models.CharField(max_length=150, blank=True)
    respondent_organisation = models.CharField(
        max_length=200, blank=True, help_text="A public response on behalf of an organisation or group: its name."
    )
    respondent_email = models.EmailField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.DRAFT, db_index=True)
    reference = models.CharField(max_length=30, blank=True, db_index=True)
    publication_consent = models.BooleanField(
        "may be published", default=False, help_text="The respondent agrees that the response may be published."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True, help_text="When it was sent (before any confirmation).")
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["consultation", "-submitted_at", "pk"]
        # With the id (PostgreSQL): a consultation's submitted responses are counted, and checked against the
        # tags, from the index alone (the dashboard's box over a consultation of 20,000 responses).
        indexes = [models.Index(fields=["consultation", "status"], include=["id"], name="response_consultation_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="one_response_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Response {self.pk}"

    def get_absolute_url(self) -> str:
        return path_for("consultations:response_detail", self.pk)

    @property
    def respondent(self) -> str:
        return self.respondent_of(
            self.organisation.name if self.organisation_id else None, self.respondent_organisation, self.respondent_name
        )

    @staticmethod
    def respondent_of(organisation_name: str | None, respondent_organisation: str, respondent_name: str) -> str:
        """Return who a response of these values is from (for responses read as values, not objects)."""
        if organisation_name is not None:
            return organisation_name
        if respondent_organisation:
            return respondent_organisation
        return respondent_name or "Member of the public"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)
    selected = models.JSONField(default=list, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return self.display_of(self.text, self.selected, self.rating)

    @staticmethod
    def display_of(text: str, selected: list, rating: int | None) -> str:
        """Return how an answer of these values reads (for answers read as values, not objects)."""
        if rating is not None:
            return f"{rating} out of {Question.RATING_MAX}"
        if selected:
            return "; ".join(selected)
        return text

    @property
    def is_empty(self) -> bool:
        return self.empty_values(self.text, self.selected, self.rating)

    @staticmethod
    def empty_values(text: str, selected: list, rating: int | None) -> bool:
        """Return whether an answer of these values answers nothing (for answers read as values)."""
        return not (text.strip() or selected or rating is not None)


class ResponseTag(models.Model):
    """A theme an analyst found in a response, optionally with the excerpt that shows it."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="tags")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="tags")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="response_tags")
    excerpt = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__position", "pk"]
        indexes = [models.Index(fields=["theme", "response"])]

    def __str__(self) -> str:
        return f"{self.theme} – {self.response}"


class AnalystNote(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Redaction(models.Model):
    """Words hidden from the published response, with the reason recorded."""

    REPLACEMENT = "[redacted]"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="redactions")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="redactions")
    phrase = models.CharField(max_length=500)
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.reason} ({self.response})"


class Outcome(models.Model):
    """One "You said, we did" statement."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="outcomes")
    you_said = models.TextField("you said", help_text="Markdown.")
    we_did = models.TextField("we did", help_text="Markdown.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="outcomes")
    changed_plan_version = models.ForeignKey(
        PlanVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_outcomes",
        help_text="The plan version that changed as a result.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.you_said[:80]


class ReceiptDelivery(models.Model):
    """Ledger: each email about a response (receipt, confirmation request) goes once."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "Receipt"
        CONFIRMATION = "confirmation", "Confirmation request"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "kind", "email"], name="unique_response_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email}"

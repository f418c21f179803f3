"""Meetings, their agenda and papers, attendance and declarations."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pcc_portal.core.links import path_for

from .. import calendar as statutory
from .panel import Membership, Panel
from .papers import ExemptParagraph


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published, not yet approved"
    APPROVED = "approved", "Approved as a correct record"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", "Ordinary meeting"
        ANNUAL_REPORT = "annual_report", "Annual report meeting"
        PRECEPT = "precept", "Precept meeting"
        CONFIRMATION_HEARING = "confirmation_hearing", "Confirmation hearing"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.ORDINARY)
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=250)
    papers_published_on = models.DateField(
        null=True, blank=True, help_text="The day the agenda and reports were made public; blank until then."
    )
    minutes = models.TextField(blank=True, help_text="Minutes of the meeting as a whole, before the items (Markdown).")
    minutes_status = models.CharField(
        max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT, db_index=True
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_approved_here",
        help_text="The later meeting at which the panel approved these minutes as a correct record.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["panel", "starts_at"]),
            models.Index(fields=["papers_published_on"]),
            # The API's lists of meetings and agenda items, newest first: a page is read in order, not sorted.
            models.Index(fields=["-starts_at", "id"], name="meeting_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.panel.name}, {self.meeting_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return path_for("panels:meeting_detail", self.pk)

    @property
    def force_area_id(self) -> int:
        return self.panel.force_area_id

    @property
    def meeting_date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def papers_due_on(self) -> datetime.date:
        area = self.panel.force_area
        return statutory.papers_due_on(self.meeting_date, nation=area.nation, subdivision=area.holiday_subdivision)

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_status == MinutesStatus.APPROVED

    @property
    def minutes_public(self) -> bool:
        """Minutes are public once published (draft minutes stay with the panel and its officers)."""
        return self.minutes_status in {MinutesStatus.PUBLISHED, MinutesStatus.APPROVED}

    @property
    def papers_published(self) -> bool:
        return self.papers_published_on is not None

    @property
    def papers_late(self) -> bool:
        """Papers published after the due date, or still unpublished once it has passed."""
        if self.papers_published_on:
            return self.papers_published_on > self.papers_due_on
        return timezone.localdate() > self.papers_due_on


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the last meeting"
        PUBLIC_QUESTIONS = "public_questions", "Public questions"
        REPORT = "report", "Report"
        OTHER = "other", "Other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    is_exempt = models.BooleanField(
        "exempt", default=False, help_text="Exempt information (LGA 1972 Sch 12A): never shown to the public."
    )
    exempt_paragraph = models.CharField(
        "paragraph of Schedule 12A",
        max_length=2,
        choices=ExemptParagraph.choices,
        blank=True,
        help_text="The paragraph of Schedule 12A to the Local Government Act 1972 the exemption relies on.",
    )
    minutes_discussion = models.TextField("discussion", blank=True, help_text="Minutes: what was discussed (Markdown).")
    minutes_heard = models.TextField(
        "people heard", blank=True, help_text="Minutes: who presented or spoke to the panel, one a line."
    )
    decision = models.TextField(blank=True, help_text="What the panel resolved (Markdown).")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_agenda_item_number")]

    def __str__(self) -> str:
        return f"Agenda Item {self.number}: {self.title}"

    def clean(self) -> None:
        if self.is_exempt and not self.exempt_paragraph:
            raise ValidationError({"exempt_paragraph": "Choose the paragraph of Schedule 12A the exemption relies on."})
        if not self.is_exempt:
            self.exempt_paragraph = ""

    @property
    def force_area_id(self) -> int:
        return self.meeting.panel.force_area_id

    @property
    def people_heard(self) -> list[str]:
        return [line.strip() for line in self.minutes_heard.splitlines() if line.strip()]

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_discussion.strip() or self.minutes_heard.strip() or self.decision.strip())


class AgendaReport(models.Model):
    """A report to the panel: a header, then sections and paragraphs in the author's order.

    Only the subject is required: the other header fields, the implications and
    the contact are left out of the paper when empty, since panels and OPCCs
    lay their reports out in different ways.
    """

    class Numbering(models.TextChoices):
        CONTINUOUS = "continuous", "Numbered through the report (1, 2, 3)"
        BY_SECTION = "by_section", "Numbered within each section (1.1, 1.2, 2.1)"
        NONE = "none", "Not numbered"

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="report")
    report_of = models.CharField(max_length=200, blank=True)
    report_date = models.DateField(null=True, blank=True)
    subject = models.CharField(max_length=250)
    author = models.CharField(max_length=200, blank=True)
    paragraph_numbering = models.CharField(max_length=12, choices=Numbering.choices, default=Numbering.CONTINUOUS)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    equality_implications = models.TextField("equality impact assessment", blank=True)
    risks_and_impact = models.TextField(blank=True)
    plan_link = models.TextField("link to the Police and Crime Plan", blank=True)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return path_for("panels:report_detail", self.pk)

    @property
    def implications(self) -> list[tuple[str, str]]:
        """Return the implications the author wrote, leaving out the empty ones."""
        rows = [
            ("Financial", self.financial_implications),
            ("Legal", self.legal_implications),
            ("Equality Impact Assessment", self.equality_implications),
            ("Risks and Impact", self.risks_and_impact),
            ("Link to Police and Crime Plan", self.plan_link),
        ]
        return [(heading, text) for heading, text in rows if text.strip()]

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone or self.contact_email)


# Well above any real paper (Agenda Item 5 of 29 September 2014 has 12
# paragraphs), and low enough that a forged form count is refused at once.
MAX_REPORT_PARAGRAPHS = 200


class ReportParagraph(models.Model):
    """A block of the report in the author's order: an optional section heading, sub-heading and Markdown text.

    A section heading starts a new section above the block. Paragraph numbers
    are not stored: they follow the report's numbering choice and the order.
    """

    report = models.ForeignKey(AgendaReport, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField()
    section_heading = models.CharField(
        max_length=200, blank=True, help_text="Starts a new section with this heading, such as “Background”."
    )
    heading = models.CharField(max_length=200, blank=True, help_text="Sub-heading shown above this paragraph.")
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="unique_report_paragraph_position")]

    def __str__(self) -> str:
        return self.section_heading or self.heading or self.text[:60]

    def clean(self) -> None:
        if not (self.section_heading.strip() or self.heading.strip() or self.text.strip()):
            raise ValidationError("Write a heading or some text, or remove the empty paragraph.")


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        REMOTE = "remote", "Attended remotely"
        APOLOGIES = "apologies", "Apologies"
        SUBSTITUTE = "substitute", "Substitute attended"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=12, choices=Status.choices)
    substitute_name = models.CharField(max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "membership__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="unique_meeting_attendance")]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class Declaration(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="declarations")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL)
    interest = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "membership__full_name"]

    def __str__(self) -> str:
        return f"{self.membership}: {self.interest[:60]}"

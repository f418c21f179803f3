"""Police and Crime Panels: members, meetings and papers, reports and responses, the statutory calendar."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Organisation
from pcc_portal.accounts.models import ForceArea
from plans.models import PlanVersion

from . import calendar as statutory


class Panel(models.Model):
    """The Police and Crime Panel of one force area."""

    force_area = models.OneToOneField(ForceArea, on_delete=models.PROTECT, related_name="panel")
    name = models.CharField(
        max_length=200, help_text="E.g. Leicester, Leicestershire and Rutland Police and Crime Panel."
    )
    host_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="hosted_panels",
        help_text="The council that supplies the panel's administrative and scrutiny support.",
    )
    lead_adviser = models.CharField(max_length=200, blank=True, help_text="E.g. Chief Executive, Dudley MBC.")
    councillor_seats = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Only if the panel has resolved a number other than the statutory default "
        "(10, or one per council where there are more than 10), with the Home Secretary's consent.",
    )
    co_opted_seats = models.PositiveSmallIntegerField(
        default=2, help_text="2 unless the panel has resolved otherwise (Schedule 6)."
    )
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="panels_served", help_text="Scrutiny officers."
    )

    history = HistoricalRecords(m2m_fields=[secretariat])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("panels:panel_detail", kwargs={"pk": self.pk})


class CouncilPartySeats(models.Model):
    """The political make-up of a council: seats held by one party."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="party_seats")
    party = models.CharField(max_length=80)
    seats = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name", "-seats", "party"]
        verbose_name_plural = "council party seats"
        constraints = [models.UniqueConstraint(fields=["council", "party"], name="unique_council_party")]

    def __str__(self) -> str:
        return f"{self.council}: {self.party} {self.seats}"


class Membership(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor member"
        CO_OPTED = "co_opted", "Co-opted independent member"

    class Office(models.TextChoices):
        MEMBER = "member", "Member"
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"

    class Bar(models.TextChoices):
        """What stops a person being co-opted (Schedule 6)."""

        NONE = "", "None"
        COMMISSIONER = "commissioner", "The Police and Crime Commissioner"
        OPCC_STAFF = "opcc_staff", "Member of the Commissioner's staff"
        POLICE_STAFF = "police_staff", "Member of police staff or a police officer"
        MP = "mp", "Member of Parliament"
        DEVOLVED = "devolved", "Member of a devolved or the European Parliament"
        AREA_COUNCILLOR = "area_councillor", "Councillor of a council in the area"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="memberships")
    full_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COUNCILLOR)
    council = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_memberships",
        help_text="The appointing council (councillor members only).",
    )
    party = models.CharField(max_length=80, blank=True)
    office = models.CharField(max_length=12, choices=Office.choices, default=Office.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    bar = models.CharField(
        "co-option bar", max_length=20, choices=Bar.choices, blank=True, help_text="Anything that disqualifies."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_memberships"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-kind", "council__name", "full_name"]  # councillors first, as in the papers
        indexes = [models.Index(fields=["panel", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if self.kind == self.Kind.COUNCILLOR and not self.council_id:
            raise ValidationError({"council": "Choose the council that appointed this councillor."})
        if self.kind == self.Kind.CO_OPTED and self.council_id:
            raise ValidationError({"council": "A co-opted member is not appointed by a council."})
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})

    def in_post_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


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
    minutes = models.TextField(blank=True, help_text="Markdown.")
    minutes_approved = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["panel", "starts_at"]), models.Index(fields=["papers_published_on"])]

    def __str__(self) -> str:
        return f"{self.panel.name}, {self.meeting_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("panels:meeting_detail", kwargs={"pk": self.pk})

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
    decision = models.TextField(blank=True, help_text="What the panel resolved (Markdown).")

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_agenda_item_number")]

    def __str__(self) -> str:
        return f"Agenda Item {self.number}: {self.title}"

    @property
    def force_area_id(self) -> int:
        return self.meeting.panel.force_area_id


class AgendaReport(models.Model):
    """A report to the panel in the layout of seed 002."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="report")
    report_of = models.CharField(max_length=200)
    report_date = models.DateField()
    subject = models.CharField(max_length=250)
    author = models.CharField(max_length=200)
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
        return reverse("panels:report_detail", kwargs={"pk": self.pk})

    @property
    def implications(self) -> list[tuple[str, str]]:
        return [
            ("Financial", self.financial_implications),
            ("Legal", self.legal_implications),
            ("Equality Impact Assessment", self.equality_implications),
            ("Risks and Impact", self.risks_and_impact),
            ("Link to Police and Crime Plan", self.plan_link),
        ]


class ReportParagraph(models.Model):
    """A numbered paragraph; a heading starts a new section above it."""

    class Section(models.TextChoices):
        PURPOSE = "purpose", "Purpose of Report"
        RECOMMENDATION = "recommendation", "Recommendation"
        BACKGROUND = "background", "Background"

    class ListStyle(models.TextChoices):
        NONE = "", "No list"
        LETTERED = "lettered", "Lettered (a, b, c)"
        BULLETED = "bulleted", "Bulleted"

    report = models.ForeignKey(AgendaReport, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.CharField(max_length=20, choices=Section.choices, default=Section.BACKGROUND)
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200, blank=True, help_text="Sub-heading shown above this paragraph.")
    text = models.TextField()
    list_style = models.CharField(max_length=10, choices=ListStyle.choices, blank=True)
    list_items = models.TextField(blank=True, help_text="One list item a line.")
    text_after_list = models.TextField(blank=True, help_text="Unnumbered text following the list.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="unique_report_paragraph_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def items(self) -> list[str]:
        return [line.strip() for line in self.list_items.splitlines() if line.strip()]


class PanelReport(models.Model):
    """The panel's report with recommendations (seed 003), and the Commissioner's response."""

    class Subject(models.TextChoices):
        PLAN = "plan", "Police and Crime Plan"
        PRECEPT = "precept", "Proposed precept"
        ANNUAL_REPORT = "annual_report", "Annual report"
        OTHER = "other", "Other matter"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=250)
    subject = models.CharField(max_length=20, choices=Subject.choices, default=Subject.OTHER)
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_reports"
    )
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    sent_on = models.DateField()
    responses_due_on = models.DateField(null=True, blank=True)
    comments = models.TextField(help_text="The panel's comments before the recommendations (Markdown).")
    comments_response = models.TextField(blank=True, help_text="The Commissioner's response to them (Markdown).")
    is_published = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on"]
        indexes = [models.Index(fields=["panel", "-sent_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("panels:panel_report_detail", kwargs={"pk": self.pk})

    @property
    def force_area_id(self) -> int:
        return self.panel.force_area_id


class Recommendation(models.Model):
    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting response"
        ACCEPTED = "accepted", "Accepted"
        PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        NOTED = "noted", "Noted"

    report = models.ForeignKey(PanelReport, on_delete=models.CASCADE, related_name="recommendations")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_points", help_text="For (i), (ii)…"
    )
    heading = models.CharField(max_length=200, blank=True, help_text="Group heading starting at this one.")
    label = models.CharField(max_length=10, help_text="a, b, c… or i, ii, iii…")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    response = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING, db_index=True)
    responded_on = models.DateField(null=True, blank=True)
    response_due_on = models.DateField(null=True, blank=True, db_index=True)
    is_published = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        indexes = [models.Index(fields=["report", "position"])]

    def __str__(self) -> str:
        return f"({self.label}) {self.text[:60]}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.AWAITING
            and self.response_due_on is not None
            and self.response_due_on < timezone.localdate()
        )


RESPONSE_TRANSITIONS: dict[str, set[str]] = {
    Recommendation.Status.AWAITING: {
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.PARTLY_ACCEPTED,
        Recommendation.Status.NOT_ACCEPTED,
        Recommendation.Status.NOTED,
    },
    # A response may be revised (e.g. after the panel's second meeting), never withdrawn.
    Recommendation.Status.ACCEPTED: {Recommendation.Status.PARTLY_ACCEPTED, Recommendation.Status.NOT_ACCEPTED},
    Recommendation.Status.PARTLY_ACCEPTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.NOT_ACCEPTED},
    Recommendation.Status.NOT_ACCEPTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.PARTLY_ACCEPTED},
    Recommendation.Status.NOTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.PARTLY_ACCEPTED},
}


class PreceptYear(models.Model):
    """The precept timetable for year Y/Y+1 (SI 2012/2271): every step falls in Y."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="precept_years")
    year = models.PositiveSmallIntegerField(help_text="The first year: 2026 for 2026/27.")
    proposed_precept_received_on = models.DateField(null=True, blank=True)
    panel_report_on = models.DateField(null=True, blank=True)
    vetoed = models.BooleanField(default=False)
    revised_precept_received_on = models.DateField(null=True, blank=True)
    second_report_on = models.DateField(null=True, blank=True)
    final_precept_issued_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["panel", "-year"]
        constraints = [models.UniqueConstraint(fields=["panel", "year"], name="unique_panel_precept_year")]

    def __str__(self) -> str:
        return f"Precept {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("panels:calendar", kwargs={"pk": self.panel_id}) + f"?year={self.year}"

    @property
    def label(self) -> str:
        return statutory.financial_year_label(self.year)

    def steps(self) -> list[statutory.PreceptStep]:
        return statutory.precept_timetable(self.year)


class ConfirmationHearing(models.Model):
    class Post(models.TextChoices):
        CHIEF_CONSTABLE = "chief_constable", "Chief Constable"
        DEPUTY_PCC = "deputy_pcc", "Deputy Police and Crime Commissioner"
        CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
        CHIEF_FINANCE_OFFICER = "chief_finance_officer", "Chief finance officer"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="hearings")
    post = models.CharField(max_length=24, choices=Post.choices)
    candidate = models.CharField(max_length=150)
    notified_on = models.DateField(help_text="The day the panel received the Commissioner's notification.")
    hearing_on = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    recommendation = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on"]
        indexes = [models.Index(fields=["panel", "notified_on"])]

    def __str__(self) -> str:
        return f"{self.get_post_display()}: {self.candidate}"

    @property
    def report_due_on(self) -> datetime.date:
        return statutory.hearing_report_due_on(self.notified_on)

    @property
    def veto_available(self) -> bool:
        return self.post == self.Post.CHIEF_CONSTABLE


class VetoVote(models.Model):
    class Matter(models.TextChoices):
        PRECEPT = "precept", "Proposed precept"
        CHIEF_CONSTABLE = "chief_constable", "Appointment of Chief Constable"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="veto_votes")
    matter = models.CharField(max_length=20, choices=Matter.choices)
    precept_year = models.ForeignKey(PreceptYear, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    hearing = models.ForeignKey(
        ConfirmationHearing, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    voted_on = models.DateField()
    members_in_post = models.PositiveSmallIntegerField(help_text="Counted when the vote was recorded.")
    votes_for_veto = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-voted_on"]

    def __str__(self) -> str:
        return f"{self.get_matter_display()} veto vote, {self.voted_on:%-d %B %Y}"

    @property
    def threshold(self) -> int:
        return statutory.veto_threshold(self.members_in_post)

    @property
    def carried(self) -> bool:
        return self.votes_for_veto >= self.threshold


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


class Complaint(models.Model):
    """A non-criminal complaint about the Commissioner, for informal resolution."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        INFORMAL_RESOLUTION = "informal_resolution", "Informal resolution under way"
        RESOLVED = "resolved", "Resolved"
        REFERRED = "referred", "Referred (criminal matter)"
        WITHDRAWN = "withdrawn", "Withdrawn"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="complaints")
    received_on = models.DateField()
    complainant = models.CharField(max_length=150)
    summary = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    outcome = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return f"Complaint received {self.received_on:%-d %B %Y}"


COMPLAINT_TRANSITIONS: dict[str, set[str]] = {
    Complaint.Status.RECEIVED: {
        Complaint.Status.INFORMAL_RESOLUTION,
        Complaint.Status.REFERRED,
        Complaint.Status.WITHDRAWN,
    },
    Complaint.Status.INFORMAL_RESOLUTION: {Complaint.Status.RESOLVED, Complaint.Status.WITHDRAWN},
    Complaint.Status.RESOLVED: set(),
    Complaint.Status.REFERRED: set(),
    Complaint.Status.WITHDRAWN: set(),
}

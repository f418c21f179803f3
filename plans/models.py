"""Police and Crime Plans, their versions, contents, panel comments and distribution."""

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for


def financial_year_end(day: date) -> date:
    """Return 31 March ending the financial year (1 April – 31 March) that contains the day."""
    return date(day.year + 1 if day.month >= 4 else day.year, 3, 31)


class Plan(models.Model):
    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200, help_text="E.g. Police and Crime Plan 2013–2017.")
    period_start = models.DateField()
    period_end = models.DateField()
    commissioner = models.CharField("Commissioner", max_length=150)
    election_date = models.DateField(
        null=True,
        blank=True,
        help_text="The ordinary election the plan follows; it must be issued by 31 March of that financial year.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "title"]
        indexes = [models.Index(fields=["force_area", "-period_start"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.force_area})"

    def get_absolute_url(self) -> str:
        return path_for("plans:plan_detail", self.pk)

    @property
    def issue_deadline(self) -> date:
        """Return the statutory issue date: the end of the financial year of the election (s5).

        Without an election date, the plan period is taken to start the day after
        that financial year ends (first plans: period from 1 April 2013, issue by 31 March 2013).
        """
        if self.election_date:
            return financial_year_end(self.election_date)
        return financial_year_end(date.fromordinal(self.period_start.toordinal() - 1))


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SHARED = "shared", "Shared with panel"
        CONSULTATION = "consultation", "Public consultation"
        ISSUED = "issued", "Issued"
        SUPERSEDED = "superseded", "Superseded"

    class EqualityImpact(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        NOT_REQUIRED = "not_required", "Not required"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=150, blank=True, help_text="E.g. January 2013 draft.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="successors")
    shared_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    consultation_opens = models.DateTimeField(null=True, blank=True)
    consultation_closes = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True, help_text="What this version is, or what changed (Markdown).")
    panel_report_due = models.DateField(
        null=True, blank=True, help_text="The date the panel has been asked to report on this draft by."
    )
    panel_report_received = models.DateField(null=True, blank=True)
    panel_response_published = models.DateField(
        "response to the panel published", null=True, blank=True, help_text="The Commissioner's published response."
    )
    eia_status = models.CharField(
        "equality impact assessment",
        max_length=20,
        choices=EqualityImpact.choices,
        default=EqualityImpact.NOT_STARTED,
    )
    eia_date = models.DateField("equality impact assessment date", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number")]

    def __str__(self) -> str:
        return f"{self.plan.title} – version {self.number}{f' ({self.label})' if self.label else ''}"

    def get_absolute_url(self) -> str:
        return path_for("plans:version_detail", self.pk)

    @property
    def force_area_id(self) -> int:
        return self.plan.force_area_id

    @property
    def name(self) -> str:
        return f"Version {self.number}{f': {self.label}' if self.label else ''}"

    @property
    def is_editable(self) -> bool:
        """Only a draft changes in place; once shared, a change makes a new version."""
        return self.status == self.Status.DRAFT

    @property
    def is_public(self) -> bool:
        return self.issued_at is not None and self.status in {self.Status.ISSUED, self.Status.SUPERSEDED}

    @property
    def is_under_review(self) -> bool:
        return self.status in {self.Status.SHARED, self.Status.CONSULTATION}


# Allowed workflow moves; each has one service in services.py.
TRANSITIONS: dict[str, set[str]] = {
    PlanVersion.Status.DRAFT: {PlanVersion.Status.SHARED, PlanVersion.Status.SUPERSEDED},
    PlanVersion.Status.SHARED: {
        PlanVersion.Status.CONSULTATION,
        PlanVersion.Status.ISSUED,
        PlanVersion.Status.SUPERSEDED,
    },
    PlanVersion.Status.CONSULTATION: {PlanVersion.Status.ISSUED, PlanVersion.Status.SUPERSEDED},
    PlanVersion.Status.ISSUED: {PlanVersion.Status.SUPERSEDED},
    PlanVersion.Status.SUPERSEDED: set(),
}


class StatutoryElement(models.TextChoices):
    """What section 7 of the 2011 Act requires a plan to set out."""

    OBJECTIVES = "objectives", "Police and crime objectives"
    POLICING = "policing", "Policing the chief constable provides"
    RESOURCES = "resources", "Financial and other resources"
    REPORTING = "reporting", "How the chief constable reports to the Commissioner"
    PERFORMANCE = "performance", "How performance is measured"
    GRANTS = "grants", "Crime and disorder reduction grants and their conditions"


class Section(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=80, help_text="Stable across versions, to compare them.")
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveSmallIntegerField(default=0)
    statutory_element = models.CharField(
        "section 7 element",
        max_length=20,
        choices=StatutoryElement.choices,
        blank=True,
        help_text="The part of the plan the Act requires that this section covers, if any.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_section_key_per_version")]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return f"{self.version.get_absolute_url()}#section-{self.key}"


class Priority(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="priorities")
    key = models.SlugField(max_length=80, help_text="Stable across versions, to compare them.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the highest; blank if unranked.")
    no_longer_priority = models.BooleanField("no longer a priority", default=False)
    position = models.PositiveSmallIntegerField(default=0)
    resources_pence = models.BigIntegerField(
        "resources allocated (pence)", null=True, blank=True, help_text="Budget aligned to this priority."
    )
    resources_note = models.CharField("resources note", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_priority_key_per_version")]

    def __str__(self) -> str:
        return self.title


class Objective(models.Model):
    """An objective with its target or success measure (003 (b): how it was arrived at)."""

    class Direction(models.TextChoices):
        REDUCE = "reduce", "Reduce"
        INCREASE = "increase", "Increase"
        MAINTAIN = "maintain", "Maintain"

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="objectives")
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="objectives")
    key = models.SlugField(max_length=80, help_text="Stable across versions, to compare them.")
    title = models.CharField(max_length=250)
    measure = models.CharField(max_length=250, help_text="What is counted, e.g. recorded victim-based crime.")
    baseline = models.CharField(max_length=120, blank=True)
    target_value = models.CharField("target", max_length=120, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True)
    by_when = models.DateField("by", null=True, blank=True)
    rationale = models.TextField(blank=True, help_text="How the target was arrived at.")
    data_source = models.CharField(max_length=250, blank=True)
    partners_consulted = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_objective_key_per_version")]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A panel comment on a section, or on a quoted passage of it; replies form a thread."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_comments")
    body = models.TextField()
    quote = models.TextField("quoted passage", blank=True)
    quote_start = models.PositiveIntegerField(null=True, blank=True)
    quote_end = models.PositiveIntegerField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["version", "section", "created_at"]),
            models.Index(fields=["version", "resolved_at"], condition=models.Q(parent=None), name="plan_open_threads"),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.section}"

    def get_absolute_url(self) -> str:
        return f"{self.version.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class Distribution(models.Model):
    """The issued plan sent to the chief constable or a responsible authority (s5)."""

    class Recipient(models.TextChoices):
        CHIEF_CONSTABLE = "chief_constable", "Chief constable"
        RESPONSIBLE_AUTHORITY = "responsible_authority", "Responsible authority"

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="distributions")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    recipient = models.CharField(max_length=30, choices=Recipient.choices)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "recipient", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="unique_distribution_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.version} sent to {self.organisation}"


class PanelNotice(models.Model):
    """One email telling a panel member or secretariat that a version was shared: the ledger
    that makes sending idempotent."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="panel_notices")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "recipient"]
        constraints = [models.UniqueConstraint(fields=["version", "recipient"], name="unique_panel_notice")]

    def __str__(self) -> str:
        return f"{self.version} shared with {self.recipient}"

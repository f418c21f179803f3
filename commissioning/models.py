"""Commissioning: funding streams, formula allocations, rounds, applications,
assessment, grants and their monitoring. Money is always integer pence."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Organisation
from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.links import path_for
from plans.models import Priority


class Funder(models.Model):
    """The OPCC of a force area as a grant-maker in open data (360Giving)."""

    force_area = models.OneToOneField(ForceArea, on_delete=models.CASCADE, related_name="funder")
    name = models.CharField(max_length=200, help_text="E.g. Office of the Police and Crime Commissioner for …")
    org_id = models.CharField(
        "organisation identifier",
        max_length=60,
        help_text="From org-id.guide if the OPCC is in a register; otherwise 360G-<prefix>-OPCC.",
    )
    prefix_360g = models.SlugField(
        "360Giving publisher prefix",
        max_length=40,
        help_text="The part after 360G- given by 360Giving, e.g. opccleics; grant ids are 360G-<prefix>-<ref>.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _year_label(financial_year: int) -> str:
    return f"{financial_year}/{(financial_year + 1) % 100:02d}"


class FundingStream(models.Model):
    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="funding_streams")
    name = models.CharField(max_length=200, help_text="E.g. Community Safety Fund.")
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts, e.g. 2013.")
    budget_pence = models.BigIntegerField("budget (pence)")
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["force_area", "name", "financial_year"], name="unique_stream_per_area_and_year"
            ),
            models.CheckConstraint(condition=models.Q(budget_pence__gte=0), name="stream_budget_not_negative"),
        ]
        indexes = [models.Index(fields=["force_area", "-financial_year"])]

    def __str__(self) -> str:
        return self.label_of(self.name, self.financial_year)

    def get_absolute_url(self) -> str:
        return path_for("commissioning:stream_detail", self.pk)

    @staticmethod
    def label_of(name: str, financial_year: int) -> str:
        """Return what str() gives for a stream of this name and year (for lists read as plain rows)."""
        return f"{name} {_year_label(financial_year)}"

    @property
    def year_label(self) -> str:
        return _year_label(self.financial_year)


class Allocation(models.Model):
    """A formula allocation of a sum across councils or CSPs, previewed then locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (preview)"
        LOCKED = "locked", "Locked"

    TRANSITIONS = {Status.DRAFT: {Status.LOCKED}, Status.LOCKED: set()}

    stream = models.ForeignKey(FundingStream, on_delete=models.CASCADE, related_name="allocations")
    title = models.CharField(max_length=200)
    total_pence = models.BigIntegerField("total (pence)")
    floor_pence = models.BigIntegerField("floor per recipient (pence)", default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_pence__gt=0), name="allocation_total_positive"),
            models.CheckConstraint(condition=models.Q(floor_pence__gte=0), name="allocation_floor_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("commissioning:allocation_detail", self.pk)

    @property
    def force_area_id(self) -> int:
        return self.stream.force_area_id


class AllocationLine(models.Model):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="lines")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="allocation_lines")
    population = models.PositiveIntegerField()
    weight = models.DecimalField(max_digits=6, decimal_places=3, default=1)
    amount_pence = models.BigIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["allocation", "-amount_pence", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "organisation"], name="unique_allocation_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount_pence}p"


class Round(models.Model):
    """A call for applications against a funding stream."""

    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    eligibility = models.TextField(help_text="Who may apply (Markdown).")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="funding_rounds")
    max_award_pence = models.BigIntegerField("largest award (pence)", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["-closes_at"]
        indexes = [models.Index(fields=["closes_at"]), models.Index(fields=["opens_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("commissioning:round_detail", self.pk)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The round must close after it opens."})

    @property
    def force_area_id(self) -> int:
        return self.stream.force_area_id

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class Question(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    help_text = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Criterion(models.Model):
    """What assessors score an application against."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    max_score = models.PositiveSmallIntegerField(default=5)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """A partner's business case: need, value for money, outcomes and the risk if not funded."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RECOMMENDED = "recommended", "Recommendation moderated"
        AWARDED = "awarded", "Awarded"
        DECLINED = "declined", "Declined"
        DEFERRED = "deferred", "Deferred"

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.RECOMMENDED},
        Status.RECOMMENDED: {Status.AWARDED, Status.DECLINED, Status.DEFERRED, Status.RECOMMENDED},
        Status.DEFERRED: {Status.RECOMMENDED},
        Status.AWARDED: set(),
        Status.DECLINED: set(),
    }
    # A draft may be saved half-done; these must be filled in (and a priority chosen) to submit.
    REQUIRED_TO_SUBMIT = [
        "summary",
        "amount_requested_pence",
        "period_start",
        "period_end",
        "evidence_base",
        "value_for_money",
        "outcomes",
        "measures",
        "who_is_served",
        "risk_if_not_funded",
    ]

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="grant_applications")
    title = models.CharField("project title", max_length=200)
    summary = models.TextField(blank=True)
    amount_requested_pence = models.BigIntegerField("amount requested (pence)", null=True, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    priorities = models.ManyToManyField(Priority, blank=True, related_name="grant_applications")
    evidence_base = models.TextField(blank=True)
    value_for_money = models.TextField(blank=True)
    outcomes = models.TextField("outcomes", blank=True)
    measures = models.TextField("how the outcomes are measured", blank=True)
    who_is_served = models.TextField(blank=True)
    serves_domestic_sexual_abuse_victims = models.BooleanField("victims of domestic and sexual abuse", default=False)
    serves_drug_misusing_offenders = models.BooleanField("drug-misusing offenders", default=False)
    serves_young_people = models.BooleanField("young people", default=False)
    serves_mental_health = models.BooleanField("people with mental health needs", default=False)
    risk_if_not_funded = models.TextField("risk if not funded", blank=True)
    answers = models.JSONField(default=dict, blank=True, help_text="Answers to the round's questions by id.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    reference = models.CharField(
        max_length=30, blank=True, db_index=True, help_text="Given on submission, e.g. LEI-2026-0042."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.CharField(
        max_length=10,
        blank=True,
        choices=[("award", "Award"), ("decline", "Decline"), ("defer", "Defer")],
    )
    recommended_amount_pence = models.BigIntegerField(null=True, blank=True)
    moderation_notes = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["organisation", "status"]),
            # The overview's most recently updated applications: read in order, not sorted.
            models.Index(fields=["-updated_at"], name="application_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("commissioning:application_detail", self.pk)

    @property
    def force_area_id(self) -> int:
        return self.round.stream.force_area_id

    @property
    def vulnerable_groups(self) -> list[str]:
        fields = [
            "serves_domestic_sexual_abuse_victims",
            "serves_drug_misusing_offenders",
            "serves_young_people",
            "serves_mental_health",
        ]
        return [str(self._meta.get_field(f).verbose_name) for f in fields if getattr(self, f)]


class ApplicationAttachment(models.Model):
    """A document that supports an application: a budget, a letter of support, a policy."""

    MAX_PER_APPLICATION = 5

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="commissioning/attachments/")
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ApplicationReceipt(models.Model):
    """Ledger: the receipt for a submitted application goes to each address once."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="receipts")
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "email"], name="unique_application_receipt"),
        ]

    def __str__(self) -> str:
        return f"Receipt for {self.application} to {self.email}"


class Assignment(models.Model):
    """An assessor assigned to an application, with their conflict declaration."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments")
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    has_conflict = models.BooleanField(null=True, help_text="Blank until the assessor has declared.")
    conflict_details = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "assessor__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="unique_assessor_per_application")
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.application}"

    total = None  # set by views that add up the scores

    @property
    def may_score(self) -> bool:
        return self.has_conflict is False


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "criterion__position"]
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="unique_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Decision(models.Model):
    """A decision of significant public interest, published (Specified Information Order)."""

    class Outcome(models.TextChoices):
        AWARD = "award", "Award"
        DECLINE = "decline", "Decline"
        DEFER = "defer", "Defer"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    amount_pence = models.BigIntegerField(null=True, blank=True)
    reasons = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    reference = models.CharField(max_length=40, unique=True)
    is_published = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["is_published", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_outcome_display()} – {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("commissioning:decision_detail", kwargs={"reference": self.reference})


class Grant(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        TERMINATED = "terminated", "Terminated"

    TRANSITIONS = {
        Status.ACTIVE: {Status.COMPLETED, Status.TERMINATED},
        Status.COMPLETED: set(),
        Status.TERMINATED: set(),
    }

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="grants")
    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="grants")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="grant"
    )
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="grants")
    reference = models.SlugField(max_length=40, help_text="Your reference; the 360Giving id ends with it.")
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    amount_pence = models.BigIntegerField("amount (pence)")
    award_date = models.DateField()
    start_date = models.DateField()
    end_date = models.DateField()
    conditions = models.TextField(blank=True)
    repayment_conditions = models.TextField(blank=True, help_text="When the grant must be repaid, if ever.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="grants")
    return_frequency_months = models.PositiveSmallIntegerField(
        "monitoring returns every (months)", default=3, help_text="3 for quarterly."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    is_published = models.BooleanField(default=True, help_text="Shown on the public register.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["-award_date", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["force_area", "reference"], name="unique_grant_reference_per_area"),
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="grant_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="grant_end_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["force_area", "end_date"]),
            models.Index(fields=["is_published", "-award_date", "reference"]),
            # A staff token's register (published or their area's): a page is read in order, not sorted.
            models.Index(fields=["-award_date", "reference", "id"], name="grant_register_order"),
            models.Index(fields=["recipient", "status"]),
            # The overview's grants ending soon across every area (an administrator): read in order, not sorted.
            models.Index(fields=["status", "end_date", "id"], name="grant_ending_soon"),
            # The overview's spend totals: every awarded grant's keys and amount, read from the index alone
            # (PostgreSQL: once vacuumed, as autovacuum does after inserts) in key order, so summed without hashing.
            # Amount and id are keys, not INCLUDE columns, so that SQLite builds the same index.
            models.Index(
                fields=["force_area", "stream", "recipient", "amount_pence", "id"],
                condition=~models.Q(status="terminated"),
                name="grant_spend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return path_for("commissioning:grant_detail", self.pk)

    def get_register_url(self) -> str:
        """Return the grant's page on the public register."""
        return path_for("commissioning:register_grant", self.pk)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The grant must end on or after its start."})


class Instalment(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="instalments")
    due_date = models.DateField()
    amount_pence = models.BigIntegerField()
    paid_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "due_date"]

    def __str__(self) -> str:
        return f"{self.grant.reference} instalment {self.due_date}"


class MonitoringReturn(models.Model):
    class Status(models.TextChoices):
        DUE = "due", "Due"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"

    TRANSITIONS = {
        Status.DUE: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.ACCEPTED, Status.DUE},
        Status.ACCEPTED: set(),
    }

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField(db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE, db_index=True)
    outputs = models.TextField(blank=True, help_text="What was delivered, against the measures.")
    outcomes = models.TextField(blank=True, help_text="What changed, against the measures.")
    spend_to_date_pence = models.BigIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "due_date"]
        indexes = [
            # With the grant (PostgreSQL: included), the returns due are found and joined to an area's grants from
            # this index alone (an index-only scan), not by reading every return due in the nation; in order to
            # the id, a dashboard's first ten (every area's) are its first entries.
            models.Index(fields=["status", "due_date", "id"], include=["grant"], name="return_status_due")
        ]
        constraints = [models.UniqueConstraint(fields=["grant", "period_start"], name="unique_return_per_period")]

    def __str__(self) -> str:
        return f"{self.grant.reference} return due {self.due_date}"

    def get_absolute_url(self) -> str:
        return path_for("commissioning:return_detail", self.pk)

    def is_overdue(self, today=None) -> bool:
        return self.status == self.Status.DUE and self.due_date < (today or timezone.localdate())


class Variation(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="variations")
    description = models.TextField()
    amount_change_pence = models.BigIntegerField(default=0)
    new_end_date = models.DateField(null=True, blank=True)
    agreed_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "agreed_on"]

    def __str__(self) -> str:
        return f"{self.grant.reference} variation {self.agreed_on}"


# The overview's spend totals, kept by the database as grants, their priority links and partners' types change.
#
# Each table is a ledger: a total is the sum of its key's entries. Triggers (installed by migration 0006) add an
# entry for every change a statement makes, so every write path is covered (services, admin, queryset.update(),
# bulk_create, the archive import, a cascade) and two people saving at once never wait for each other on a shared
# total row: an insert of new rows takes no lock another writer holds. spend_totals_rebuild() sums the grants
# afresh into one entry per key (nightly, and after a bulk load). Derived data, so no change history: the grants'
# own history records every change these entries follow. Keys are ids without database constraints: a priority
# deleted leaves entries that sum to nothing, where a constraint would refuse the deletion.


class StreamSpendEntry(models.Model):
    """A change in awarded pence (terminated grants left out) of an area's stream to partners of one type."""

    force_area = models.ForeignKey(
        ForceArea, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    stream = models.ForeignKey(
        FundingStream, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    org_type = models.CharField("partner type", max_length=30)
    total_pence = models.BigIntegerField()
    grant_count = models.IntegerField()

    class Meta:
        verbose_name_plural = "stream spend entries"
        indexes = [models.Index(fields=["force_area", "stream", "org_type"], name="stream_spend_key")]

    def __str__(self) -> str:
        return f"{self.stream_id} / {self.org_type}: {self.total_pence} ({self.grant_count})"


class PrioritySpendEntry(models.Model):
    """A change in awarded pence (terminated grants left out) of an area's grants serving a priority (none: null).

    A grant serving several priorities counts in full under each.
    """

    force_area = models.ForeignKey(
        ForceArea, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    priority = models.ForeignKey(
        Priority, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    total_pence = models.BigIntegerField()
    grant_count = models.IntegerField()

    class Meta:
        verbose_name_plural = "priority spend entries"
        indexes = [models.Index(fields=["force_area", "priority"], name="priority_spend_key")]

    def __str__(self) -> str:
        return f"{self.priority_id or 'not linked'}: {self.total_pence} ({self.grant_count})"

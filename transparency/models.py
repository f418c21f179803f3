"""What the Specified Information Order makes an OPCC publish, per force area.

SI 2011/3050 (amended 2012 and by SI 2021/547). Amounts are Decimal pounds.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partners.models import Organisation
from pcc_portal.accounts.models import ForceArea

# The Police Act 1996 s55: the body's comments on an HMICFRS report within 56 days of its publication.
HMICFRS_RESPONSE_DAYS = 56


class Position(models.TextChoices):
    """Whose interests and gifts the Order requires to be published."""

    COMMISSIONER = "commissioner", "Police and Crime Commissioner"
    DEPUTY = "deputy", "Deputy Police and Crime Commissioner"
    SENIOR_STAFF = "senior_staff", "Senior staff"


class Decision(models.Model):
    """A decision of significant public interest, with any exempt part kept private."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_decisions")
    reference = models.CharField(max_length=40, help_text="E.g. PCC/2013/014.")
    title = models.CharField(max_length=200)
    decision = models.TextField("the decision", help_text="Markdown.")
    reasons = models.TextField(help_text="Markdown.")
    decision_maker = models.CharField(max_length=150, help_text="Name and office, e.g. the Commissioner.")
    decided_on = models.DateField()
    financial_implications = models.TextField(blank=True, help_text="Markdown.")
    amount = models.DecimalField(
        "amount (£)", max_digits=14, decimal_places=2, null=True, blank=True, help_text="The sum committed, if any."
    )
    interests_declared = models.TextField(blank=True, help_text="Any interest declared, and by whom. Published.")
    exempt_part = models.TextField(blank=True, help_text="Never published: only the area's OPCC staff see it.")
    exempt_reason = models.CharField(
        max_length=300, blank=True, help_text="Why part is exempt, e.g. commercially sensitive. Published."
    )
    is_published = models.BooleanField(default=False)
    published_on = models.DateField(null=True, blank=True)
    is_illustrative = models.BooleanField(default=False, help_text="Demo content, labelled on the page.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["force_area", "reference"], name="unique_decision_reference")]
        indexes = [models.Index(fields=["force_area", "is_published", "-decided_on"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:decision_detail", kwargs={"code": self.force_area.code, "pk": self.pk})


class Interest(models.Model):
    """An entry in the register of interests."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_interests")
    person_name = models.CharField(max_length=150)
    position = models.CharField(max_length=20, choices=Position.choices)
    job_title = models.CharField(max_length=150, blank=True)
    category = models.CharField(
        max_length=100, help_text="E.g. employment, directorship, membership, land, gift over £50."
    )
    description = models.TextField()
    declared_on = models.DateField()
    is_published = models.BooleanField(default=True)
    is_illustrative = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "person_name", "-declared_on"]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.category}"


class Gift(models.Model):
    """An entry in the register of gifts and hospitality (offers declined included)."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    class Kind(models.TextChoices):
        GIFT = "gift", "Gift"
        HOSPITALITY = "hospitality", "Hospitality"

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_gifts")
    person_name = models.CharField(max_length=150)
    position = models.CharField(max_length=20, choices=Position.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.HOSPITALITY)
    description = models.CharField(max_length=300)
    offered_by = models.CharField("from whom", max_length=200)
    offered_on = models.DateField("date offered")
    estimated_value = models.DecimalField("estimated value (£)", max_digits=12, decimal_places=2)
    outcome = models.CharField("accepted or declined", max_length=10, choices=Outcome.choices)
    is_published = models.BooleanField(default=True)
    is_illustrative = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.description}"


class SpendUpload(models.Model):
    """One month's spending over £500, imported from a CSV or XLSX file; a new upload replaces the month."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_spend_uploads")
    month = models.DateField(help_text="The first day of the month the spending belongs to.")
    filename = models.CharField(max_length=200, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    is_illustrative = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["force_area", "month"], name="unique_spend_month")]

    def __str__(self) -> str:
        return f"{self.force_area}: spending over £500, {self.month:%B %Y}"


class SpendItem(models.Model):
    upload = models.ForeignKey(SpendUpload, on_delete=models.CASCADE, related_name="items")
    paid_on = models.DateField()
    supplier = models.CharField(max_length=200)
    description = models.CharField("purpose", max_length=300)
    category = models.CharField("expense type", max_length=120, blank=True)
    amount = models.DecimalField("amount (£)", max_digits=14, decimal_places=2)
    transaction_reference = models.CharField(max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.paid_on}: {self.supplier} £{self.amount}"


class Contract(models.Model):
    """A contract over £10,000 in the contracts register."""

    class Route(models.TextChoices):
        OPEN_TENDER = "open", "Open tender"
        RESTRICTED = "restricted", "Restricted tender"
        FRAMEWORK = "framework", "Call-off from a framework"
        QUOTATIONS = "quotations", "Competitive quotations"
        COLLABORATIVE = "collaborative", "Collaborative procurement"
        DIRECT_AWARD = "direct", "Direct award (waiver)"

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_contracts")
    reference = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    supplier_name = models.CharField("supplier", max_length=200)
    supplier = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transparency_contracts",
        help_text="The supplier's record in the portal, if it has one.",
    )
    value = models.DecimalField("value (£)", max_digits=14, decimal_places=2)
    start_date = models.DateField()
    end_date = models.DateField()
    procurement_route = models.CharField(max_length=20, choices=Route.choices)
    is_published = models.BooleanField(default=True)
    is_illustrative = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "reference"]
        constraints = [models.UniqueConstraint(fields=["force_area", "reference"], name="unique_contract_reference")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:contract_list", kwargs={"code": self.force_area.code}) + f"#contract-{self.pk}"


class InspectionReport(models.Model):
    """An HMICFRS report on the force and the Commissioner's published response (Police Act 1996 s55)."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_inspections")
    title = models.CharField(max_length=200)
    published_on = models.DateField("date HMICFRS published it")
    report_url = models.URLField("link to the report", blank=True)
    response = models.TextField("the Commissioner's response", blank=True, help_text="Markdown.")
    response_published_on = models.DateField(null=True, blank=True)
    is_illustrative = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transparency:inspection_list", kwargs={"code": self.force_area.code}) + f"#report-{self.pk}"

    @property
    def response_due_on(self) -> datetime.date:
        return self.published_on + datetime.timedelta(days=HMICFRS_RESPONSE_DAYS)

    @property
    def response_overdue(self) -> bool:
        return self.response_published_on is None and self.response_due_on < timezone.localdate()


class PublicationEntry(models.Model):
    """Staff's record of when a class the portal does not hold was last published, and where."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="transparency_entries")
    publication_class = models.CharField(max_length=30)
    last_published_on = models.DateField(null=True, blank=True)
    url = models.URLField("where it is published", blank=True)
    notes = models.CharField(max_length=300, blank=True)
    is_illustrative = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["force_area", "publication_class"]
        constraints = [
            models.UniqueConstraint(fields=["force_area", "publication_class"], name="unique_publication_entry")
        ]

    def __str__(self) -> str:
        return f"{self.force_area}: {self.publication_class}"

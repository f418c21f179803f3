"""Police and Crime Plans, their versions and priorities."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pcc_portal.accounts.models import ForceArea


class Plan(models.Model):
    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200, help_text="E.g. Police and Crime Plan 2013–2017.")
    period_start = models.DateField()
    period_end = models.DateField()
    commissioner = models.CharField("Commissioner", max_length=150)
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


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SHARED = "shared", "Shared with panel"
        CONSULTATION = "consultation", "Public consultation"
        ISSUED = "issued", "Issued"
        SUPERSEDED = "superseded", "Superseded"

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

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number")]

    def __str__(self) -> str:
        return f"{self.plan.title} – version {self.number}{f' ({self.label})' if self.label else ''}"

    @property
    def force_area_id(self) -> int:
        return self.plan.force_area_id


class Priority(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="priorities")
    key = models.SlugField(max_length=80, help_text="Stable across versions, to compare them.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the highest; blank if unranked.")
    no_longer_priority = models.BooleanField("no longer a priority", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_priority_key_per_version")]

    def __str__(self) -> str:
        return self.title

"""The statutory calendar: precept years, confirmation hearings, veto votes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .. import calendar as statutory
from .panel import Panel


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
    reported_on = models.DateField(null=True, blank=True, help_text="The day the panel reported to the Commissioner.")
    recommendation = models.TextField(blank=True, help_text="The panel's report and recommendation (Markdown).")
    vetoed = models.BooleanField(default=False, help_text="Only a proposed Chief Constable may be vetoed.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on"]
        indexes = [models.Index(fields=["panel", "notified_on"])]

    def __str__(self) -> str:
        return f"{self.get_post_display()}: {self.candidate}"

    def clean(self) -> None:
        errors = {}
        if self.reported_on and self.notified_on and self.reported_on < self.notified_on:
            errors["reported_on"] = (
                f"The panel cannot have reported before it was notified on {self.notified_on:%-d %B %Y}."
            )
        elif self.reported_on and self.hearing_on and self.reported_on < self.hearing_on:
            errors["reported_on"] = f"The panel reports after its hearing on {self.hearing_on:%-d %B %Y}."
        if self.vetoed and not self.veto_available:
            errors["vetoed"] = no_veto_message(self)
        if self.vetoed and not self.reported_on:
            errors["reported_on"] = "Enter the date the panel reported its veto."
        if errors:
            raise ValidationError(errors)

    @property
    def reported_late(self) -> bool:
        """The report came after the 3 weeks starting on the day of notification."""
        return bool(self.reported_on and self.reported_on > self.report_due_on)

    @property
    def report_due_on(self) -> datetime.date:
        return statutory.hearing_report_due_on(self.notified_on)

    @property
    def veto_available(self) -> bool:
        return self.post == self.Post.CHIEF_CONSTABLE


def no_veto_message(hearing: ConfirmationHearing) -> str:
    return (
        f"The panel cannot veto this appointment ({hearing.get_post_display()}): only a proposed "
        "Chief Constable may be vetoed (Police Reform and Social Responsibility Act 2011, Schedule 8). "
        "Record the panel's recommendation instead."
    )


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

    def clean(self) -> None:
        if self.votes_for_veto > self.members_in_post:
            raise ValidationError({"votes_for_veto": "More votes than members in post."})

    @property
    def threshold(self) -> int:
        return statutory.veto_threshold(self.members_in_post)

    @property
    def carried(self) -> bool:
        return self.votes_for_veto >= self.threshold

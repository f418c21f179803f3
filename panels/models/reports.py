"""The panel's reports with recommendations, and the Commissioner's responses."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pcc_portal.core.links import path_for
from plans.models import PlanVersion

from .meetings import Meeting
from .panel import Panel


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
    comments = models.TextField(
        blank=True, help_text="The panel's comments before the recommendations, if any (Markdown)."
    )
    comments_response = models.TextField(
        blank=True, help_text="The Commissioner's response to the comments, written by the OPCC (Markdown)."
    )
    is_published = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on"]
        indexes = [models.Index(fields=["panel", "-sent_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return path_for("panels:panel_report_detail", self.pk)

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
        NOT_STATED = "not_stated", "Not stated"

    report = models.ForeignKey(PanelReport, on_delete=models.CASCADE, related_name="recommendations")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_points", help_text="For (i), (ii)…"
    )
    heading = models.CharField(max_length=200, blank=True, help_text="Group heading starting at this one.")
    label = models.CharField(max_length=10, help_text="a, b, c… or i, ii, iii…")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AWAITING, db_index=True)
    owner = models.CharField(
        max_length=200, blank=True, help_text="Who is to act on it, e.g. Chief Executive, OPCC; blank if not stated."
    )
    response_due_on = models.DateField(null=True, blank=True, db_index=True)
    is_published = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position"]
        indexes = [models.Index(fields=["report", "position"])]

    def __str__(self) -> str:
        return f"({self.label}) {self.text[:60]}"

    def clean(self) -> None:
        if self.parent_id:
            if self.parent.report_id != self.report_id:
                raise ValidationError({"parent": "A sub-point belongs to a recommendation of the same report."})
            if self.parent.parent_id:
                raise ValidationError({"parent": "Sub-points go one level deep: (a) then (i), not further."})

    @property
    def answers(self) -> list["CommissionerResponse"]:
        """The responses that answer this recommendation (prefetch `responses` for lists)."""
        return sorted(self.responses.all(), key=lambda r: (r.responded_on, r.pk))

    @property
    def response(self) -> str:
        """The text of every response to this recommendation, in the order given."""
        return "\n\n".join(r.text for r in self.answers)

    @property
    def responded_on(self):
        dates = [r.responded_on for r in self.answers]
        return max(dates) if dates else None

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.AWAITING
            and self.response_due_on is not None
            and self.response_due_on < timezone.localdate()
        )


class CommissionerResponse(models.Model):
    """The Commissioner's response, written by the OPCC: to one or several recommendations, or a whole section."""

    report = models.ForeignKey(PanelReport, on_delete=models.CASCADE, related_name="responses")
    recommendations = models.ManyToManyField(Recommendation, related_name="responses", blank=True)
    section_heading = models.CharField(
        max_length=200,
        blank=True,
        help_text="The heading of the section this response answers as a whole; blank for a response to "
        "the recommendations chosen.",
    )
    text = models.TextField(help_text="Markdown.")
    responded_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[recommendations])

    class Meta:
        ordering = ["report", "responded_on", "pk"]
        indexes = [models.Index(fields=["report", "responded_on"])]

    def __str__(self) -> str:
        return f"Response of {self.responded_on:%-d %B %Y} to {self.report}"

    @property
    def force_area_id(self) -> int:
        return self.report.panel.force_area_id


RESPONSE_TRANSITIONS: dict[str, set[str]] = {
    Recommendation.Status.AWAITING: {
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.PARTLY_ACCEPTED,
        Recommendation.Status.NOT_ACCEPTED,
        Recommendation.Status.NOTED,
        Recommendation.Status.NOT_STATED,
    },
    # A response may be revised (e.g. after the panel's second meeting), never withdrawn.
    Recommendation.Status.ACCEPTED: {Recommendation.Status.PARTLY_ACCEPTED, Recommendation.Status.NOT_ACCEPTED},
    Recommendation.Status.PARTLY_ACCEPTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.NOT_ACCEPTED},
    Recommendation.Status.NOT_ACCEPTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.PARTLY_ACCEPTED},
    Recommendation.Status.NOTED: {Recommendation.Status.ACCEPTED, Recommendation.Status.PARTLY_ACCEPTED},
    Recommendation.Status.NOT_STATED: {
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.PARTLY_ACCEPTED,
        Recommendation.Status.NOT_ACCEPTED,
        Recommendation.Status.NOTED,
    },
}
# A further response (to another recommendation, or to the section) may leave a position unchanged.
for _status, _targets in RESPONSE_TRANSITIONS.items():
    if _status != Recommendation.Status.AWAITING:
        _targets.add(_status)

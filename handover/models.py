"""Briefings for election candidates, their questions and the answers every candidate receives."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from pcc_portal.accounts.models import ForceArea


class Briefing(models.Model):
    """The information for candidates at one election in one force area, built from what is published."""

    force_area = models.ForeignKey(ForceArea, on_delete=models.PROTECT, related_name="briefings")
    election_date = models.DateField()
    introduction = models.TextField(blank=True, help_text="Shown at the top of the briefing (Markdown).")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["force_area__name", "-election_date"]
        constraints = [
            models.UniqueConstraint(fields=["force_area", "election_date"], name="one_briefing_per_area_election")
        ]

    def __str__(self) -> str:
        return f"Briefing for candidates: {self.force_area.name}, {self.election_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("handover:briefing_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Candidate(models.Model):
    """A person standing at the election who registered for the briefing's answers."""

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting", "Awaiting email confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(max_length=150)
    email = models.EmailField()
    party = models.CharField(max_length=150, blank=True, help_text="Empty for an independent candidate.")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.AWAITING_CONFIRMATION, db_index=True
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    is_illustrative = models.BooleanField(default=False, help_text="Demo content, not a real person.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["briefing", "name"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "email"], name="one_registration_per_email_per_briefing")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.standing_for})"

    @property
    def standing_for(self) -> str:
        return self.party or "Independent"


class Question(models.Model):
    """A candidate's question; it is published without the asker's name."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="questions")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField()
    asked_at = models.DateTimeField(auto_now_add=True)
    is_illustrative = models.BooleanField(default=False, help_text="Demo content, not a real question.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["briefing", "asked_at", "pk"]
        indexes = [models.Index(fields=["briefing", "asked_at"])]

    def __str__(self) -> str:
        return self.text[:80]


class Answer(models.Model):
    """The office's answer to a question; never edited once sent, only corrected by a later answer."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(help_text="Markdown.")
    is_correction = models.BooleanField(default=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="briefing_answers"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "answered_at", "pk"]

    def __str__(self) -> str:
        kind = "Correction" if self.is_correction else "Answer"
        return f"{kind} to: {self.question}"


class AnswerDelivery(models.Model):
    """The ledger: one answer to one candidate, sent once (by itself or in the welcome digest)."""

    class Route(models.TextChoices):
        ANSWER = "answer", "Sent when answered"
        DIGEST = "digest", "In the confirmation digest"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="answer_deliveries")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="deliveries")
    route = models.CharField(max_length=10, choices=Route.choices, default=Route.ANSWER)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "answer"], name="one_delivery_per_candidate_answer")
        ]

    def __str__(self) -> str:
        return f"{self.answer} → {self.candidate.name}"


class CandidateEmail(models.Model):
    """The ledger of a candidate's own emails: the confirmation request and the welcome, once each."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirm your registration"
        WELCOME = "welcome", "Registration confirmed, with earlier answers"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["candidate", "kind"], name="one_candidate_email_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.candidate.name}"


__all__ = ["Answer", "AnswerDelivery", "Briefing", "Candidate", "CandidateEmail", "Question"]

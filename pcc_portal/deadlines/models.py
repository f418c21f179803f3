"""Reminder preferences, private calendar feeds and the ledger of reminders sent."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ReminderPreference(models.Model):
    """How a user wants to be reminded: one email each or a daily digest; kinds to leave out."""

    class Delivery(models.TextChoices):
        EACH = "each", "One email for each reminder"
        DIGEST = "digest", "One daily digest email"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EACH)
    muted_kinds = models.JSONField(
        "kinds not reminded of", default=list, blank=True, help_text="Deadline kinds, e.g. plans.issue."
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Reminder settings of {self.user}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private iCalendar address for one user; revoking it makes the address a 404."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token", "last_fetched_at"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_active_calendar_feed_per_user"
            ),
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"Calendar feed of {self.user} ({state})"

    def get_absolute_url(self) -> str:
        return reverse("deadlines:user_feed", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Reminder(models.Model):
    """One row of the ledger: a reminder of one deadline, to one person, at one lead time.

    The row is written (INSERT ... ON CONFLICT DO NOTHING) before anything is
    sent, so two sweeps can never both own it. A sweep claims pending rows
    with SELECT ... FOR UPDATE SKIP LOCKED and a lease; a claim that a crashed
    worker never completed is claimed again once its lease has run out.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        SUPERSEDED = "superseded", "Not sent: a later reminder was due at the same time"
        FAILED = "failed", "Failed"

    # source status -> statuses it may move to
    TRANSITIONS: dict[str, set[str]] = {
        Status.PENDING: {Status.CLAIMED},
        Status.CLAIMED: {Status.SENT, Status.CLAIMED, Status.FAILED},
        Status.SENT: set(),
        Status.SUPERSEDED: set(),
        Status.FAILED: set(),
    }

    class Delivery(models.TextChoices):
        EACH = "each", "Single email"
        DIGEST = "digest", "Daily digest"

    ESCALATION = "escalation"

    deadline_key = models.CharField(max_length=200)
    # Not indexed on its own: `reminder_recipient` leads with the recipient and serves the same lookups.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    lead = models.CharField(max_length=20, help_text='Days before the deadline ("7d"), or "escalation".')
    kind = models.CharField(max_length=100)
    kind_label = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    responsible = models.CharField(max_length=200, blank=True)
    area_id = models.BigIntegerField(null=True, blank=True)
    due = models.DateTimeField()
    send_at = models.DateTimeField()
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EACH)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-send_at", "deadline_key"]
        constraints = [
            models.UniqueConstraint(fields=["deadline_key", "recipient", "lead"], name="one_reminder_per_lead"),
        ]
        # Every index a status change touches costs the sweep's exactly-once mark, so the ledger keeps
        # only the indexes something reads, and those on the unsent rows are partial: a row marked
        # sent leaves them.
        indexes = [
            # Lapsed claims, taken over by the next sweep or failed after too many attempts.
            models.Index(fields=["claimed_at"], name="reminder_lease", condition=models.Q(status="claimed")),
            # Newest first with the primary key as tie-breaker (the admin's order): a morning's
            # reminders all share one send_at, so an index on send_at alone still sorts them all.
            models.Index(fields=["send_at", "id"], name="reminder_send_at_id"),
            models.Index(fields=["recipient", "-send_at"], name="reminder_recipient"),
            # The sweep's claim walks the unsent rows in this order and stops at a batch. Sent rows
            # leave the index, so a batch no longer skips over every row sent before it.
            models.Index(
                fields=["recipient", "send_at", "id"],
                name="reminder_claim_order",
                condition=models.Q(status__in=["pending", "claimed"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient_id} ({self.lead})"

    @property
    def is_escalation(self) -> bool:
        return self.lead == self.ESCALATION

    @property
    def lead_days(self) -> int | None:
        return None if self.is_escalation else int(self.lead.rstrip("d"))

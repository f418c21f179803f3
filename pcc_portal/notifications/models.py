"""Notifications: one row per event per person (also the ledger), preferences per kind, digest ledger."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Delivery(models.TextChoices):
    EMAIL = "email", "Email me at once"
    DIGEST = "digest", "Put it in my daily digest"
    PORTAL = "portal", "Only in my notifications list"
    OFF = "off", "Off"


class NotificationPreference(models.Model):
    """How one person hears of one kind of notification; no row means "email me at once"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=60, help_text="A notification kind, e.g. plans.comment.")
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_notification_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.get_delivery_display()}"


class NotificationDigest(models.Model):
    """The ledger of daily digests: one email per person per day, claimed before it is sent."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(help_text="The day (UK time) the digest is for.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    lines = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "recipient"]
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="one_notification_digest_per_day")]

    def __str__(self) -> str:
        return f"Digest for {self.recipient} on {self.day:%-d %B %Y}"


class Notification(models.Model):
    """One event told to one person: an entry in their list and the ledger of its email.

    The unique (recipient, key) makes every event reach each person once however
    often the task runs; an email is claimed (pending -> sent) by a conditional
    update before it goes, so two runs never both send it.
    """

    class Email(models.TextChoices):
        NONE = "none", "No email"
        PENDING = "pending", "To be emailed"
        DIGEST = "digest", "Waiting for the daily digest"
        SENT = "sent", "Emailed"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=60, db_index=True)
    key = models.CharField(max_length=200, help_text="The event, e.g. plans.comment:42.")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email = models.CharField(max_length=10, choices=Email.choices, default=Email.NONE)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        NotificationDigest, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    is_illustrative = models.BooleanField(default=False, help_text="Demo content.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_event")]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["email", "recipient"], condition=Q(email="digest"), name="notification_digest_due"),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

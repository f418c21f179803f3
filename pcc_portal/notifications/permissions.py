"""Who may read and change notifications: each person only their own."""

from .models import Notification


def can_read_notification(user, notification: Notification) -> bool:
    return bool(user.is_authenticated and user.is_active and notification.recipient_id == user.pk)


def can_use_notifications(user) -> bool:
    return bool(user.is_authenticated and user.is_active)

"""The email for one notification and the daily digest: plain text and HTML, linking back to the portal."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from pcc_portal.deadlines.emails import absolute_url

from .models import Notification
from .registry import notification_kinds


def _line(notification: Notification, labels: dict[str, str]) -> dict:
    return {
        "notification": notification,
        "kind_label": labels.get(notification.kind, ""),
        "link": absolute_url(notification.url),
    }


def _message(*, subject: str, template: str, context: dict, to: str, key: str) -> EmailMultiAlternatives:
    context = {
        **context,
        "portal_name": "PCC Partnership Portal",
        "list_link": absolute_url(reverse("notifications:list")),
        "settings_link": absolute_url(reverse("deadlines:settings")) + "#notifications-heading",
    }
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split())[:250],
        body=render_to_string(f"emails/notifications/{template}.txt", context),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", "X-PCC-Notification": key[:900]},
    )
    message.attach_alternative(render_to_string(f"emails/notifications/{template}.html", context), "text/html")
    return message


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    """Return the email telling one person of one event."""
    labels = {kind.code: kind.label for kind in notification_kinds()}
    recipient = notification.recipient
    return _message(
        subject=notification.title,
        template="notification",
        context={"line": _line(notification, labels), "recipient": recipient},
        to=recipient.email,
        key=notification.key,
    )


def digest_message(recipient, notifications: list[Notification]) -> EmailMultiAlternatives:
    """Return one email listing the day's notifications for one person."""
    labels = {kind.code: kind.label for kind in notification_kinds()}
    count = len(notifications)
    return _message(
        subject=f"Your daily digest: {count} notification{'s' if count != 1 else ''}",
        template="digest",
        context={"lines": [_line(n, labels) for n in notifications], "recipient": recipient},
        to=recipient.email,
        key=" ".join(n.key for n in notifications),
    )

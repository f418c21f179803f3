"""Reminder, digest and escalation emails: plain text and HTML, with links back to the portal."""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Reminder
from .registry import LONDON


def absolute_url(path: str) -> str:
    """Return the full address of a portal path (SITE_URL + path); leave full addresses alone."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path if path.startswith('/') else '/' + path}"


def _message_id(name: str) -> str:
    # A stable Message-ID: should a crash ever resend a message, mail clients can tell it is the same one.
    host = urlsplit(settings.SITE_URL).hostname or "pcc-portal.invalid"
    return f"<{name}@{host}>"


def when_phrase(reminder: Reminder) -> str:
    """Return "due in 14 days", "due tomorrow", "due today" or "overdue since …"."""
    if reminder.is_escalation:
        return "overdue"
    days = reminder.lead_days
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due in {days} days"


def _line(reminder: Reminder) -> dict:
    return {
        "reminder": reminder,
        "when": when_phrase(reminder),
        "due_local": reminder.due.astimezone(LONDON),
        "link": absolute_url(reminder.url),
    }


@lru_cache(maxsize=8)
def _portal_links(site_url: str) -> dict:
    # Worked out once per SITE_URL: a sweep renders thousands of emails.
    return {
        "settings_link": f"{site_url}{reverse('deadlines:settings')}",
        "whats_due_link": f"{site_url}{reverse('deadlines:whats_due')}",
    }


def _message(*, subject: str, template: str, context: dict, to: str, message_id: str, key: str):
    context = {**context, **_portal_links(settings.SITE_URL), "portal_name": "PCC Partnership Portal"}
    text = render_to_string(f"emails/deadlines/{template}.txt", context)
    html = render_to_string(f"emails/deadlines/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[to],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated", "X-PCC-Reminder": key},
    )
    message.attach_alternative(html, "text/html")
    return message


def reminder_message(reminder: Reminder) -> EmailMultiAlternatives:
    """Return the email for one reminder or escalation."""
    line = _line(reminder)
    if reminder.is_escalation:
        subject = f"Overdue: {reminder.title}"
        template = "escalation"
    else:
        subject = f"Reminder: {reminder.title} ({line['when']})"
        template = "reminder"
    return _message(
        subject=subject,
        template=template,
        context={"line": line, "recipient": reminder.recipient},
        to=reminder.recipient.email,
        message_id=_message_id(f"reminder-{reminder.pk}"),
        key=f"{reminder.deadline_key} {reminder.lead}",
    )


def digest_message(reminders: list[Reminder]) -> EmailMultiAlternatives:
    """Return one digest email listing several reminders for the same person."""
    recipient = reminders[0].recipient
    lines = [_line(r) for r in sorted(reminders, key=lambda r: (r.due, r.title))]
    count = len(lines)
    return _message(
        subject=f"Your deadlines: {count} reminder{'s' if count != 1 else ''}",
        template="digest",
        context={"lines": lines, "recipient": recipient},
        to=recipient.email,
        message_id=_message_id(f"digest-{min(r.pk for r in reminders)}-{count}"),
        key=" ".join(f"{r.deadline_key} {r.lead}" for r in reminders)[:900],
    )

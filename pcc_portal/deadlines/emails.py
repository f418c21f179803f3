"""Reminder, digest and escalation emails: plain text and HTML, with links back to the portal."""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape

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


def _render(template: str, context: dict) -> tuple[str, str]:
    """Return the plain text and HTML of an email template."""
    context = {**context, **_portal_links(settings.SITE_URL), "portal_name": "PCC Partnership Portal"}
    text = get_template(f"emails/deadlines/{template}.txt").render(context)
    html = get_template(f"emails/deadlines/{template}.html").render(context)
    return text, html


def _message(*, subject: str, body: tuple[str, str], to: str, message_id: str, key: str):
    text, html = body
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[to],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated", "X-PCC-Reminder": key},
    )
    message.attach_alternative(html, "text/html")
    return message


# Stands in for the recipient's name in a body rendered once for everyone reminded of the same thing.
# PostgreSQL text cannot hold NUL, so no title or name can contain it, and HTML escaping leaves it alone.
_NAME = "\x00recipient-name\x00"


class _NameStandIn:
    def get_short_name(self) -> str:
        return _NAME


class EmailBodies:
    """Render each reminder's text and HTML once for all its recipients, then put in each one's name.

    A sweep sends the same reminder of a deadline to everyone concerned, and the emails differ only in
    the greeting: rendering the templates for every email was most of the sweep's work per reminder.
    Keyed by every ledger field the templates show, so rows copied from a deadline that changed between
    sweeps are rendered apart. One instance serves one sweep.
    """

    def __init__(self) -> None:
        self._bodies: dict[tuple, tuple[str, str]] = {}

    def for_reminder(self, reminder: Reminder, *, template: str, line: dict) -> tuple[str, str]:
        key = (template, settings.SITE_URL, reminder.lead, reminder.title, reminder.kind_label,
               reminder.responsible, reminder.url, reminder.due)  # fmt: skip
        body = self._bodies.get(key)
        if body is None:
            body = self._bodies[key] = _render(template, {"line": line, "recipient": _NameStandIn()})
        name = reminder.recipient.get_short_name()
        return body[0].replace(_NAME, name), body[1].replace(_NAME, escape(name))


def reminder_message(reminder: Reminder, *, bodies: EmailBodies | None = None) -> EmailMultiAlternatives:
    """Return the email for one reminder or escalation (its body from `bodies` when given)."""
    line = _line(reminder)
    if reminder.is_escalation:
        subject = f"Overdue: {reminder.title}"
        template = "escalation"
    else:
        subject = f"Reminder: {reminder.title} ({line['when']})"
        template = "reminder"
    if bodies is None:
        body = _render(template, {"line": line, "recipient": reminder.recipient})
    else:
        body = bodies.for_reminder(reminder, template=template, line=line)
    return _message(
        subject=subject,
        body=body,
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
        body=_render("digest", {"lines": lines, "recipient": recipient}),
        to=recipient.email,
        message_id=_message_id(f"digest-{min(r.pk for r in reminders)}-{count}"),
        key=" ".join(f"{r.deadline_key} {r.lead}" for r in reminders)[:900],
    )

"""iCalendar (RFC 5545) feeds, made with the `icalendar` package."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .emails import absolute_url
from .registry import CalendarEvent, Deadline

PRODID = "-//PCC Partnership Portal//Deadlines and meetings//EN"


def _uid(key: str) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "pcc-portal.invalid"
    return f"{key.replace(':', '-')}@{host}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def build_calendar(
    *, name: str, deadlines: Iterable[Deadline] = (), events: Iterable[CalendarEvent] = (), now: datetime | None = None
) -> bytes:
    """Return a VCALENDAR with one VEVENT per deadline (at its due time) and per event."""
    stamp = _utc(now or timezone.now())
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    # Ask subscribing calendars to check hourly (RFC 7986; X-PUBLISHED-TTL for Outlook).
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for item in deadlines:
        vevent = Event()
        vevent.add("uid", _uid(item.key))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", _utc(item.due))  # an instant: no DTEND (RFC 5545 3.6.1)
        vevent.add("summary", f"Due: {item.title}")
        description = f"{item.kind_label}. Responsible: {item.responsible or 'not stated'}."
        vevent.add("description", description + (" Met." if item.done else ""))
        vevent.add("categories", [item.kind_label])
        vevent.add("url", absolute_url(item.url))
        vevent.add("transp", "TRANSPARENT")
        calendar.add_component(vevent)
    for event in events:
        vevent = Event()
        vevent.add("uid", _uid(event.key))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", _utc(event.start))
        if event.end and event.end > event.start:
            vevent.add("dtend", _utc(event.end))
        vevent.add("summary", event.title)
        if event.location:
            vevent.add("location", event.location)
        if event.description:
            vevent.add("description", event.description)
        vevent.add("url", absolute_url(event.url))
        calendar.add_component(vevent)
    return calendar.to_ical()

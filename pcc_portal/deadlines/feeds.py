"""iCalendar (RFC 5545) feeds, written line by line.

A feed carries a few hundred events of the same few properties. The
`icalendar` package builds a typed object for every property and folds every
line character by character, which made it about half of a feed's time; here
each line is written once as text, escaped and folded as `icalendar` does (in
its canonical property order), so the bytes are the same as it would write.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .emails import absolute_url
from .registry import CalendarEvent, Deadline

PRODID = "-//PCC Partnership Portal//Deadlines and meetings//EN"
FOLD_AT = 75  # octets (RFC 5545 3.1)


_SPECIAL = re.compile(r"[\\;,\r\n]")  # what _text escapes; most values hold none of it


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11), as icalendar does."""
    if not _SPECIAL.search(value):
        return value
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _fold(line: str) -> str:
    """Fold a content line longer than 75 octets (RFC 5545 3.1); never split a backslash from what it escapes."""
    if line.isascii():
        if len(line) < FOLD_AT:
            return line
        # One octet a character: slices of 74, the same parts as the loop below makes.
        size, ascii_parts, begin = FOLD_AT - 1, [], 0
        while len(line) - begin > size:
            part = line[begin : begin + size]
            if part[-1] in "\\^":
                part = part[:-1]
            ascii_parts.append(part)
            begin += len(part)
        ascii_parts.append(line[begin:])
        return "\r\n ".join(ascii_parts)
    if len(line.encode()) < FOLD_AT:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode())
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def _unescaped(value: str) -> str:
    """Return a value written as it is (a URI, an X- property), which cannot hold a line break."""
    if "\r" in value or "\n" in value:
        raise ValueError(f"A line break would end the content line early: {value!r}")
    return value


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build_calendar(
    *, name: str, deadlines: Iterable[Deadline] = (), events: Iterable[CalendarEvent] = (), now: datetime | None = None
) -> bytes:
    """Return a VCALENDAR with one VEVENT per deadline (at its due time) and per event."""
    stamp = f"DTSTAMP:{_utc(now or timezone.now())}"
    host = urlsplit(settings.SITE_URL).hostname or "pcc-portal.invalid"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        _fold(f"PRODID:{_text(PRODID)}"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _fold(f"X-WR-CALNAME:{_unescaped(name)}"),  # an X- property: not escaped, as icalendar does
        # Ask subscribing calendars to check hourly (RFC 7986; X-PUBLISHED-TTL for Outlook).
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "X-WR-TIMEZONE:Europe/London",
    ]
    at_host = f"@{_text(host)}"
    site = settings.SITE_URL
    # A feed holds hundreds of deadlines of a few kinds, due at fewer times, from fewer people responsible:
    # the lines they share are written once, and each deadline's event as one piece of text.
    categories: dict[str, str] = {}
    descriptions: dict[tuple[str, str, bool], str] = {}
    starts: dict[datetime, str] = {}
    for item in deadlines:
        category = categories.get(item.kind_label)
        if category is None:
            category = categories[item.kind_label] = _fold(f"CATEGORIES:{_text(item.kind_label)}")
        about = (item.kind_label, item.responsible, bool(item.done))
        description = descriptions.get(about)
        if description is None:
            text = f"{item.kind_label}. Responsible: {item.responsible or 'not stated'}.{' Met.' if item.done else ''}"
            description = descriptions[about] = _fold(f"DESCRIPTION:{_text(text)}")
        start = starts.get(item.due)
        if start is None:
            start = starts[item.due] = f"DTSTART:{_utc(item.due)}"  # an instant: no DTEND (RFC 5545 3.6.1)
        path = item.url
        link = f"{site}{path}" if path.startswith("/") else absolute_url(path)  # absolute_url, without a call
        if "\r" in link or "\n" in link:
            _unescaped(link)
        summary = f"SUMMARY:{_text(f'Due: {item.title}')}"
        uid = f"UID:{_text(item.key.replace(':', '-'))}{at_host}"
        lines.append(
            f"BEGIN:VEVENT\r\n{_fold(summary)}\r\n{start}\r\n{stamp}\r\n{_fold(uid)}\r\n{category}\r\n"
            f"{description}\r\nTRANSP:TRANSPARENT\r\n{_fold(f'URL:{link}')}\r\nEND:VEVENT"
        )
    for event in events:
        lines += ["BEGIN:VEVENT", _fold(f"SUMMARY:{_text(event.title)}"), f"DTSTART:{_utc(event.start)}"]
        if event.end and event.end > event.start:
            lines.append(f"DTEND:{_utc(event.end)}")
        lines += [stamp, _fold(f"UID:{_text(event.key.replace(':', '-'))}{at_host}")]
        if event.description:
            lines.append(_fold(f"DESCRIPTION:{_text(event.description)}"))
        if event.location:
            lines.append(_fold(f"LOCATION:{_text(event.location)}"))
        lines += [_fold(f"URL:{_unescaped(absolute_url(event.url))}"), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()

"""iCalendar (RFC 5545) feeds, written line by line.

A feed carries a few hundred events of the same few properties. The
`icalendar` package builds a typed object for every property and folds every
line character by character, which made it about half of a feed's time; here
each line is written once as text, escaped and folded as `icalendar` does (in
its canonical property order), so the bytes are the same as it would write.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .emails import absolute_url
from .registry import CalendarEvent, Deadline

PRODID = "-//PCC Partnership Portal//Deadlines and meetings//EN"
FOLD_AT = 75  # octets (RFC 5545 3.1)


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11), as icalendar does."""
    # Most values hold nothing to escape: five searches for a character take a quarter of the time of a regular
    # expression's one search for any of them (a feed escapes two values of each of a thousand deadlines).
    if "\\" not in value and ";" not in value and "," not in value and "\n" not in value and "\r" not in value:
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
    """Return a moment as a UTC DATE-TIME (RFC 5545 3.3.5), written as icalendar writes it (strftime parses its
    format and goes through the C library's time zone on every call)."""
    utc = moment.astimezone(UTC)
    return f"{utc.year:04}{utc.month:02}{utc.day:02}T{utc.hour:02}{utc.minute:02}{utc.second:02}Z"


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
    abouts: dict[tuple[str, str, bool], str] = {}
    starts: dict[datetime, str] = {}
    due, start = None, ""
    for item in deadlines:
        about = abouts.get((item.kind_label, item.responsible, item.done))
        if about is None:
            text = f"{item.kind_label}. Responsible: {item.responsible or 'not stated'}.{' Met.' if item.done else ''}"
            about = abouts[(item.kind_label, item.responsible, item.done)] = (
                f"{_fold(f'CATEGORIES:{_text(item.kind_label)}')}\r\n{_fold(f'DESCRIPTION:{_text(text)}')}"
            )
        # A list in due order holds runs of deadlines due at the same instant, often the same object: an aware
        # moment's hash (a dict's key) works out its UTC offset each time.
        if item.due is not due:
            due = item.due
            start = starts.get(due)
            if start is None:
                start = starts[due] = f"DTSTART:{_utc(due)}"  # an instant: no DTEND (RFC 5545 3.6.1)
        path, title, uid = item.url, item.title, item.key.replace(":", "-")
        link = f"{site}{path}" if path.startswith("/") else absolute_url(path)  # absolute_url, without a call
        # _text and _fold only for what needs them: a title or key seldom holds a character to escape, and most
        # lines are short ASCII (checked for the whole event at once).
        if "\\" in title or ";" in title or "," in title or "\n" in title or "\r" in title:
            title = _text(title)
        if "\\" in uid or ";" in uid or "," in uid or "\n" in uid or "\r" in uid:
            uid = _text(uid)
        if "\r" in link or "\n" in link:
            _unescaped(link)
        summary, uid, url = f"SUMMARY:Due: {title}", f"UID:{uid}{at_host}", f"URL:{link}"  # "Due: " needs no escape
        if not (
            len(summary) < FOLD_AT and len(uid) < FOLD_AT and len(url) < FOLD_AT and f"{title}{uid}{link}".isascii()
        ):
            summary, uid, url = _fold(summary), _fold(uid), _fold(url)
        lines.append(
            f"BEGIN:VEVENT\r\n{summary}\r\n{start}\r\n{stamp}\r\n{uid}\r\n{about}\r\n"
            f"TRANSP:TRANSPARENT\r\n{url}\r\nEND:VEVENT"
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
    lines += ["END:VCALENDAR", ""]  # the last line ends with a line break too
    return "\r\n".join(lines).encode()

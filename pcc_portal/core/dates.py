"""Dates written as the `date` filter writes them, without its per-call format parsing and lookups: a list of a
hundred rows spent more on Django's date formatter than on the rest of each row.

The day and month names are Django's own translations, read once per language.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR


@dataclass(frozen=True)
class DateNames:
    days_abbr: tuple[str, ...]  # Monday first, as date.weekday() counts (the filter's D)
    months_abbr: tuple[str, ...]  # 1-12, index 0 unused (the filter's M)
    months: tuple[str, ...]  # 1-12, index 0 unused (the filter's F)
    days: tuple[str, ...]  # Monday first (the filter's l)


_NAMES: dict[str | None, DateNames] = {}


def date_names() -> DateNames:
    """Return the active language's day and month names, translated once per language."""
    language = translation.get_language()
    names = _NAMES.get(language)
    if names is None:
        names = _NAMES[language] = DateNames(
            days_abbr=tuple(str(WEEKDAYS_ABBR[day]) for day in range(7)),
            months_abbr=("", *(MONTHS_3[number].title() for number in range(1, 13))),
            months=("", *(str(MONTHS[number]) for number in range(1, 13))),
            days=tuple(str(WEEKDAYS[day]) for day in range(7)),
        )
    return names


def short_date(day: datetime.date, names: DateNames | None = None) -> str:
    """Return the day as the date filter's "j M Y" writes it (1 Oct 2026); in a loop, pass date_names() read once."""
    return f"{day.day} {(names or date_names()).months_abbr[day.month]} {day.year}"


def long_date(day: datetime.date) -> str:
    """Return the day as the date filter's "j F Y" writes it (1 October 2026)."""
    return f"{day.day} {date_names().months[day.month]} {day.year}"


def weekday_date(day: datetime.date) -> str:
    """Return the day as the date filter's "l j F Y" writes it (Thursday 1 October 2026)."""
    names = date_names()
    return f"{names.days[day.weekday()]} {day.day} {names.months[day.month]} {day.year}"


def long_date_time(moment: datetime.datetime) -> str:
    """Return the moment in the current time zone as the date filter's "j F Y, H:i" writes it (1 October 2026,
    09:05)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{long_date(local)}, {local.hour:02d}:{local.minute:02d}"


def short_date_time(moment: datetime.datetime) -> str:
    """Return the moment in the current time zone as the date filter's "j M Y H:i" writes it (1 Oct 2026 09:05)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{short_date(local)} {local.hour:02d}:{local.minute:02d}"

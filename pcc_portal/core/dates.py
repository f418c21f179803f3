"""Dates written as the date filter writes them in English (the portal's only language), without its per-call
lookups: a list of a hundred rows spends more on Django's date formatter than on the rest of each row."""

import datetime

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")  # fmt: skip


def short_date(day: datetime.date) -> str:
    """Return the day as the date filter's "j M Y" writes it (1 Oct 2026)."""
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def long_date(day: datetime.date) -> str:
    """Return the day as the date filter's "j F Y" writes it (1 October 2026)."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"

"""Parts of the apps' `deadline_summary` hooks (see registry): an app's deadlines for a user counted by due date.

The dashboard's box shows how many deadlines are due before now, in the next 7 days and in the next 30, and the
soonest few. An app's hook asks the database how many of its deadlines fall due at each moment or on each calendar
date (a few dozen rows where it would build hundreds of deadlines), and builds only those due by the `size`-th
soonest.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, DateField, DateTimeField, F, QuerySet, Value

from .registry import LONDON, due_at


def last_day_before(moment: datetime.datetime) -> datetime.date:
    """Return the last calendar date whose 17:00 deadline is before the moment."""
    day = moment.astimezone(LONDON).date()
    return day if due_at(day) < moment else day - datetime.timedelta(days=1)


def counted_by_due(part: QuerySet, *, due: str, by_day: bool) -> QuerySet:
    """Return how many of the part's rows fall due at each of its dues: rows of `day_` (a date field's calendar
    date, due at 17:00 London, with by_day) or `moment_` (a moment field's), and `count_`. Parts of the same
    columns, to be joined in a UNION."""
    no_day, no_moment = Value(None, output_field=DateField()), Value(None, output_field=DateTimeField())
    return (
        part.order_by()
        .values(day_=F(due) if by_day else no_day, moment_=no_moment if by_day else F(due))
        .annotate(count_=Count("pk"))
    )


@dataclass(frozen=True)
class DueCounts:
    """How many deadlines are due before now, in [now, week) and later; the soonest due; the `size`-th soonest."""

    overdue: int
    this_week: int
    later: int
    soonest: datetime.datetime | None  # None: none is due
    bound: datetime.datetime | None  # None: fewer than `size` are due, every one can be shown


def due_counts(rows: list[dict], *, now: datetime.datetime, week: datetime.datetime, size: int) -> DueCounts:
    """Return the counts of counted_by_due's rows by band, and the dues that bound the `size` soonest."""
    dues = sorted((due_at(row["day_"]) if row["day_"] is not None else row["moment_"], row["count_"]) for row in rows)
    overdue = sum(count for due, count in dues if due < now)
    this_week = sum(count for due, count in dues if now <= due < week)
    later = sum(count for due, count in dues if due >= week)
    bound, seen = None, 0
    for due, count in dues:
        seen += count
        if seen >= size:
            bound = due
            break
    return DueCounts(overdue, this_week, later, dues[0][0] if dues else None, bound)

"""Parts of the apps' `deadline_summary` hooks (see registry): a part's deadlines counted by band in the database.

Each part is a queryset of an app's deadlines for a user with the moment or the calendar date they are due. The
dashboard's box shows how many are due before now, in the next 7 days and in the next 30, and the soonest few: the
database counts them, and gives the due of each part's `size`-th soonest, which bounds the soonest of all.
"""

import datetime

from django.db.models import Count, DateField, DateTimeField, Min, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .registry import LONDON, due_at


def last_day_before(moment: datetime.datetime) -> datetime.date:
    """Return the last calendar date whose 17:00 deadline is before the moment."""
    day = moment.astimezone(LONDON).date()
    return day if due_at(day) < moment else day - datetime.timedelta(days=1)


def counted_by_band(part: QuerySet, *, source: str, due: str, by_day: bool, now, week, size: int) -> QuerySet:
    """Return one row of the part: its `source_`, how many rows are due before `now` (`overdue_`), from then to
    `week` (`this_week_`) and after (`later_`), and the due of its `size`-th soonest row (`nth_day_` for a calendar
    date, `nth_moment_` for a moment; None when it has fewer rows).

    With by_day, `due` is a date field due at 17:00 London, and `now` and `week` are the last dates whose 17:00 is
    before each (last_day_before); else a moment field and the moments themselves.
    """
    if by_day:
        overdue, this_week = Q((f"{due}__lte", now)), Q((f"{due}__gt", now), (f"{due}__lte", week))
        later = Q((f"{due}__gt", week))
    else:
        overdue, this_week = Q((f"{due}__lt", now)), Q((f"{due}__gte", now), (f"{due}__lt", week))
        later = Q((f"{due}__gte", week))
    # Ordered by an expression, not the column: by the column's own index, the database would walk every area's
    # rows from the earliest date to find a few of the user's (one area's returns: 3,000 rows for 5, 7 ms).
    soonest_first = part.annotate(due_=Coalesce(due, due)).order_by("due_").values("due_")
    nth = Subquery(soonest_first[size - 1 : size])
    no_day, no_moment = Value(None, output_field=DateField()), Value(None, output_field=DateTimeField())
    return (
        part.order_by()
        .values(source_=Value(source))
        .annotate(
            overdue_=Count("pk", filter=overdue),
            this_week_=Count("pk", filter=this_week),
            later_=Count("pk", filter=later),
            first_day_=Min(due) if by_day else no_day,
            first_moment_=no_moment if by_day else Min(due),
            nth_day_=nth if by_day else no_day,
            nth_moment_=no_moment if by_day else nth,
        )
    )


def summed(rows: list[dict]) -> tuple[int, int, int, datetime.datetime | None, datetime.datetime | None]:
    """Return the counts of counted_by_band's rows, band by band; the soonest due of all (None: none); and the
    earliest of their `size`-th soonest dues (None when no part has that many): nothing due after it can be among
    the `size` soonest of all."""
    overdue, this_week, later = (sum(row[band] for row in rows) for band in ("overdue_", "this_week_", "later_"))
    return overdue, this_week, later, _earliest(rows, "first"), _earliest(rows, "nth")


def _earliest(rows: list[dict], name: str) -> datetime.datetime | None:
    dues = [due_at(row[f"{name}_day_"]) if row[f"{name}_day_"] else row[f"{name}_moment_"] for row in rows]
    return min((due for due in dues if due is not None), default=None)

"""Parts of the apps' `deadline_summary` hooks (see registry): an app's deadlines for a user counted by band, and
the rows of the soonest few, in one query.

The dashboard's box shows how many deadlines are due before now, in the next 7 days and in the next 30, and the
soonest few. An app's hook wraps its scoped rows (a UNION) in a query that counts them by band over the whole set
(window aggregates) and keeps only the rows that can be among the `size` soonest: a staff user has hundreds, the
box shows five.
"""

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import DateField, DateTimeField, F, Model, QuerySet, Value
from django.db.models.functions import Cast, TruncDate

from pcc_portal.core.querytemplates import template_wrapped_rows

from .registry import LONDON, due_at

# A date's deadline is at 17:00 London: due before a moment when the date is by last_day_before(moment). A row's
# rank is by the UTC date its due falls on (a date's 17:00 London falls on that date in UTC): every row due by the
# `size`-th soonest ranks by `size`, with the others of that UTC date.
_SUMMARY = """
SELECT ranked_rows_.*{looked_up} FROM (
    SELECT inner_rows_.*,
        SUM(CASE WHEN due_day_ <= %s OR due_moment_ < %s THEN 1 ELSE 0 END) OVER () AS overdue_,
        SUM(CASE WHEN due_day_ <= %s OR due_moment_ < %s THEN 1 ELSE 0 END) OVER () AS before_week_,
        COUNT(*) OVER () AS listed_,
        RANK() OVER (ORDER BY rank_day_) AS rank_
    FROM inner_rows_
) ranked_rows_ WHERE rank_ <= %s
"""


@dataclass(frozen=True)
class LookedUp:
    """A column summary_rows adds to the rows it keeps: `field` of the `model` row whose pk is the row's `key`
    column (NULL when that is NULL). Only the few rows kept are looked up: joined in the UNION, every row of a staff
    user's hundreds was (an organisation's name for each return due: the database merged the returns with the
    organisations' primary key index)."""

    name: str
    model: type[Model]
    field: str
    key: str

    def sql(self) -> str:
        """Return the column as the outer query selects it."""
        quote, meta = connections[router.db_for_read(self.model)].ops.quote_name, self.model._meta
        column = meta.get_field(self.field).column
        table, pk, key, name = quote(meta.db_table), quote(meta.pk.column), quote(self.key), quote(self.name)
        return f", (SELECT {quote(column)} FROM {table} WHERE {pk} = ranked_rows_.{key}) AS {name}"  # noqa: S608 - a model's own names


def last_day_before(moment: datetime.datetime) -> datetime.date:
    """Return the last calendar date whose 17:00 deadline is before the moment."""
    day = moment.astimezone(LONDON).date()
    return day if due_at(day) < moment else day - datetime.timedelta(days=1)


def with_due_columns(part: QuerySet, *, due: str, by_day: bool) -> QuerySet:
    """Return the part (a values() queryset, one of a UNION's) with the columns summary_rows reads: `due_day_`, the
    date field's calendar date with by_day (due at 17:00 London), or `due_moment_`, the moment field's; and
    `rank_day_`, the UTC date its due falls on."""
    # Typed NULLs: a UNION whose parts all leave a column NULL gives it a type of its own (PostgreSQL: text).
    no_day, no_moment = Cast(Value(None), DateField()), Cast(Value(None), DateTimeField())
    if by_day:
        return part.annotate(due_day_=F(due), due_moment_=no_moment, rank_day_=F(due))
    return part.annotate(due_day_=no_day, due_moment_=F(due), rank_day_=TruncDate(due, tzinfo=datetime.UTC))


def summary_rows(
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    now: datetime.datetime,
    week: datetime.datetime,
    size: int,
    looked_up: tuple[LookedUp, ...] = (),
    **arguments,
) -> tuple[tuple[int, int, int], list[dict]]:
    """Return how many rows of build(**arguments) are due before `now`, in [now, week) and later, and those of
    them that can be among the `size` soonest (all those due by the `size`-th soonest's UTC date).

    build's parts carry with_due_columns; its rows are what the box lists (due before the month's end, not met, in
    the user's areas). One query, compiled once per shape (template_wrapped_rows). Each of `looked_up` adds a column
    to the rows kept.
    """
    rows = template_wrapped_rows(
        key,
        build,
        outer=_SUMMARY.format(looked_up="".join(column.sql() for column in looked_up)),
        outer_names=("overdue_", "before_week_", "listed_", "rank_", *(column.name for column in looked_up)),
        # With no row to show, one still carries the counts.
        outer_params=(last_day_before(now), now, last_day_before(week), week, max(size, 1)),
        **arguments,
    )
    if not rows:
        return (0, 0, 0), []
    overdue, before_week, listed = rows[0]["overdue_"], rows[0]["before_week_"], rows[0]["listed_"]
    return (overdue, before_week - overdue, listed - before_week), rows if size > 0 else []

"""A count of related rows as a subquery of each row, not a join grouped over every related row."""

from django.db.models import Case, Func, IntegerField, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import Star
from django.db.models.functions import JSONObject


def count_of(rows: QuerySet) -> Subquery:
    """Return COUNT(*) of the rows (filtered on an OuterRef) as a subquery of each outer row.

    COUNT(*), not COUNT(id): an index on the filtered columns answers it alone (an index-only scan). A list that
    shows ten rows then counts for those ten only, where a join grouped every row's related rows before the
    LIMIT could stop.
    """
    return Subquery(rows.order_by().values(count=Func(Star(), function="COUNT", output_field=IntegerField())))


def counts_of(rows: QuerySet, *, all_as: str, **conditions: Q) -> Subquery:
    """Return, as one subquery of each outer row, a JSON object of COUNT(*) of the rows (filtered on an OuterRef)
    under `all_as` and, under each name of `conditions`, the count of those rows meeting its condition.

    One pass over the rows for every count: a subquery for each read a consultation's 20,000 responses once more.
    """
    counts = {all_as: Func(Star(), function="COUNT", output_field=IntegerField())}
    for name, condition in conditions.items():
        counts[name] = Func(Case(When(condition, then=Value(1))), function="COUNT", output_field=IntegerField())
    return Subquery(rows.order_by().values(counts=JSONObject(**counts)))

"""A count of related rows as a subquery of each row, not a join grouped over every related row."""

from django.db.models import Func, IntegerField, QuerySet, Subquery
from django.db.models.expressions import Star


def count_of(rows: QuerySet) -> Subquery:
    """Return COUNT(*) of the rows (filtered on an OuterRef) as a subquery of each outer row.

    COUNT(*), not COUNT(id): an index on the filtered columns answers it alone (an index-only scan). A list that
    shows ten rows then counts for those ten only, where a join grouped every row's related rows before the
    LIMIT could stop.
    """
    return Subquery(rows.order_by().values(count=Func(Star(), function="COUNT", output_field=IntegerField())))

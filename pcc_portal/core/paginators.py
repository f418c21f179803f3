"""A paginator for admin lists of very large tables (ledgers): it never counts past a cap."""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


class CappedCountPaginator(Paginator):
    """Count at most COUNT_CAP + 1 rows (a LIMITed subquery), not the whole table.

    The admin shows "10001" for a longer list: the newest rows come first, and search or a
    filter narrows a ledger long before anyone pages that far.
    """

    @cached_property
    def count(self) -> int:
        # Unordered: any COUNT_CAP + 1 rows will do, and sorting the table first would cost more than counting it.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

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


class KeysFirstPaginator(Paginator):
    """Pick a deep page's rows by their keys along the list's ordering, then read only those rows with their joins.

    On a late page of an ordered list the database joined and sorted every row before skipping to the page
    (the index on the ordering only helps the first pages); the keys alone are read from that index and
    only one page of rows is joined and sorted. Near the top the database already walks the index and joins
    only the rows it keeps, and the two steps cost more than one: there the page is read as it is.
    """

    deep_from = 500  # rows skipped; on the 2,000-row register the one-step plan turned to a full sort past ~1,000

    def page(self, number):
        page = super().page(number)
        if (page.number - 1) * self.per_page >= self.deep_from:
            # The same ordered list, narrowed to the page's keys: its rows, in its order, with its joins.
            page.object_list = self.object_list.filter(pk__in=page.object_list.values("pk"))
        return page

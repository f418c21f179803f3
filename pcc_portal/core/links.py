"""Paths of named URLs that take one integer, worked out once per name instead of a reverse() per row.

A list of a hundred rows that each link to their record spends more on reverse() than on the rest
of the row; the path around the number is the same for every row.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = 7351908461  # no path of the portal holds this run of digits


@functools.cache
def _halves(name: str, key: str, prefix: str, urlconf: str) -> tuple[str, str]:
    path = reverse(name, kwargs={key: _MARK}, urlconf=urlconf)
    before, found, after = path.partition(str(_MARK))
    if not found or str(_MARK) in after:
        raise ValueError(f"{name} does not put its {key} in the path once")
    return before, after


def path_for(name: str, value: int, *, key: str = "pk") -> str:
    """Return what reverse(name, kwargs={key: value}) returns, for an integer value."""
    before, after = _halves(name, key, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{before}{int(value)}{after}"

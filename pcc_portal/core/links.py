"""Paths of named URLs that take integers, worked out once per name instead of a reverse() per row.

A list of a hundred rows that each link to their record spends more on reverse() than on the rest
of the row; the path around the numbers is the same for every row.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = 7351908460  # no path of the portal holds this run of digits (nor the next few)


@functools.cache
def _template(name: str, keys: tuple[str, ...], prefix: str, urlconf: str) -> str:
    marks = {key: str(_MARK + n) for n, key in enumerate(keys)}
    path = reverse(name, kwargs={key: int(mark) for key, mark in marks.items()}, urlconf=urlconf)
    path = path.replace("{", "{{").replace("}", "}}")
    for key, mark in marks.items():
        if path.count(mark) != 1:
            raise ValueError(f"{name} does not put its {key} in the path once")
        path = path.replace(mark, "{" + key + "}")
    return path


def path_for(name: str, pk: int | None = None, /, **kwargs: int) -> str:
    """Return what reverse(name, kwargs=...) returns, for integer arguments (the first one positional: pk)."""
    if pk is not None:
        kwargs = {"pk": pk, **kwargs}
    template = _template(name, tuple(sorted(kwargs)), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return template.format(**{key: int(value) for key, value in kwargs.items()})


def path_maker(name: str) -> Callable[[int], str]:
    """Return a function of a pk giving path_for(name, pk), the path's template looked up once (for a loop over
    many rows: path_for itself reads the script prefix and URLconf on every call)."""
    template = _template(name, ("pk",), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    head, _, tail = template.format(pk="\0").partition("\0")
    return lambda pk: f"{head}{int(pk)}{tail}"

"""Work a web worker does once, after loading the portal and before its first request."""

import gc

from django.urls import get_resolver


def freeze_startup_heap() -> int:
    """Move every object alive now out of the cyclic garbage collector's sight, and return how many there are.

    A worker holds a few hundred thousand objects that live as long as it does: modules, models, URL patterns,
    settings. Each full collection walks all of them, though none can ever be garbage: on the national bench
    data a full collection took 10 ms or more and came every few requests. Frozen, they are never walked again
    (the technique CPython's `gc.freeze` documentation describes for servers); objects made after this are
    collected as before. The URL patterns are loaded first so that they are among the frozen.
    """
    get_resolver().url_patterns  # noqa: B018 (imports every app's URLconf: long-lived objects, frozen with the rest)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()

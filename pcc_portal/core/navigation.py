"""The main navigation, built from what each app offers the user."""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .registry import NavItem, app_configs_with


@functools.cache
def _items_with_paths(hook: str, prefix: str, urlconf: str) -> tuple[tuple[NavItem, str], ...]:
    """Return every item the apps offer through the hook with its path, in order, worked out once per process.

    The items and their paths are fixed by the code (the apps' hooks and the URLconf); only who sees
    which one depends on the request. Every page draws the navigation, and reversing each of its
    names on every request cost more than the rest of the navigation. Keyed on the script prefix and
    URLconf, as reverse() itself is.
    """
    items: list[NavItem] = []
    for config in app_configs_with(hook):
        items.extend(getattr(config, hook)())
    resolved = []
    for item in sorted(items, key=lambda i: (i.order, i.label)):
        try:
            resolved.append((item, reverse(item.url_name, urlconf=urlconf)))
        except NoReverseMatch:
            continue
    return tuple(resolved)


def nav_for(user, current_path: str = "", *, hook: str = "nav_items") -> list[dict]:
    """Return the navigation links the user may follow, in order."""
    items = _items_with_paths(hook, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return [
        {"label": item.label, "url": url, "active": current_path.startswith(url) and url != "/"}
        for item, url in items
        if item.visible(user)
    ]


def public_links(current_path: str = "") -> list[dict]:
    """Return the links to published information, for visitors."""
    return nav_for(None, current_path, hook="public_links")

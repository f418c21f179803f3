"""The kinds of notification, each contributed by the app that owns the event.

An app's AppConfig offers ``notification_kinds(self) -> list[NotificationKind]``.
A kind's ``event(object_id)`` reads the app's own records and returns the
Event to tell (or None when there is nothing to tell, e.g. a version no longer
shared): its recipients are worked out there through the app's selectors,
so this package never imports an app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from pcc_portal.core.registry import app_configs_with


@dataclass(frozen=True)
class Event:
    """Something that happened, to be told once to each recipient."""

    key: str  # unique for the event, e.g. "plans.comment:42"
    title: str
    url: str
    recipient_ids: frozenset[int]
    area_id: int | None  # nobody outside this force area is told (None: no area)
    summary: str = ""
    actor_id: int | None = None  # the person who did it is not told


@dataclass(frozen=True)
class NotificationKind:
    code: str  # "plans.comment"
    label: str  # "A new comment or reply in a thread you are in"
    event: Callable[[int], Event | None] = field(compare=False)
    order: int = 100
    demo_ids: Callable[[], list[int]] | None = field(default=None, compare=False)  # objects the demo tells of


@cache
def _kinds() -> dict[str, NotificationKind]:
    found: dict[str, NotificationKind] = {}
    for config in app_configs_with("notification_kinds"):
        for kind in config.notification_kinds():
            found[kind.code] = kind
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[1].label)))


def notification_kinds() -> list[NotificationKind]:
    """Return every kind of notification, in the order the settings page lists them."""
    return list(_kinds().values())


def notification_kind(code: str) -> NotificationKind:
    """Return the kind with this code; a KeyError for an unknown one."""
    return _kinds()[code]

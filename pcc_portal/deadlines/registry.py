"""One registry of everything due: each app contributes its own deadlines.

An app's AppConfig implements

    def deadlines(self, *, start, end, user=None) -> Iterable[Deadline]

(and may take `area_id=None` as well, to narrow its queries to one area when asked,
`recipients=True`, to skip looking up who is reminded when told `recipients=False`, and
`met_before=None`, to leave out the deadlines already met that were due before that time),
returning the deadlines due in [start, end) (aware datetimes). With `user`
given, it returns only those the user is to be reminded of or that are
escalated to the user when overdue (it scopes its
query with its own selectors, so nothing from another area or organisation
can leak). Adding a new kind of deadline touches only the app that owns it.

Only the reminders sweep (no user) needs every recipient. With a user, a hook
need only be right about that user: it answers "is this user reminded" from
the user's role, areas and organisation (pcc_portal.deadlines.recipients)
instead of looking up everyone reminded, so recipient_ids and escalate_to_ids
may then name that user alone.

The reminder settings list only the kinds of deadline a user has. An app may answer that
without building every deadline with

    def deadline_kinds(self, *, start, end, user) -> Iterable[tuple[str, str, int | None]]

returning the (kind, kind_label, area_id) of each deadline its `deadlines(start=start, end=end,
user=user)` would yield, from the same scoped query; the others are asked for their deadlines.
What's due filtered to one kind asks such an app for its deadlines only when it has some of that kind.

The dashboard's box counts what a user has due and shows the soonest few. An app may answer that without building
every deadline with

    def deadline_summary(self, *, start, end, now, week, month, user, size, area_ids)
        -> tuple[int, int, int, list[Deadline]]

counting, of the deadlines due before `month` (< end) that its `deadlines(start=start, end=end, user=user,
met_before=now)` would yield, those due before `now` and not met, those due in [now, week) and those due in
[week, month), only in the areas of `area_ids` (None: every area) or of no area; and returning, built as that hook
builds them, those of them that can be among its `size` soonest by (due, title, key): e.g. all due by its own
`size`-th soonest due, ties included. Others may come with them (they are checked again); the apps without the
hook are asked for their deadlines.

Calendar feeds also carry events that are not deadlines (panel meetings). An
app offers them with

    def calendar_events(self, *, start, end, user=None) -> Iterable[CalendarEvent]

where `user=None` asks for public events only (e.g. meetings whose papers
are published), and a user gets what that user may see.

A deadline's key names its record by database id ("plans.issue:12"), and the
reminders ledger keeps it. So that an area imported into another portal
(new ids) is not reminded twice, the app says which model each id of its
keys belongs to, a kind ending in "*" standing for every kind it begins:

    deadline_key_models = {"plans.issue": ("plans.plan",), "panels.precept_*": ("panels.panel", None)}
"""

import functools
import inspect
import logging
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from pcc_portal.core.registry import app_configs_with

LONDON = ZoneInfo("Europe/London")
_set = object.__setattr__  # past a frozen dataclass's own __setattr__
logger = logging.getLogger(__name__)


@dataclass(frozen=True, init=False)
class Deadline:
    key: str  # stable and unique across the portal, e.g. "plans.issue:12"
    kind: str  # e.g. "plans.issue"; the part of key before the colon
    kind_label: str  # e.g. "Plan issue deadline"
    title: str
    due: datetime  # aware
    url: str  # the page of the object it belongs to
    area_id: int | None
    responsible: str  # who must act, e.g. "OPCC", "Panel secretariat", an organisation
    recipient_ids: frozenset[int] = frozenset()  # users reminded at each lead time
    # users an overdue item is raised with once (DEADLINES_ESCALATE_AFTER), e.g. the OPCC chief executive
    escalate_to_ids: frozenset[int] = frozenset()
    done: bool = False  # met already (e.g. a return submitted); kept for history, never reminded

    def __init__(
        self,
        key: str,
        kind: str,
        kind_label: str,
        title: str,
        due: datetime,
        url: str,
        area_id: int | None,
        responsible: str,
        recipient_ids: frozenset[int] = frozenset(),
        escalate_to_ids: frozenset[int] = frozenset(),
        done: bool = False,
    ):
        # A staff user's pages build a thousand deadlines: giving the instance its whole dict at once takes a third
        # of the time of the frozen dataclass's own __init__, which sets each field through object.__setattr__.
        _set(
            self,
            "__dict__",
            {
                "key": key,
                "kind": kind,
                "kind_label": kind_label,
                "title": title,
                "due": due,
                "url": url,
                "area_id": area_id,
                "responsible": responsible,
                "recipient_ids": recipient_ids,
                "escalate_to_ids": escalate_to_ids,
                "done": done,
            },
        )


@dataclass(frozen=True)
class CalendarEvent:
    key: str  # stable and unique, e.g. "panels.meeting:7"
    title: str
    start: datetime  # aware
    end: datetime | None
    url: str
    area_id: int | None
    location: str = ""
    description: str = ""


def due_at(day: date, at: time = time(17, 0)) -> datetime:
    """Return an aware London datetime for a statutory calendar date."""
    return datetime.combine(day, at, tzinfo=LONDON)


def _takes(config, keyword: str) -> bool:
    """Check whether the app's hook takes the keyword (`area_id`: narrows its own queries to one area;
    `recipients`: can leave out who is reminded; `met_before`: can leave out what was met)."""
    hook = config.deadlines
    return keyword in _parameters(getattr(hook, "__func__", hook))


@functools.lru_cache(maxsize=256)
def _parameters(function) -> frozenset[str]:
    """Return the names a hook takes, read once per hook (every page that lists deadlines asks every app)."""
    return frozenset(inspect.signature(function).parameters)


def collect_deadlines(
    *,
    start: datetime,
    end: datetime,
    user=None,
    strict: bool = True,
    area_id: int | None = None,
    skip: Collection[str] = (),
    recipients: bool = True,
    met_before: datetime | None = None,
) -> Iterator[Deadline]:
    """Yield every app's deadlines due in [start, end), scoped to the user if given.

    With strict=False an app whose hook fails is logged and skipped, so one
    broken app cannot hold up every other app's reminders. With area_id, only
    that area's deadlines: a hook that takes `area_id` narrows its own queries
    (the whole country's schedule is not worked out for one area), the others
    are filtered here. Apps whose labels are in `skip` are not asked. With recipients=False (and no user: a page
    that lists dates), hooks that can leave out who is reminded do, and save those queries: their deadlines then
    name no recipients. With met_before, the deadlines due before then and already met are left out (a list of what
    is still to do): hooks that take `met_before` leave them out of their queries, the others are filtered here.
    """
    if user is not None and not recipients:
        raise ValueError("A user's deadlines are those the user is reminded of: they need the recipients.")
    for config in app_configs_with("deadlines"):
        if getattr(config, "label", None) in skip:
            continue
        yield from _deadlines_of(
            config,
            start=start,
            end=end,
            user=user,
            strict=strict,
            area_id=area_id,
            recipients=recipients,
            met_before=met_before,
        )


def _deadlines_of(
    config,
    *,
    start: datetime,
    end: datetime,
    user,
    strict: bool = True,
    area_id: int | None = None,
    recipients=True,
    met_before: datetime | None = None,
) -> list[Deadline]:
    """Return one app's deadlines as collect_deadlines yields them.

    A list, not a generator: a staff user's pages pass a thousand items through collect_deadlines, and every
    generator between the hook and the page resumes a frame for each of them.
    """
    scope = {"area_id": area_id} if area_id is not None and _takes(config, "area_id") else {}
    if not recipients and _takes(config, "recipients"):
        scope["recipients"] = False
    if met_before is not None and _takes(config, "met_before"):
        scope["met_before"] = met_before
    try:
        items = config.deadlines(start=start, end=end, user=user, **scope)
        if not isinstance(items, list):
            items = list(items)
    except Exception:
        if strict:
            raise
        logger.exception("The deadlines of %s could not be collected", getattr(config, "label", config))
        return []
    # Each filter a list comprehension of its own, only when asked: a staff user's pages pass a thousand items.
    if user is not None:
        items = _addressed_to(user, items)
    if area_id is not None:
        items = [item for item in items if item.area_id == area_id]
    if met_before is not None:
        items = [item for item in items if not (item.done and item.due < met_before)]
    return items


def _addressed_to(user, items: list[Deadline]) -> list[Deadline]:
    """Return the items addressed or escalated to the user: a second guard behind each app's own scope."""
    user_id = user.pk
    return [item for item in items if user_id in item.recipient_ids or user_id in item.escalate_to_ids]


def collect_deadline_summaries(
    *,
    start: datetime,
    now: datetime,
    week: datetime,
    month: datetime,
    end: datetime,
    user,
    size: int,
    area_ids: Collection[int] | None,
) -> Iterator[tuple[tuple[int, int, int] | None, list[Deadline]]]:
    """Yield, app by app, the counts of the user's deadlines due before now and not met, in [now, week) and in
    [week, month), and those that can be among the `size` soonest, from the apps' `deadline_summary` where they
    have it; for the others, None and every deadline of the user due in [start, end), without those met before now.
    """
    for config in app_configs_with("deadlines"):
        if hasattr(config, "deadline_summary"):
            *counts, items = config.deadline_summary(
                start=start, end=end, now=now, week=week, month=month, user=user, size=size, area_ids=area_ids
            )
            yield tuple(counts), _addressed_to(user, items)
        else:
            yield None, _deadlines_of(config, start=start, end=end, user=user, met_before=now)


def collect_deadline_kinds(*, start: datetime, end: datetime, user) -> Iterator[tuple[str, str, int | None]]:
    """Yield the (kind, kind_label, area_id) of the user's deadlines due in [start, end), each at least once.

    What collect_deadlines(user=user) yields, from the apps' `deadline_kinds` where they have it.
    """
    for config in app_configs_with("deadlines"):
        if hasattr(config, "deadline_kinds"):
            yield from config.deadline_kinds(start=start, end=end, user=user)
        else:
            for item in _deadlines_of(config, start=start, end=end, user=user):
                yield item.kind, item.kind_label, item.area_id


def collect_deadlines_of_kind(
    *, start: datetime, end: datetime, user, kind: str
) -> tuple[set[tuple[str, str, int | None]], list[Deadline]]:
    """Return the (kind, kind_label, area_id) of every deadline collect_deadlines(user=user) yields, and those of
    them of one kind.

    An app with `deadline_kinds` is asked for its deadlines only when it has some of that kind: a list of what is due
    filtered to one kind need not build every grant's monitoring returns to offer their kind in the filter. When its
    `deadline_key_models` name that kind, its deadlines are built at once, without asking its kinds first.
    """
    kinds: set[tuple[str, str, int | None]] = set()
    items: list[Deadline] = []
    for config in app_configs_with("deadlines"):
        # An app whose keys name the kind asked for is asked for its deadlines at once: it would be anyway when it
        # has some, and their kinds are those its deadline_kinds gives.
        if hasattr(config, "deadline_kinds") and not _declares_kind(config, kind):
            found = set(config.deadline_kinds(start=start, end=end, user=user))
            kinds |= found
            if any(found_kind == kind for found_kind, _label, _area_id in found):
                items += [item for item in _deadlines_of(config, start=start, end=end, user=user) if item.kind == kind]
        else:
            for item in _deadlines_of(config, start=start, end=end, user=user):
                kinds.add((item.kind, item.kind_label, item.area_id))
                if item.kind == kind:
                    items.append(item)
    return kinds, items


def _declares_kind(config, kind: str) -> bool:
    """Check whether the app's deadline_key_models name the kind (a kind ending in "*" every kind it begins)."""
    declared = getattr(config, "deadline_key_models", None) or {}
    return any(kind == key or (key.endswith("*") and kind.startswith(key[:-1])) for key in declared)


def collect_calendar_events(*, start: datetime, end: datetime, user=None) -> Iterator[CalendarEvent]:
    """Yield every app's calendar events in [start, end); public ones only without a user."""
    for config in app_configs_with("calendar_events"):
        yield from config.calendar_events(start=start, end=end, user=user)

"""Reads: what is due for a user, their calendar, and the public meetings calendar."""

import heapq
import operator
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.db.models import QuerySet
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core.dates import DateNames, date_names

from .models import CalendarFeed, Reminder, ReminderPreference
from .registry import (
    CalendarEvent,
    Deadline,
    collect_calendar_events,
    collect_deadline_kinds,
    collect_deadline_summaries,
    collect_deadlines,
    collect_deadlines_of_kind,
)

# An unmet deadline stays overdue however old it is; the dashboard boxes of each
# app count every one, so "what's due" must too.
OVERDUE_LOOKBACK = timedelta(days=366 * 25)
THIS_WEEK = timedelta(days=7)
AHEAD = timedelta(days=30)
# Statutory periods run longer than a month (an HMICFRS response is due 56 days after the report), so
# what's due also lists what is coming up in the next 90 days, after the next 30.
COMING_UP = timedelta(days=90)
_UNREAD = object()


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _in_users_areas(user, area_id: int | None) -> bool:
    # A second guard behind each app's own selectors: nothing from another force area.
    return area_id is None or user.is_administrator or area_id in user.area_ids


# Soonest first, then by title and key: (due, title, key), read in C (a staff user's lists sort a thousand).
_order = operator.attrgetter("due", "title", "key")
_due = operator.attrgetter("due")
_title = operator.attrgetter("title")
_key = operator.attrgetter("key")


def _in_order(items: list[Deadline]) -> list[Deadline]:
    """Sort the list in place by (due, title, key), soonest first, and return it.

    Three stable sorts, by key, by title, then by due, put it in the order one sort by _order does, without a
    (due, title, key) tuple for each item: a staff user's thousand tuples, alive at once, are as many objects for the
    garbage collector to pass over.
    """
    items.sort(key=_key)
    items.sort(key=_title)
    items.sort(key=_due)
    return items


def _addressed(user, *, start: datetime, end: datetime, met_before: datetime | None = None) -> list[Deadline]:
    """Return the deadlines due in [start, end) that the user is to be reminded of, in no order (with met_before,
    without those met that were due before then)."""
    if not _signed_in(user):
        return []
    items = collect_deadlines(start=start, end=end, user=user, met_before=met_before)
    if not user.is_administrator:  # _in_users_areas for every item, the user's role and areas read once
        areas = user.area_ids
        return [d for d in items if d.area_id is None or d.area_id in areas]
    return list(items)


def _kinds_and_deadlines_of_kind(
    user, *, start: datetime, end: datetime, kind: str
) -> tuple[set[tuple[str, str, int | None]], list[Deadline]]:
    """Return the (kind, label, area id) of every deadline deadlines_for(user) returns, and those of one kind, in
    order."""
    if not _signed_in(user):
        return set(), []
    found, items = collect_deadlines_of_kind(start=start, end=end, user=user, kind=kind)
    found = {entry for entry in found if _in_users_areas(user, entry[2])}
    items = [d for d in items if _in_users_areas(user, d.area_id)]
    return found, _in_order(items)


def deadlines_for(user, *, start: datetime, end: datetime) -> list[Deadline]:
    """Return the deadlines due in [start, end) that the user is to be reminded of, soonest first."""
    return _in_order(_addressed(user, start=start, end=end))


def calendar_events_for(user, *, start: datetime, end: datetime) -> list[CalendarEvent]:
    """Return the calendar events (e.g. panel meetings) the user may see, in order."""
    if not _signed_in(user):
        return []
    events = collect_calendar_events(start=start, end=end, user=user)
    return sorted((e for e in events if _in_users_areas(user, e.area_id)), key=lambda e: (e.start, e.key))


def public_calendar_events(*, start: datetime, end: datetime, area_id: int | None = None) -> list[CalendarEvent]:
    """Return the public events (panel meetings with published papers), optionally of one area."""
    events = collect_calendar_events(start=start, end=end, user=None)
    return sorted((e for e in events if area_id is None or e.area_id == area_id), key=lambda e: (e.start, e.key))


@dataclass
class DueItem:
    deadline: Deadline
    area_name: str = ""

    @cached_property
    def due_local(self) -> datetime:
        """Return the due time in the current time zone, as the `date` filter shows it."""
        return timezone.localtime(self.deadline.due)

    @property
    def due_iso(self) -> str:
        """Return the due time for a <time datetime> attribute (the `date:'c'` filter's text)."""
        return self.due_local.isoformat()

    @property
    def due_label(self) -> str:
        """Return the due time as the lists show it, e.g. Mon 30 Nov 2026, 17:00.

        The text of the `date:"D j M Y, H:i"` filter, from the same translated day and month names,
        without parsing the format for every item of a long list.
        """
        return due_label_of(self.due_local, date_names())


def due_label_of(local: datetime, names: DateNames) -> str:
    """Return a local due time as the lists show it (DueItem.due_label), from the language's day and month names."""
    day, month = names.days_abbr[local.weekday()], names.months_abbr[local.month]
    return f"{day} {local.day} {month} {local.year:04d}, {local.hour:02d}:{local.minute:02d}"


@dataclass
class WhatsDue:
    overdue: list[DueItem] = field(default_factory=list)
    this_week: list[DueItem] = field(default_factory=list)
    next_30_days: list[DueItem] = field(default_factory=list)
    coming_up: list[DueItem] = field(default_factory=list)  # after the next 30 days, within 90
    kinds: list[tuple[str, str]] = field(default_factory=list)  # every kind the user has, for the filter

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.next_30_days) + len(self.coming_up)

    def narrowed(self, *, kind: str = "", area_id: int | None = None) -> "WhatsDue":
        """Return the same lists keeping one kind and/or one area (the filter choices stay whole)."""

        def keep(entries: list[DueItem]) -> list[DueItem]:
            return [
                e
                for e in entries
                if (not kind or e.deadline.kind == kind) and (not area_id or e.deadline.area_id == area_id)
            ]

        return WhatsDue(
            overdue=keep(self.overdue),
            this_week=keep(self.this_week),
            next_30_days=keep(self.next_30_days),
            coming_up=keep(self.coming_up),
            kinds=self.kinds,
        )


@dataclass
class DueSummary:
    """What the dashboard's box shows of what's due: three counts and the soonest few items."""

    overdue: int = 0
    this_week: int = 0
    next_30_days: int = 0
    soonest: list[tuple[DueItem, bool]] = field(default_factory=list)  # (item, overdue), soonest first


def whats_due_summary(user, *, now: datetime, size: int = 5) -> DueSummary:
    """Return the counts of whats_due's overdue, this week and next 30 days, and the first `size` of those lists.

    The same items as whats_due, without what is due after the next 30 days, and without sorting or
    wrapping every item only to count it: a staff user has hundreds. Apps with a `deadline_summary` hook count
    theirs in their own queries and build only those that can be among the first `size`.
    """
    summary = DueSummary()
    if not _signed_in(user):
        return summary
    week, month = now + THIS_WEEK, now + AHEAD
    areas = None if user.is_administrator else user.area_ids  # _in_users_areas, the user's role and areas read once
    listed = []
    # A day more than the box shows: some hooks compare calendar dates, and keep a day's 17:00 only before the day.
    # What was met before now is history, not listed: the hooks leave it out of their queries where they can.
    found = collect_deadline_summaries(
        start=now - OVERDUE_LOOKBACK,
        now=now,
        week=week,
        month=month,
        end=month + timedelta(days=1),
        user=user,
        size=size,
        area_ids=areas,
    )
    for counts, items in found:
        if counts is not None:
            summary.overdue += counts[0]
            summary.this_week += counts[1]
            summary.next_30_days += counts[2]
        for item in items:
            if item.due >= month or (areas is not None and item.area_id is not None and item.area_id not in areas):
                continue
            if item.due < now and item.done:
                continue  # met: history, not listed
            if counts is None:  # an app without the hook: counted here
                if item.due < now:
                    summary.overdue += 1
                elif item.due < week:
                    summary.this_week += 1
                else:
                    summary.next_30_days += 1
            listed.append(item)
    summary.soonest = [(DueItem(deadline=item), item.due < now) for item in heapq.nsmallest(size, listed, key=_order)]
    return summary


def whats_due(
    user, *, now: datetime, kind: str = "", area_id: int | None = None, area_names: dict[int, str] | None = None
) -> WhatsDue:
    """Return the user's deadlines: overdue (not yet met), due in 7 days, later in 30 days, coming up in 90.

    With `kind`, `kinds` still names every kind the user has, and only the apps that have deadlines of that kind
    build them. To filter a list already gathered, use WhatsDue.narrowed rather than asking every app again.
    Pass `area_names` ({id: name} of the areas the user may see) when the caller has read them already,
    or {} when no area is shown.
    """
    start, end = now - OVERDUE_LOOKBACK, now + COMING_UP
    if kind:
        # Every kind the user has, and the deadlines of this one: apps that can tell their kinds without building
        # their deadlines build them only when they have some of this kind.
        found, items = _kinds_and_deadlines_of_kind(user, start=start, end=end, kind=kind)
        kinds = {(found_kind, label) for found_kind, label, _area_id in found}
    else:
        items = deadlines_for(user, start=start, end=end)
        kinds = {(d.kind, d.kind_label) for d in items}
    # By label, then by kind: a set's order changes from one process to the next, and kinds can share a label.
    result = WhatsDue(kinds=sorted(kinds, key=lambda k: (k[1], k[0])))
    if area_id:
        items = [d for d in items if d.area_id == area_id]
    if area_names is None:
        area_names = dict(ForceArea.objects.filter(pk__in={d.area_id for d in items}).values_list("pk", "name"))
    # The items are in due order: each list is a run of them, found by bisection rather than by comparing every
    # item's due time with three times.
    now_at = bisect_left(items, now, key=_due)
    week_at = bisect_left(items, now + THIS_WEEK, key=_due, lo=now_at)
    month_at = bisect_left(items, now + AHEAD, key=_due, lo=week_at)
    name = area_names.get
    # What was met and was due before now is history, not listed.
    result.overdue = [DueItem(item, name(item.area_id, "")) for item in items[:now_at] if not item.done]
    result.this_week = [DueItem(item, name(item.area_id, "")) for item in items[now_at:week_at]]
    result.next_30_days = [DueItem(item, name(item.area_id, "")) for item in items[week_at:month_at]]
    result.coming_up = [DueItem(item, name(item.area_id, "")) for item in items[month_at:]]
    return result


def deadline_kinds_for(
    user, *, now: datetime, preference: ReminderPreference | object | None = _UNREAD
) -> list[tuple[str, str]]:
    """Return the kinds of deadline the user has had or will have (for the opt-out choices).

    Pass `preference` (the user's ReminderPreference, or None) when the caller has read it already.
    """
    kinds = {}
    if _signed_in(user):
        # The kinds alone: the apps that can answer them without building every deadline do.
        found = collect_deadline_kinds(start=now - timedelta(days=365), end=now + timedelta(days=365), user=user)
        # _in_users_areas for each, the user's role and areas read once: a staff user's apps yield hundreds. In the
        # order found: a kind's label is the last one found (a precept step's names its year).
        areas = None if user.is_administrator else user.area_ids
        kinds = {kind: label for kind, label, area_id in found if areas is None or area_id is None or area_id in areas}
    if preference is _UNREAD:
        preference = reminder_preference_of(user)
    for muted in preference.muted_kinds if preference else ():
        kinds.setdefault(muted, muted)
    return sorted(kinds.items(), key=lambda k: k[1])


def reminder_preference_of(user) -> ReminderPreference | None:
    return ReminderPreference.objects.filter(user=user).first() if _signed_in(user) else None


def active_calendar_feed_of(user) -> CalendarFeed | None:
    if not _signed_in(user):
        return None
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """Return the active feed with this token whose owner may still sign in, or None."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def reminders_sent_to(user) -> QuerySet[Reminder]:
    """Return the user's own reminder ledger, newest first."""
    if not _signed_in(user):
        return Reminder.objects.none()
    return Reminder.objects.filter(recipient=user, status=Reminder.Status.SENT).order_by("-sent_at")

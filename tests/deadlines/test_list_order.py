"""The order of a user's deadlines, the apps' deadlines gathered as lists, and the feed's instants.

What's due and the calendar feed list deadlines soonest first, then by title, then by key, however the apps give
them; an app whose hook fails is left out when the caller asks for that; a feed writes every instant as icalendar
writes it.
"""

import logging
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import vDatetime

from pcc_portal.deadlines import registry
from pcc_portal.deadlines.feeds import _utc
from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from pcc_portal.deadlines.selectors import _in_order

from .source import any_deadlines, make_deadline

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # half an hour before the clocks go forward in London
# One instant as one object, as an equal object, in London's time and in UTC; and others.
INSTANTS = [NOW, NOW + timedelta(0), NOW.astimezone(LONDON), NOW + timedelta(hours=5), NOW - timedelta(days=40)]
TITLES = st.sampled_from(["Return", "return", "Plan issue", "", "Été", "Return "])


@settings(max_examples=80, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(any_deadlines(texts=TITLES, instants=INSTANTS, kinds=["plans.issue", "commissioning.return"])))
def test_deadlines_are_in_order_of_due_then_title_then_key(items):
    ordered = _in_order(list(items))
    assert ordered == sorted(items, key=lambda d: (d.due, d.title, d.key))
    assert [id(d) for d in ordered] == [id(d) for d in sorted(items, key=lambda d: (d.due, d.title, d.key))]


class _Hook:
    def __init__(self, label, items=(), broken=False):
        self.label, self.items, self.broken = label, list(items), broken

    def deadlines(self, *, start, end, user=None):
        for n, item in enumerate(self.items):
            if n == 1 and self.broken:
                raise RuntimeError("this app's query failed")
            if start <= item.due < end:
                yield item


@pytest.fixture
def hooks(monkeypatch):
    apps: list[_Hook] = []
    monkeypatch.setattr(registry, "app_configs_with", lambda hook: iter(apps) if hook == "deadlines" else iter(()))
    return apps


def test_an_app_whose_hook_fails_part_way_is_left_out_only_when_asked(hooks, caplog):
    due = NOW + timedelta(days=3)
    ours = [make_deadline(key=f"plans.issue:{n}", due=due) for n in range(3)]
    hooks += [
        _Hook("broken", [make_deadline(key=f"panels.papers:{n}", due=due) for n in range(3)], broken=True),
        _Hook("plans", ours),
    ]
    with caplog.at_level(logging.ERROR):
        found = list(collect_deadlines(start=NOW, end=NOW + timedelta(days=30), strict=False))
    assert found == ours  # nothing of the broken app, not even what it gave before failing
    assert "The deadlines of broken could not be collected" in caplog.text
    with pytest.raises(RuntimeError):
        list(collect_deadlines(start=NOW, end=NOW + timedelta(days=30)))


def test_a_hook_that_returns_a_list_gives_the_same_deadlines_as_one_that_yields_them(hooks):
    due = NOW + timedelta(days=3)
    items = [make_deadline(key=f"plans.issue:{n}", due=due + timedelta(days=n)) for n in range(4)]

    class ListHook:
        label = "lists"

        def deadlines(self, *, start, end, user=None):
            return [item for item in items if start <= item.due < end]

    hooks += [ListHook(), _Hook("yields", items)]
    found = list(collect_deadlines(start=due, end=due + timedelta(days=2)))
    assert found == items[:2] * 2


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(LONDON))
    | st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))
    | st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(timezone(timedelta(hours=-5)))
    )
)
def test_the_feed_writes_any_instant_in_utc_as_icalendar_does(moment):
    """Four-digit years (the C library's strftime wrote year 999 as 999), seconds without their fraction."""
    assert _utc(moment) == vDatetime(moment.astimezone(UTC)).to_ical().decode()

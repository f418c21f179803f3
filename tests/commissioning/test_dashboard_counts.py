"""The commissioning boxes of a staff dashboard count and list the returns of the user's own areas: one, twenty, and
none of another area's (whether the box asks for the user's areas or for fewer)."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from commissioning.models import MonitoringReturn
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory

pytestmark = pytest.mark.django_db


def _returns(area, count: int, *, days: int, title: str) -> list[MonitoringReturn]:
    """Add `count` returns due `days` from today, of grants of the area (still running)."""
    grant = GrantFactory(stream__force_area=area, title=title, end_date=datetime.date(2040, 1, 1))
    due = timezone.localdate() + datetime.timedelta(days=days)
    return [MonitoringReturnFactory(grant=grant, due_date=due) for _ in range(count)]


def _summary(user, area_ids):
    """Return the "What's due" counts (overdue, this week, this month) and the kinds of the first 25 listed."""
    now = timezone.now()
    overdue, week, month, soonest = apps.get_app_config("commissioning").deadline_summary(
        start=now - datetime.timedelta(days=365),
        end=now + datetime.timedelta(days=31),
        now=now,
        week=now + datetime.timedelta(days=7),
        month=now + datetime.timedelta(days=30),
        user=user,
        size=25,
        area_ids=area_ids,
    )
    return (overdue, week, month), sorted(d.key for d in soonest if d.kind == "commissioning.return_due")


def _box(user) -> list[str]:
    """Return the titles the dashboard's returns box lists."""
    for panel in apps.get_app_config("commissioning").dashboard_panels(user):
        if panel.title == "Grant monitoring returns due":
            return [item.grant_title for item in panel.context["returns"]]
    return []


@pytest.mark.parametrize("count", [1, 20])
def test_staff_count_each_return_of_their_area_and_none_of_another(area, other_area, count):
    ours = _returns(area, count, days=-3, title="Ours")
    _returns(other_area, 2, days=-3, title="Theirs")
    _returns(other_area, 1, days=3, title="Theirs too")
    staff = UserFactory(opcc_staff=True, areas=[area])
    keys = sorted(f"commissioning.return_due:{r.pk}" for r in ours)

    for _ in range(2):  # the second round runs on the query compiled in the first
        assert _summary(staff, staff.area_ids) == ((count, 0, 0), keys)
        assert _summary(staff, None) == ((count, 0, 0), keys)
        assert _box(staff) == ["Ours"] * min(count, 10)


def test_staff_of_two_areas_asked_for_one_count_only_that_ones(area, other_area):
    ours = _returns(area, 20, days=2, title="Ours")
    theirs = _returns(other_area, 1, days=-2, title="Theirs")
    staff = UserFactory(opcc_staff=True, areas=[area, other_area])

    assert _summary(staff, frozenset({area.pk})) == (
        (0, 20, 0),
        sorted(f"commissioning.return_due:{r.pk}" for r in ours),
    )
    assert _summary(staff, frozenset({other_area.pk})) == ((1, 0, 0), [f"commissioning.return_due:{theirs[0].pk}"])
    both = _summary(staff, staff.area_ids)
    assert both[0] == (1, 20, 0) and len(both[1]) == 21
    assert _box(staff) == ["Theirs"] + ["Ours"] * 9


def test_a_return_made_is_no_longer_counted(area):
    made = _returns(area, 1, days=-3, title="Ours")[0]
    made.status = MonitoringReturn.Status.SUBMITTED
    made.save(update_fields=["status"])
    staff = UserFactory(opcc_staff=True, areas=[area])

    assert _summary(staff, staff.area_ids) == ((0, 0, 0), [])
    assert _box(staff) == []

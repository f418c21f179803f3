"""A user's plan deadlines (the dashboard's "What's due") are those of the versions they may read in their own
areas: users asked one after another each get their own, never the first one's."""

from datetime import datetime, timedelta

import pytest

from pcc_portal.deadlines.registry import LONDON
from plans.models import PlanVersion
from plans.timetable import plan_deadlines
from tests.accounts.factories import UserFactory

from .factories import PlanFactory, PlanVersionFactory

pytestmark = pytest.mark.django_db
WINDOW = {"start": datetime(2013, 1, 1, tzinfo=LONDON), "end": datetime(2013, 12, 31, tzinfo=LONDON)}
CLOSES = datetime(2013, 3, 10, 12, 0, tzinfo=LONDON)


def _closing(plan, count: int) -> list[PlanVersion]:
    """Add `count` versions of the plan out to consultation, closing a day apart from CLOSES."""
    return [
        PlanVersionFactory(
            plan=plan,
            consultation=True,
            consultation_closes=CLOSES + timedelta(days=n),
        )
        for n in range(count)
    ]


def _keys(user, kind: str) -> list[str]:
    return sorted(d.key for d in plan_deadlines(**WINDOW, user=user) if d.kind == kind)


@pytest.mark.parametrize("count", [1, 20])
def test_staff_get_each_consultation_closing_in_their_area_and_none_of_another(area, other_area, count):
    ours = _closing(PlanFactory(force_area=area, election_date=datetime(2012, 11, 15).date()), count)
    theirs = _closing(PlanFactory(force_area=other_area, election_date=datetime(2012, 11, 15).date()), 2)
    our_keys = sorted(f"plans.consultation_close:{v.pk}" for v in ours)
    their_keys = sorted(f"plans.consultation_close:{v.pk}" for v in theirs)

    for _ in range(2):  # the second round runs on the query compiled in the first
        assert _keys(UserFactory(opcc_staff=True, areas=[area]), "plans.consultation_close") == our_keys
        assert _keys(UserFactory(opcc_staff=True, areas=[other_area]), "plans.consultation_close") == their_keys
        both = UserFactory(opcc_staff=True, areas=[area, other_area])
        assert _keys(both, "plans.consultation_close") == sorted(our_keys + their_keys)


def test_the_secretariat_is_reminded_of_a_report_only_on_a_version_shared_with_the_panel(area, other_area):
    plan = PlanFactory(force_area=area, election_date=datetime(2012, 11, 15).date())
    report_due = datetime(2013, 2, 1).date()
    shared = PlanVersionFactory(plan=plan, shared=True, panel_report_due=report_due)
    # Marked shared, then drafted again: the panel no longer reads it, and is not reminded of it.
    PlanVersionFactory(plan=plan, shared=True, status=PlanVersion.Status.DRAFT, panel_report_due=report_due)
    elsewhere = PlanFactory(force_area=other_area, election_date=datetime(2012, 11, 15).date())
    PlanVersionFactory(plan=elsewhere, shared=True, panel_report_due=report_due)

    for _ in range(2):
        secretariat = UserFactory(panel_secretariat=True, areas=[area])
        assert _keys(secretariat, "plans.panel_report") == [f"plans.panel_report:{shared.pk}"]

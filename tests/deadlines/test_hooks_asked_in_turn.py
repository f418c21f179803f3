"""The apps' deadline hooks compile each query once and fill in each call's own values: users asked one after
another each get their own deadlines, never the first one's."""

import datetime

import pytest
from django.utils import timezone

from pcc_portal.deadlines.selectors import whats_due, whats_due_summary
from tests.accounts.factories import UserFactory
from tests.consultations.factories import ConsultationFactory
from tests.transition.factories import MilestoneFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _titles(user, now):
    due = whats_due(user, now=now, area_names={})
    return sorted(entry.deadline.title for entry in due.overdue + due.this_week + due.next_30_days + due.coming_up)


def test_each_user_asked_in_turn_gets_their_own_areas_deadlines(area, other_area):
    now = timezone.now()
    ConsultationFactory(force_area=area, title="Ours", closes_at=now + datetime.timedelta(days=3))
    ConsultationFactory(force_area=other_area, title="Theirs", closes_at=now + datetime.timedelta(days=20))
    soon = timezone.localdate() + datetime.timedelta(days=10)
    MilestoneFactory(programme=ProgrammeFactory(force_area=area), title="Our milestone", due_on=soon)
    MilestoneFactory(programme=ProgrammeFactory(force_area=other_area), title="Their milestone", due_on=soon)
    ours = UserFactory(opcc_staff=True, areas=[area])
    theirs = UserFactory(opcc_staff=True, areas=[other_area])
    both = UserFactory(opcc_staff=True, areas=[area, other_area])

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert [t for t in _titles(ours, now) if t.startswith(("Ours", "Our "))] == _titles(ours, now)
        assert "Ours closes" in _titles(ours, now)
        assert any(t.startswith("Our milestone") for t in _titles(ours, now))
        assert "Theirs closes" in _titles(theirs, now)
        assert not any(t.startswith(("Ours", "Our ")) for t in _titles(theirs, now))
        assert {"Ours closes", "Theirs closes"} <= set(_titles(both, now))


def test_the_dashboard_box_counts_what_the_list_holds(area):
    now = timezone.now()
    staff = UserFactory(opcc_staff=True, areas=[area])
    ConsultationFactory(force_area=area, title="This week", closes_at=now + datetime.timedelta(days=2))
    ConsultationFactory(force_area=area, title="This month", closes_at=now + datetime.timedelta(days=20))
    ConsultationFactory(force_area=area, title="Later", closes_at=now + datetime.timedelta(days=60))
    due, summary = whats_due(staff, now=now, area_names={}), whats_due_summary(staff, now=now)
    assert (summary.overdue, summary.this_week, summary.next_30_days) == (
        len(due.overdue),
        len(due.this_week),
        len(due.next_30_days),
    )
    assert [entry.deadline.key for entry, _ in summary.soonest] == [
        entry.deadline.key for entry in (due.overdue + due.this_week + due.next_30_days)[:5]
    ]


def test_the_dashboard_box_counts_what_the_list_holds_with_deadlines_met(area):
    """Returns made before they were due (left out by commissioning's own query) are not counted."""
    from commissioning.models import MonitoringReturn
    from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory

    now = timezone.now()
    staff = UserFactory(opcc_staff=True, areas=[area])
    grant = GrantFactory(stream__force_area=area)
    missed = MonitoringReturnFactory(grant=grant, overdue=True)
    made = MonitoringReturnFactory(grant=grant, overdue=True, status=MonitoringReturn.Status.SUBMITTED)
    made_early = MonitoringReturnFactory(grant=grant, status=MonitoringReturn.Status.SUBMITTED)
    programme = ProgrammeFactory(force_area=area)
    past = timezone.localdate() - datetime.timedelta(days=5)
    MilestoneFactory(programme=programme, title="Missed", due_on=past)
    MilestoneFactory(programme=programme, title="Met", due_on=past, is_done=True)
    due, summary = whats_due(staff, now=now, area_names={}), whats_due_summary(staff, now=now)
    overdue = {entry.deadline.key for entry in due.overdue}
    assert f"commissioning.return_due:{missed.pk}" in overdue and f"commissioning.return_due:{made.pk}" not in overdue
    assert any(entry.deadline.title.startswith("Missed") for entry in due.overdue)
    assert f"commissioning.return_due:{made_early.pk}" in {
        entry.deadline.key for entry in due.this_week + due.next_30_days
    }
    assert summary.overdue == len(due.overdue)
    assert (summary.this_week, summary.next_30_days) == (len(due.this_week), len(due.next_30_days))
    assert [entry.deadline.key for entry, _ in summary.soonest] == [
        entry.deadline.key for entry in (due.overdue + due.this_week + due.next_30_days)[:5]
    ]

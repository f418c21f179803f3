"""The kinds of partner deadline a user has (reminder settings) are those of the deadlines the user is given: the same
scope, the same days, without building every follow-up action."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from partners.models import FollowUpAction
from tests.accounts.factories import UserFactory
from tests.partners.factories import BulletinFactory, EngagementFactory, FollowUpActionFactory

pytestmark = pytest.mark.django_db


def _kinds_of_deadlines(user, start, end):
    config = apps.get_app_config("partners")
    return {(d.kind, d.kind_label, d.area_id) for d in config.deadlines(start=start, end=end, user=user)}


def _addressed_kinds(user, start, end):
    """The kinds the registry keeps: of the deadlines addressed or escalated to the user."""
    config = apps.get_app_config("partners")
    return {
        (d.kind, d.kind_label, d.area_id)
        for d in config.deadlines(start=start, end=end, user=user)
        if user.pk in d.recipient_ids or user.pk in d.escalate_to_ids
    }


def _kinds(user, start, end):
    return set(apps.get_app_config("partners").deadline_kinds(start=start, end=end, user=user))


ACTION, BULLETIN = ("partners.action", "Follow-up action due"), ("partners.bulletin", "Bulletin scheduled")


@pytest.fixture
def users(area, other_area):
    return {
        "area staff": UserFactory(opcc_staff=True, areas=[area]),
        "staff owning in another area": UserFactory(opcc_staff=True, areas=[area]),
        "other area staff": UserFactory(opcc_staff=True, areas=[other_area]),
        "staff of both": UserFactory(opcc_staff=True, areas=[area, other_area]),
        "staff of no area": UserFactory(opcc_staff=True),
        "inactive staff": UserFactory(opcc_staff=True, areas=[area], is_active=False),
        "staff superuser": UserFactory(opcc_staff=True, areas=[other_area], is_superuser=True),
        "partner": UserFactory(partner=True, areas=[area]),
        "secretariat": UserFactory(panel_secretariat=True, areas=[area]),
        "panel member": UserFactory(panel_member=True, areas=[area]),
        "administrator": UserFactory(administrator=True),
        "owning administrator": UserFactory(administrator=True),
    }


@pytest.fixture
def partner_deadlines(area, other_area, users):
    """Open actions (unowned, owned, overdue, far off, met) and bulletins (scheduled, far off, published)."""
    today, now = timezone.localdate(), timezone.now()
    here, there = EngagementFactory(force_area=area), EngagementFactory(force_area=other_area)
    FollowUpActionFactory(engagement=here, due_on=today + datetime.timedelta(days=3))
    FollowUpActionFactory(engagement=here, due_on=today - datetime.timedelta(days=40))  # overdue
    FollowUpActionFactory(engagement=here, due_on=today + datetime.timedelta(days=500))  # outside the window
    FollowUpActionFactory(engagement=there, due_on=today - datetime.timedelta(days=600))  # outside the window
    FollowUpActionFactory(engagement=there, due_on=today + datetime.timedelta(days=5), done=True)  # met
    owned = [("staff owning in another area", there), ("owning administrator", there), ("staff of both", here)]
    for name, engagement in owned:
        FollowUpActionFactory(engagement=engagement, owner_user=users[name], owner=users[name].full_name)
    FollowUpActionFactory(engagement=there, owner_user=users["secretariat"], owner="Secretariat")
    BulletinFactory(force_area=other_area, scheduled=True)
    BulletinFactory(force_area=other_area, status="scheduled", scheduled_for=now + datetime.timedelta(days=400))
    BulletinFactory(force_area=area, published=True)
    assert FollowUpAction.objects.filter(status=FollowUpAction.Status.DONE).count() == 1


def test_each_user_has_the_kinds_of_the_partner_deadlines_they_are_given(area, other_area, users, partner_deadlines):
    now = timezone.now()
    start, end = now - datetime.timedelta(days=365), now + datetime.timedelta(days=365)
    for _ in range(2):  # the second round runs on the query compiled in the first
        for name, user in users.items():
            assert _kinds(user, start, end) == _addressed_kinds(user, start, end), name
            assert _kinds(user, start, end) == _kinds_of_deadlines(user, start, end), name
    assert _kinds(users["area staff"], start, end) == {(*ACTION, area.pk)}
    # Their action in an area whose partner records they do not manage is not theirs to be reminded of.
    assert _kinds(users["staff owning in another area"], start, end) == {(*ACTION, area.pk)}
    assert _kinds(users["other area staff"], start, end) == {(*BULLETIN, other_area.pk)}
    assert _kinds(users["staff of both"], start, end) == {(*ACTION, area.pk), (*BULLETIN, other_area.pk)}
    assert _kinds(users["staff superuser"], start, end) == {(*BULLETIN, other_area.pk)}
    assert _kinds(users["owning administrator"], start, end) == {(*ACTION, other_area.pk)}
    for name in ("staff of no area", "inactive staff", "partner", "secretariat", "panel member", "administrator"):
        assert _kinds(users[name], start, end) == set(), name


def test_an_action_is_a_kind_the_user_has_only_when_its_day_is_in_the_window(area, users, partner_deadlines):
    staff = users["area staff"]
    due = timezone.localdate() + datetime.timedelta(days=3)
    at = datetime.datetime.combine(due, datetime.time(9), tzinfo=timezone.get_current_timezone())
    for start, end in [
        (at, at + datetime.timedelta(days=1)),
        (at - datetime.timedelta(days=1), at),
        (at + datetime.timedelta(days=1), at + datetime.timedelta(days=2)),
        (at - datetime.timedelta(days=30), at - datetime.timedelta(days=29)),
    ]:
        assert _kinds(staff, start, end) == _kinds_of_deadlines(staff, start, end), (start, end)

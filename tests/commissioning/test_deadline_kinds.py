"""The kinds of commissioning deadline a user has (reminder settings) are those of the deadlines the user is given:
the same scope, the same days, without building every deadline."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from commissioning.models import Application
from pcc_portal.deadlines.registry import due_at
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import (
    ApplicationFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _kinds_of_deadlines(user, start, end):
    config = apps.get_app_config("commissioning")
    return {(d.kind, d.kind_label, d.area_id) for d in config.deadlines(start=start, end=end, user=user)}


def _kinds(user, start, end):
    return set(apps.get_app_config("commissioning").deadline_kinds(start=start, end=end, user=user))


@pytest.fixture
def commissioning_deadlines(area, other_area):
    """A round closing and a grant ending in the area; a return due in the other area, of a grant to a partner."""
    today = timezone.localdate()
    round_ = RoundFactory(stream__force_area=area, closes_at=timezone.now() + datetime.timedelta(days=20))
    drafting = ApplicationFactory(round=round_, status=Application.Status.DRAFT).organisation
    ending = GrantFactory(stream__force_area=area, end_date=today + datetime.timedelta(days=30))
    theirs = GrantFactory(stream__force_area=other_area, recipient=OrganisationFactory(areas=[other_area]))
    due = MonitoringReturnFactory(grant=theirs, due_date=today + datetime.timedelta(days=10))
    return {"drafting": drafting, "ending": ending, "theirs": theirs, "due": due}


def test_each_user_has_the_kinds_of_the_deadlines_they_are_given(area, other_area, commissioning_deadlines):
    users = {
        "area staff": UserFactory(opcc_staff=True, areas=[area]),
        "other area staff": UserFactory(opcc_staff=True, areas=[other_area]),
        "staff of both": UserFactory(opcc_staff=True, areas=[area, other_area]),
        "inactive staff": UserFactory(opcc_staff=True, areas=[area], is_active=False),
        "drafting partner": partner_of(commissioning_deadlines["drafting"]),
        "recipient partner": partner_of(commissioning_deadlines["ending"].recipient),
        "returning partner": partner_of(commissioning_deadlines["theirs"].recipient),
        "bystander partner": partner_of(OrganisationFactory(areas=[area])),
        "administrator": UserFactory(administrator=True),
        "panel member": UserFactory(panel_member=True, areas=[area]),
    }
    now = timezone.now()
    start, end = now - datetime.timedelta(days=365), now + datetime.timedelta(days=365)
    for _ in range(2):  # the second round runs on the query compiled in the first
        for name, user in users.items():
            assert _kinds(user, start, end) == _kinds_of_deadlines(user, start, end), name
    assert {kind for kind, _, _ in _kinds(users["area staff"], start, end)} == {
        "commissioning.round_close",
        "commissioning.grant_end",
    }
    assert _kinds(users["other area staff"], start, end) == {
        ("commissioning.return_due", "Grant monitoring return due", other_area.pk)
    }
    assert _kinds(users["bystander partner"], start, end) == set()
    assert _kinds(users["administrator"], start, end) == set()


def test_a_return_is_a_kind_the_user_has_only_when_its_day_at_17_00_is_in_the_window(
    other_area, commissioning_deadlines
):
    staff = UserFactory(opcc_staff=True, areas=[other_area])
    due = due_at(commissioning_deadlines["due"].due_date)
    moment = datetime.timedelta(microseconds=1)
    for start, end in [
        (due, due + moment),  # from the moment it is due: in
        (due + moment, due + datetime.timedelta(days=3)),  # from just after: out
        (due - datetime.timedelta(days=3), due),  # up to the moment it is due: out
        (due - datetime.timedelta(hours=20), due + datetime.timedelta(hours=20)),
        (due - datetime.timedelta(hours=1), due + datetime.timedelta(hours=23)),
    ]:
        assert _kinds(staff, start, end) == _kinds_of_deadlines(staff, start, end), (start, end)
    assert _kinds(staff, due, due + moment)
    assert not _kinds(staff, due + moment, due + datetime.timedelta(days=3))

"""The permission functions, role by role (allowed and refused)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from panels import permissions
from tests.accounts.factories import UserFactory
from tests.panels.factories import (
    AgendaItemFactory,
    MeetingFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

ROLES = {
    "admin": lambda area, other: UserFactory(administrator=True),
    "secretariat": lambda area, other: UserFactory(panel_secretariat=True, areas=[area]),
    "member": lambda area, other: UserFactory(panel_member=True, areas=[area]),
    "opcc_staff": lambda area, other: UserFactory(opcc_staff=True, areas=[area]),
    "partner": lambda area, other: UserFactory(partner=True, areas=[area]),
    "other_area_secretariat": lambda area, other: UserFactory(panel_secretariat=True, areas=[other]),
    "other_area_member": lambda area, other: UserFactory(panel_member=True, areas=[other]),
    "public": lambda area, other: AnonymousUser(),
}

# role: (exempt paper before publication, exempt paper after, open paper before, open paper after,
#        manage panel, respond to recommendations, complaints)
EXPECTED = {
    "admin": (True, True, True, True, True, True, True),
    "secretariat": (True, True, True, True, True, False, True),
    "member": (True, True, True, True, False, False, False),
    "opcc_staff": (True, True, True, True, False, True, False),
    "partner": (False, False, False, True, False, False, False),
    "other_area_secretariat": (False, False, False, True, False, False, False),
    "other_area_member": (False, False, False, True, False, False, False),
    "public": (False, False, False, True, False, False, False),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_sees_and_does_only_what_it_should(role, area, other_area):
    user = ROLES[role](area, other_area)
    panel = PanelFactory(force_area=area)
    meeting = MeetingFactory(panel=panel)
    exempt = AgendaItemFactory(meeting=meeting, exempt=True)
    open_item = AgendaItemFactory(meeting=meeting)
    recommendation = RecommendationFactory(report=PanelReportFactory(panel=panel))
    before = (permissions.can_view_agenda_item(user, exempt), permissions.can_view_agenda_item(user, open_item))
    meeting.papers_published_on = datetime.date(2014, 9, 19)
    meeting.save()
    exempt.refresh_from_db()
    open_item.refresh_from_db()
    after = (permissions.can_view_agenda_item(user, exempt), permissions.can_view_agenda_item(user, open_item))
    actual = (
        before[0],
        after[0],
        before[1],
        after[1],
        permissions.can_manage_panel(user, panel),
        permissions.can_respond_to_recommendation(user, recommendation),
        permissions.can_view_complaints(user, panel),
    )
    assert actual == EXPECTED[role]

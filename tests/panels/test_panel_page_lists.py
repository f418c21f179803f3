"""The panel page reads its meetings and reports through queries compiled once per shape: users asked one after
another each see the unpublished ones only of a panel they work on, never because of the first one asked."""

import datetime

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.panels.factories import MeetingFactory, PanelFactory, PanelReportFactory

pytestmark = pytest.mark.django_db


def _listed(client, user, panel) -> tuple[list[str], list[str]]:
    """Return the meeting kinds and the report titles the panel page lists for the user."""
    client.force_login(user)
    response = client.get(reverse("panels:panel_detail", kwargs={"pk": panel.pk}))
    assert response.status_code == 200
    meetings = [str(m.get_kind_display()) for m in response.context["meetings"]]
    return meetings, [r.title for r in response.context["reports"]]


def test_each_user_asked_in_turn_sees_unpublished_papers_only_of_their_own_panel(client, area, admin_user):
    panel = PanelFactory(force_area=area)
    first = datetime.datetime(2025, 1, 6, 14, 0, tzinfo=datetime.UTC)
    MeetingFactory(panel=panel, starts_at=first, published=True, kind="ordinary")
    MeetingFactory(panel=panel, starts_at=first + datetime.timedelta(days=30), kind="precept")
    PanelReportFactory(panel=panel, title="Published report", sent_on=datetime.date(2025, 1, 1), is_published=True)
    PanelReportFactory(panel=panel, title="Draft report", sent_on=datetime.date(2025, 2, 1), is_published=False)
    everything = (["Precept meeting", "Ordinary meeting"], ["Draft report", "Published report"])
    public_only = (["Ordinary meeting"], ["Published report"])

    for _ in range(2):  # the second round runs on the queries compiled in the first
        assert _listed(client, UserFactory(panel_secretariat=True, areas=[area]), panel) == everything
        assert _listed(client, UserFactory(partner=True, areas=[area]), panel) == public_only
        assert _listed(client, admin_user, panel) == everything
        assert _listed(client, UserFactory(panel_member=True, areas=[area]), panel) == everything
        assert _listed(client, UserFactory(successor_officer=True, areas=[area]), panel) == public_only

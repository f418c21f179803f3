"""The commissioning overview reads its lists through queries compiled once per shape: staff of two areas, and
the administrator, asked one after another in one process each see their own areas' figures, never the first
one's."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.commissioning.factories import ApplicationFactory, GrantFactory, MonitoringReturnFactory

pytestmark = pytest.mark.django_db


def _make(area, word: str, amount_pence: int):
    """Make an area's stream, ending grant, overdue return, open round and application, all named by word."""
    grant = GrantFactory(
        stream__force_area=area,
        stream__name=f"{word} stream",
        title=f"{word} grant",
        amount_pence=amount_pence,
        end_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    MonitoringReturnFactory(grant=grant, overdue=True)
    ApplicationFactory(round__stream=grant.stream, round__title=f"{word} round", title=f"{word} project")


def _page(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/commissioning/")
    assert response.status_code == 200
    return response.content.decode()


def test_staff_of_two_areas_asked_in_turn_see_only_their_own_figures(area, other_area, admin_user):
    _make(area, "Ours", 1_234_00)
    _make(other_area, "Theirs", 5_678_00)
    our_staff = UserFactory(opcc_staff=True, areas=[area])
    their_staff = UserFactory(opcc_staff=True, areas=[other_area])
    ours = ("Ours stream", "Ours grant", "Ours round", "Ours project", "£1,234.00")
    theirs = ("Theirs stream", "Theirs grant", "Theirs round", "Theirs project", "£5,678.00")

    for _ in range(2):  # the second round runs on the queries compiled in the first
        for user, own, other in ((our_staff, ours, theirs), (their_staff, theirs, ours)):
            page = _page(user)
            assert all(text in page for text in own), (user, own)
            assert not any(text in page for text in other), (user, other)
            assert "Overdue monitoring returns (1)" in page
        page = _page(admin_user)
        assert all(text in page for text in (*ours, *theirs))
        assert "Overdue monitoring returns (2)" in page

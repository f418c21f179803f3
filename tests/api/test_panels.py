"""Panels are public bodies: anyone reads each panel with its members in post and links to its meetings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.accounts.factories import ForceAreaFactory
from tests.api.conftest import bearer
from tests.panels.factories import MembershipFactory, PanelFactory

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_panel_with_its_members_in_post(client, area):
    panel = PanelFactory(force_area=area, lead_adviser="Chief Executive, Dudley MBC")
    chair = MembershipFactory(panel=panel, full_name="Cllr Ann Chair", office="chair", party="Labour")
    MembershipFactory(panel=panel, co_opted=True, full_name="Ms Co Opted", bar="mp")
    MembershipFactory(panel=panel, left=True, full_name="Cllr Long Gone")
    body = client.get("/api/v1/panels").json()
    assert body["count"] == 1
    (found,) = body["items"]
    assert found["name"] == panel.name
    assert found["area"] == {"code": area.code, "name": area.name}
    assert found["host_authority"] == panel.host_authority.name
    names = [m["name"] for m in found["members"]]
    assert names == ["Cllr Ann Chair", "Ms Co Opted"]  # councillors first, as in the papers; not the former member
    first = found["members"][0]
    assert first == {
        "name": "Cllr Ann Chair",
        "kind": "Councillor member",
        "office": "Chair",
        "council": chair.council.name,
        "party": "Labour",
        "since": "2012-07-01",
    }
    assert found["members"][1]["council"] is None
    assert "bar" not in found["members"][1] and "user" not in found["members"][1]
    assert found["meetings_url"].endswith(f"/api/v1/meetings?area={area.code}")
    assert found["meetings_calendar_url"].endswith(f"/deadlines/meetings.ics?area={area.code}")
    assert client.get(f"/api/v1/panels/{panel.pk}").json()["members"] == found["members"]


def test_panels_filter_by_area_and_an_unknown_panel_is_404(client, area, other_area, staff_token):
    PanelFactory(force_area=area)
    other = PanelFactory(force_area=other_area)
    for extra in ({}, bearer(staff_token)):  # the same public list, with or without a token
        body = client.get("/api/v1/panels", {"area": other_area.code}, **extra).json()
        assert [p["id"] for p in body["items"]] == [other.pk]
    assert client.get("/api/v1/panels/999999").status_code == 404


def test_panel_list_query_count_is_flat_from_1_to_20_panels_and_members(client, area):
    MembershipFactory(panel=PanelFactory(force_area=area))
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/panels").json()["items"]) == 1
    for _ in range(19):
        panel = PanelFactory(force_area=ForceAreaFactory())
        MembershipFactory.create_batch(2, panel=panel)
    with CaptureQueriesContext(connection) as twenty:
        assert len(client.get("/api/v1/panels").json()["items"]) == 20
    assert len(one) == len(twenty) <= 15


def test_a_member_who_starts_tomorrow_is_not_yet_listed(client, area):
    panel = PanelFactory(force_area=area)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    MembershipFactory(panel=panel, full_name="Cllr Not Yet", starts_on=tomorrow)
    assert client.get("/api/v1/panels").json()["items"][0]["members"] == []

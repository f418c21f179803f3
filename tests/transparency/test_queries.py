"""Pages make the same number of queries for 20 rows as for 1, and at most 15."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.panels.factories import PanelFactory

from .factories import (
    ContractFactory,
    DecisionFactory,
    GiftFactory,
    InspectionReportFactory,
    InterestFactory,
    SpendItemFactory,
    SpendUploadFactory,
    funding_decision,
)

MAX_QUERIES = 15

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(area):
    """`add(n)` adds n rows of every kind (and funding decisions up to 3) to the area."""
    upload = SpendUploadFactory(force_area=area)
    funding = [0]

    def add(n: int) -> None:
        for _ in range(n):
            DecisionFactory(force_area=area)
            InterestFactory(force_area=area)
            GiftFactory(force_area=area)
            ContractFactory(force_area=area)
            InspectionReportFactory(force_area=area)
            SpendItemFactory(upload=upload)
        while funding[0] < min(funding[0] + n, 3):
            funding_decision(area)
            funding[0] += 1

    return add


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _flat(client, url: str, rows) -> None:
    rows(1)
    one = _queries(client, url)
    rows(19)
    twenty = _queries(client, url)
    assert one == twenty <= MAX_QUERIES, f"{url}: {one} queries for 1 row, {twenty} for 20"


PAGES = ["area", "decision_list", "interest_list", "gift_list", "spend_list", "contract_list", "inspection_list"]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_queries_do_not_grow_with_rows(client, area, rows, name):
    _flat(client, reverse(f"transparency:{name}", kwargs={"code": area.code}), rows)


@pytest.mark.parametrize("name", ["area", "manage", "decision_list", "spend_list", "spend_upload"])
def test_staff_pages_queries_do_not_grow_with_rows(client, area, staff_user, rows, name):
    client.force_login(staff_user)
    _flat(client, reverse(f"transparency:{name}", kwargs={"code": area.code}), rows)


def test_decision_page_queries_do_not_grow_with_rows(client, area, rows):
    decision = DecisionFactory(force_area=area)
    _flat(client, decision.get_absolute_url(), rows)


def test_panel_page_with_the_scorecard_queries_do_not_grow(client, area, panel_member_user, rows):
    panel = PanelFactory(force_area=area)
    client.force_login(panel_member_user)
    url = reverse("panels:panel_detail", kwargs={"pk": panel.pk})
    _flat(client, url, rows)
    assert "Transparency scorecard" in client.get(url).content.decode()

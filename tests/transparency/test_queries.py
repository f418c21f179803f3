"""Pages make the same number of queries for 1 row as for 20, and at most 15."""

import pytest
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


def build(area, rows: int) -> None:
    upload = SpendUploadFactory(force_area=area)
    for _ in range(rows):
        DecisionFactory(force_area=area)
        InterestFactory(force_area=area)
        GiftFactory(force_area=area)
        ContractFactory(force_area=area)
        InspectionReportFactory(force_area=area)
        SpendItemFactory(upload=upload)
    for _ in range(min(rows, 3)):
        funding_decision(area)


PAGES = ["area", "decision_list", "interest_list", "gift_list", "spend_list", "contract_list", "inspection_list"]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("name", PAGES)
def test_public_pages_queries_do_not_grow_with_rows(client, area, rows, name, django_assert_max_num_queries):
    build(area, rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse(f"transparency:{name}", kwargs={"code": area.code}))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("name", ["area", "manage", "decision_list", "spend_list", "spend_upload"])
def test_staff_pages_queries_do_not_grow_with_rows(client, area, staff_user, rows, name, django_assert_max_num_queries):
    build(area, rows)
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse(f"transparency:{name}", kwargs={"code": area.code}))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 20])
def test_decision_page_queries(client, area, rows, django_assert_max_num_queries):
    build(area, rows)
    decision = DecisionFactory(force_area=area)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(decision.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 20])
def test_panel_page_with_the_scorecard_queries_do_not_grow(
    client, area, panel_member_user, rows, django_assert_max_num_queries
):
    panel = PanelFactory(force_area=area)
    build(area, rows)
    client.force_login(panel_member_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("panels:panel_detail", kwargs={"pk": panel.pk}))
    assert "Transparency scorecard" in response.content.decode()

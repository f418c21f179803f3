"""Pages make the same number of queries for 1 row as for 20."""

import re

import pytest

from commissioning.models import Funder
from tests.commissioning.factories import (
    ApplicationFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.plans.factories import PriorityFactory

MAX_QUERIES = 15
# The overview: session, user, areas, the overdue returns with their count, two spend queries,
# streams, rounds, applications, grants ending (staff) or own grants (partner), notifications.
OVERVIEW_QUERIES = 12
# A stream or round page with its rows: at most 9 for staff.
DETAIL_QUERIES = 9


def build(area, rows: int):
    Funder.objects.create(force_area=area, name="OPCC", org_id="GB-GOV-X", prefix_360g="opccx")
    priority = PriorityFactory(version__plan__force_area=area)
    round_ = RoundFactory(stream__force_area=area)
    grants = []
    for _ in range(rows):
        grant = GrantFactory(stream=round_.stream)
        grant.priorities.add(priority)
        MonitoringReturnFactory(grant=grant, overdue=True)
        ApplicationFactory(round=round_, submitted=True)
        grants.append(grant)
    return grants


@pytest.mark.parametrize("rows", [1, 20])
def test_overview_queries_do_not_grow_with_rows(client, staff_user, area, rows, django_assert_max_num_queries):
    build(area, rows)
    client.force_login(staff_user)
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get("/commissioning/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize(
    "url", ["/commissioning/register/", "/commissioning/register/360giving.json", "/commissioning/register/grants.csv"]
)
def test_public_register_queries_do_not_grow_with_rows(client, area, rows, url, django_assert_max_num_queries):
    build(area, rows)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_partner_overview_queries_do_not_grow_with_rows(client, area, rows, django_assert_max_num_queries):
    grants = build(area, rows)
    partner = partner_of(grants[0].recipient)
    client.force_login(partner)
    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get("/commissioning/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_round_and_stream_pages_queries_do_not_grow(client, staff_user, area, rows, django_assert_max_num_queries):
    grants = build(area, rows)
    client.force_login(staff_user)
    round_ = grants[0].stream.rounds.first()
    for url in (round_.get_absolute_url(), grants[0].stream.get_absolute_url()):
        with django_assert_max_num_queries(DETAIL_QUERIES):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("query", ["", "?area={code}"])
def test_public_register_page_reads_its_rows_totals_and_areas_only(
    client, area, rows, query, django_assert_max_num_queries
):
    build(area, rows)
    # The grants with their recipients and areas, the totals, the areas with published grants.
    with django_assert_max_num_queries(3):
        response = client.get("/commissioning/register/" + query.format(code=area.code))
    assert response.status_code == 200
    assert len(re.findall(r'<a href="/commissioning/register/\d+/">', response.text)) == rows

"""Rate limits per address and per token; CORS only on anonymous GETs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import bearer
from tests.panels.factories import AgendaItemFactory, AgendaReportFactory, MeetingFactory, PanelFactory

pytestmark = pytest.mark.django_db


def test_past_the_limit_the_answer_is_429_with_retry_after(client, settings, staff_token):
    settings.API_RATE_LIMITS = {"anonymous": (2, 60), "token": (3, 60)}
    assert client.get("/api/v1/areas").status_code == 200
    assert client.get("/api/v1/areas").status_code == 200
    refused = client.get("/api/v1/areas")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another address has its own count; a token has its own, larger, count.
    assert client.get("/api/v1/areas", REMOTE_ADDR="192.0.2.7").status_code == 200
    for _ in range(3):
        assert client.get("/api/v1/areas", **bearer(staff_token)).status_code == 200
    assert client.get("/api/v1/areas", **bearer(staff_token)).status_code == 429


def test_cors_only_on_anonymous_gets(client, staff_token):
    anonymous = client.get("/api/v1/meetings")
    assert anonymous["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in anonymous
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/meetings", **bearer(staff_token))
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/meetings", **bearer("wrong"))
    assert "Access-Control-Allow-Origin" not in client.post("/api/v1/meetings")


def _published_items(panel, count):
    for _ in range(count):
        meeting = MeetingFactory(panel=panel, published=True)
        AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting))


@pytest.mark.parametrize("url", ["/api/v1/meetings", "/api/v1/agenda-items"])
def test_query_count_is_flat_from_1_to_20_rows(client, area, staff_token, url):
    panel = PanelFactory(force_area=area)
    _published_items(panel, 1)
    counts = []
    for extra in ({}, bearer(staff_token)):
        client.get(url, **extra)  # the first use of a token records it; measure the steady state
        with CaptureQueriesContext(connection) as one:
            assert len(client.get(url, **extra).json()["items"]) == 1
        counts.append(len(one))
    _published_items(panel, 19)
    for index, extra in enumerate(({}, bearer(staff_token))):
        with CaptureQueriesContext(connection) as twenty:
            assert len(client.get(url, **extra).json()["items"]) == 20
        assert len(twenty) == counts[index] <= 15

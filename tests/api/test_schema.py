"""The OpenAPI document is valid, and every operation meets it (schemathesis, in process, no server)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.commissioning.factories import GrantFactory
from tests.consultations.factories import ConsultationFactory
from tests.panels.factories import (
    AgendaItemFactory,
    AgendaReportFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
)
from tests.partners.factories import BulletinFactory
from tests.plans.factories import PlanVersionFactory
from tests.transition.factories import ProgrammeFactory
from tests.transparency.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid_openapi_3(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/meetings" in document["paths"]
    assert "/api/v1/panels" in document["paths"] and "/api/v1/panels/{panel_id}" in document["paths"]


def test_docs_page_lists_every_operation(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    document = client.get("/api/openapi.json").json()
    for path in document["paths"]:
        assert path in page
    assert "<script" not in page.split("</header>")[-1]


@pytest.fixture
def published_and_private(area, other_area):
    """Some of every kind of record, published and not, in two areas."""
    for where in (area, other_area):
        panel = PanelFactory(force_area=where)
        MembershipFactory(panel=panel)
        MembershipFactory(panel=panel, co_opted=True)
        meeting = MeetingFactory(panel=panel, published=True)
        AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting))
        AgendaItemFactory(meeting=MeetingFactory(panel=panel))
        PlanVersionFactory(plan__force_area=where, issued=True)
        BulletinFactory(force_area=where, published=True)
        ConsultationFactory(force_area=where, public=True)
        GrantFactory(stream__force_area=where)
        ProgrammeFactory(force_area=where, published=True)
        DecisionFactory(force_area=where)


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_meets_the_schema(published_and_private, keep_test_connection, settings):
    settings.API_RATE_LIMITS = {"anonymous": (100_000, 60)}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=12,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        check()

"""A database connection dropped by the server between two requests costs no save.

Persistent connections (CONN_MAX_AGE) outlive a PostgreSQL restart or failover;
with CONN_HEALTH_CHECKS the first request afterwards reconnects instead of
failing with a 500. Needs PostgreSQL (pg_terminate_backend); CI always has it.
"""

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.urls import reverse

from consultations.models import Answer
from tests.accounts.factories import UserFactory
from tests.conftest import _unavailable
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.partners.factories import ContactFactory, OrganisationFactory


class ServerHandler(WSGIHandler):
    """Run each request as a WSGI server does, signals and all.

    The test client's own handler detaches close_old_connections from the
    request signals; a real server (gunicorn) runs it at the start and the end
    of every request, which is where stale connections are checked.
    """

    def get_response(self, request):
        request._dont_enforce_csrf_checks = True
        response = super().get_response(request)
        response.wsgi_request = request  # what the test client reads afterwards
        return response

    def __call__(self, environ):
        response = super().__call__(environ, lambda status, headers: None)
        response.close()  # what the server does once the body is sent: request_finished
        return response


@pytest.fixture
def persistent_postgresql(transactional_db, monkeypatch):
    if connection.vendor != "postgresql":
        _unavailable("needs PostgreSQL (set DATABASE_URL)")
    # The production setting: connections kept for a minute, checked before reuse.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    connection.close()  # the next query connects with these settings
    yield connection
    connection.close()


def _terminate_server_connections() -> int:
    """Drop every connection to the test database from the server side, as a restart would."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as admin:
        return admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]


def test_save_after_the_server_dropped_the_connection_succeeds(client, area, persistent_postgresql):
    assert persistent_postgresql.settings_dict["CONN_HEALTH_CHECKS"] is True
    organisation = OrganisationFactory(areas=[area])
    consultation = ConsultationFactory(force_area=area, invited=[organisation])
    question = QuestionFactory(consultation=consultation, text="Your comments")
    partner = UserFactory(partner=True, areas=[area])
    ContactFactory(user=partner, organisation=organisation, email=partner.email)
    client.force_login(partner)
    client.handler = ServerHandler()
    url = reverse("consultations:respond", args=[consultation.pk])

    first = client.post(url, {question.field_name: "First thoughts.", "save": "1"})
    assert first.status_code == 302
    assert _terminate_server_connections() >= 1

    second = client.post(url, {question.field_name: "Prevention needs partnership working.", "save": "1"})
    assert second.status_code == 302
    assert Answer.objects.get(question=question).text == "Prevention needs partnership working."

"""On PostgreSQL a query template is a prepared statement of the connection: parsed once, still logged and counted
as any query; Django's own queries are not prepared; DB_PREPARED_STATEMENTS=0 turns it off for a pooler."""

import ast
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from pcc_portal.core.querytemplates import template_rows
from tests.transparency.factories import InspectionReportFactory
from transparency.models import InspectionReport

ROOT = Path(__file__).resolve().parents[2]
JAN, MAR = datetime.date(2026, 1, 10), datetime.date(2026, 3, 10)
postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")


def _reports(*, area_ids, published_from, published_to):
    return (
        InspectionReport.objects.filter(
            force_area__in=area_ids, published_on__gte=published_from, published_on__lte=published_to
        )
        .order_by("pk")
        .values("title", "published_on")
    )


def _rows(area_ids, *, prepare=True):
    return template_rows(
        "tests.prepared_reports", _reports, prepare=prepare, area_ids=area_ids, published_from=JAN, published_to=MAR
    )


def _prepared() -> list[str]:
    """Return the statements the connection has prepared that read inspection reports."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%inspectionreport%"])
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def report(db):
    return InspectionReportFactory(title="January", published_on=JAN)


@postgresql
def test_a_template_is_prepared_once_and_logged_with_its_values(report):
    other = InspectionReportFactory(title="March", published_on=MAR)
    with CaptureQueriesContext(connection) as queries:
        first = _rows([report.force_area_id])
        second = _rows([other.force_area_id])

    assert first == [{"title": "January", "published_on": JAN}]
    assert second == [{"title": "March", "published_on": MAR}]
    # One statement for the shape (its values are parameters), kept by the server for the next call.
    (statement,) = _prepared()
    assert "$1" in statement
    # Counted and logged as any query, with its values in the SQL: the log can be run again as it is.
    assert len(queries.captured_queries) == 2
    logged = queries.captured_queries[1]["sql"]
    assert "'2026-01-10'::date" in logged and "$1" not in logged
    with connection.cursor() as cursor:
        cursor.execute(logged)
        assert cursor.fetchall() == [("March", MAR)]


@postgresql
def test_ints_of_any_size_share_one_statement(report):

    assert _rows([report.force_area_id]) == _rows([2**40]) + _rows([report.force_area_id])
    assert len(_prepared()) == 1


@postgresql
def test_the_orms_queries_and_a_template_that_asks_so_are_not_prepared(report):

    assert list(_reports(area_ids=[report.force_area_id], published_from=JAN, published_to=MAR))
    assert _rows([report.force_area_id], prepare=False) == [{"title": "January", "published_on": JAN}]
    assert _prepared() == []


@postgresql
def test_with_prepared_statements_off_nothing_is_prepared(report):
    raw = connection.connection
    threshold, raw.prepare_threshold = raw.prepare_threshold, None
    try:
        rows = _rows([report.force_area_id])
    finally:
        raw.prepare_threshold = threshold

    assert rows == [{"title": "January", "published_on": JAN}]
    assert _prepared() == []


def _options(**environment) -> dict:
    """Return the default database's OPTIONS as the settings make them from the environment."""
    code = "from pcc_portal import settings; print(repr(settings.DATABASES['default'].get('OPTIONS', {})))"
    environment = {**os.environ, "DEBUG": "1", "SECRET_KEY": "x", **environment}
    printed = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout
    return ast.literal_eval(printed.strip())


def test_the_setting_turns_prepared_statements_off_and_sqlite_has_none():
    url = "postgres://portal@db.invalid:5432/portal"
    options = _options(DATABASE_URL=url)
    assert options["prepare_threshold"] == 0
    assert "-c plan_cache_mode=force_custom_plan" in options["options"]
    assert "prepare_threshold" not in _options(DATABASE_URL=url, DB_PREPARED_STATEMENTS="0")
    assert "prepare_threshold" not in _options(DATABASE_URL="sqlite:///x.sqlite3")


@postgresql
def test_a_failed_statement_is_translated_and_a_rolled_back_savepoint_leaves_templates_working(report):
    expected = [{"title": "January", "published_on": JAN}]
    assert _rows([report.force_area_id]) == expected
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1/0")
    # The rollback to the savepoint made psycopg deallocate what it had prepared: prepared again.
    assert _rows([report.force_area_id]) == expected

    with transaction.atomic():
        with pytest.raises(DatabaseError), connection.cursor() as cursor:
            cursor.execute("SELECT 1/0")
        # The prepared statement in the aborted transaction: Django's error (translated), not psycopg's.
        with pytest.raises(DatabaseError) as failed:
            _rows([report.force_area_id])
        assert type(failed.value).__module__ == "django.db.utils"
        transaction.set_rollback(True)
    assert _rows([report.force_area_id]) == expected
    assert len(_prepared()) == 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_again_after_a_close_or_a_dropped_connection():
    report = InspectionReportFactory(title="January", published_on=JAN)
    expected = [{"title": "January", "published_on": JAN}]
    assert _rows([report.force_area_id]) == expected

    connection.close()
    assert _rows([report.force_area_id]) == expected
    assert len(_prepared()) == 1

    # The server drops the connection (restart, idle timeout): the next request's health check replaces it.
    backend = connection.connection.info.backend_pid
    import psycopg

    settings = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in settings.items() if k not in ("cursor_factory", "context")}) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend])
    connection.health_check_done = False  # as at the start of a request
    assert _rows([report.force_area_id]) == expected
    assert connection.connection.info.backend_pid != backend
    assert len(_prepared()) == 1


@postgresql
def test_more_shapes_than_psycopg_keeps_prepared_still_give_their_rows(report):
    kept = connection.connection.prepared_max
    shapes = [[report.force_area_id, *range(-count, 0)] for count in range(kept + 20)]
    for area_ids in shapes + shapes[:5]:
        assert _rows(area_ids) == [{"title": "January", "published_on": JAN}]
    assert len(_prepared()) <= kept


@postgresql
def test_a_wrapped_query_is_prepared_only_when_asked(report):
    from pcc_portal.core.querytemplates import template_wrapped_rows

    def counted(*, prepare):
        return template_wrapped_rows(
            "tests.prepared_wrapped",
            _reports,
            outer="SELECT inner_rows_.*, COUNT(*) OVER () AS n_ FROM inner_rows_ WHERE published_on >= %s",
            outer_names=("n_",),
            outer_params=(JAN,),
            prepare=prepare,
            area_ids=[report.force_area_id],
            published_from=JAN,
            published_to=MAR,
        )

    assert counted(prepare=False) == [{"title": "January", "published_on": JAN, "n_": 1}]
    assert _prepared() == []
    assert counted(prepare=True) == [{"title": "January", "published_on": JAN, "n_": 1}]
    assert len(_prepared()) == 1

"""Shared fixtures. Tests that need a service or a browser are skipped on a
bare laptop, but fail in CI (CI=true), where every test must run."""

import os
import shutil

import pytest

from tests.accounts.factories import ForceAreaFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = "/usr/bin/chromium"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI must run every test, but: {reason}")
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("worker") and not os.environ.get("CELERY_BROKER_URL"):
        _unavailable("CELERY_BROKER_URL is not set: no Redis for a real Celery worker")
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Give every test its own media folder, so stored files never leak between tests."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so counts kept there (rate limits) never leak between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def area(db):
    return ForceAreaFactory(name="Leicestershire", code="leicestershire")


@pytest.fixture
def other_area(db):
    return ForceAreaFactory(name="West Midlands", code="west-midlands")


@pytest.fixture
def staff_user(area):
    return UserFactory(opcc_staff=True, areas=[area])


@pytest.fixture
def other_area_staff(other_area):
    return UserFactory(opcc_staff=True, areas=[other_area])


@pytest.fixture
def secretariat_user(area):
    return UserFactory(panel_secretariat=True, areas=[area])


@pytest.fixture
def panel_member_user(area):
    return UserFactory(panel_member=True, areas=[area])


@pytest.fixture
def partner_user(area):
    return UserFactory(partner=True, areas=[area])


@pytest.fixture
def admin_user(db):
    return UserFactory(administrator=True)


@pytest.fixture
def celery_worker_thread(transactional_db, worker_id):
    """Run a real Celery worker (solo pool, in a thread) against the configured broker.

    Each xdist process gets its own queue, so a worker never picks up a task
    sent by another process's test (which uses another test database).
    """
    from celery.contrib.testing.worker import start_worker

    from pcc_portal.celery import app

    queue = f"tests-{worker_id}"
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, queues=[queue]) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = "celery"


# Pages that gather every app's contributions run each app's few queries once:
# constant in the number of rows, bounded by the number of apps that contribute.
# For one user no app looks up everyone reminded (pcc_portal/deadlines/recipients.py).
DEADLINES_MAX_QUERIES = 14  # what's due, calendar feeds: every app's deadline hook
DASHBOARD_MAX_QUERIES = 20  # every app's dashboard boxes, including what's due, and the unread count

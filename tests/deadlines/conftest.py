import pytest

from pcc_portal.deadlines import registry

from .source import FakeSource


@pytest.fixture
def deadline_source(monkeypatch):
    """Add a fake app to the deadline registry for this test (alongside the real apps)."""
    source = FakeSource()
    real = registry.app_configs_with

    def with_fake(hook: str):
        yield from real(hook)
        if hook in {"deadlines", "calendar_events"}:
            yield source

    monkeypatch.setattr(registry, "app_configs_with", with_fake)
    return source


@pytest.fixture
def postgresql(transactional_db):
    """Concurrency tests need PostgreSQL (row locks, SKIP LOCKED); CI always has it."""
    from django.db import connection

    from tests.conftest import IN_CI

    if connection.vendor != "postgresql":
        if IN_CI:
            pytest.fail("CI must run every test, but the database is not PostgreSQL")
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    return connection

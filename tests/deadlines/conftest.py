import pytest

from .source import install_fake_source


@pytest.fixture
def deadline_source(monkeypatch):
    """Add a fake app to the deadline registry for this test (alongside the real apps)."""
    return install_fake_source(monkeypatch)


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

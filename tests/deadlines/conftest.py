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

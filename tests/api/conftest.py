import pytest
from django.core.cache import cache

from api import services


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with an empty rate-limit count."""
    cache.clear()
    yield
    cache.clear()


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def staff_token(staff_user):
    _token, raw = services.create_token(user=staff_user, name="Feed")
    return raw


@pytest.fixture
def other_staff_token(other_area_staff):
    _token, raw = services.create_token(user=other_area_staff, name="Feed")
    return raw

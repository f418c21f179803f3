"""The open-data API on the national data set built by the scenarios before it (panels, commissioning, ...):
a list page anonymously and with a staff token, filtered by area and not."""

from django.conf import settings
from django.test import Client

from api.services import create_token
from pcc_portal.accounts.models import ForceArea, Role, User


def build() -> None:
    """No data of its own: it reads what the other scenarios built. The rate limit would count the timing runs."""
    settings.API_RATE_LIMITS = {"anonymous": (100_000, 60), "token": (100_000, 60)}


def pages():
    area = ForceArea.objects.order_by("pk").first()
    staff = User.objects.filter(role=Role.OPCC_STAFF, force_areas=area).first()
    anonymous = Client()
    pages = [
        ("API grants register, page 1 (anonymous)", anonymous, "/api/v1/grants"),
        ("API grants, one area, 200 a page", anonymous, f"/api/v1/grants?area={area.code}&page_size=200"),
        ("API meetings, page 1 (anonymous)", anonymous, "/api/v1/meetings"),
        ("API agenda items and papers, page 1", anonymous, "/api/v1/agenda-items"),
        ("API consultation responses, page 1", anonymous, "/api/v1/consultation-responses"),
    ]
    if staff is not None:
        _token, raw = create_token(user=staff, name="Bench")
        with_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        pages.append(("API grants, staff token", with_token, "/api/v1/grants"))
        pages.append(("API plans, staff token", with_token, "/api/v1/plans"))
    return pages

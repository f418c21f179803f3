"""At 390 px wide no public page scrolls sideways; wide tables scroll inside their own labelled box."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.layout import assert_no_sideways_scroll
from tests.commissioning.factories import GrantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


def test_grants_register_fits_a_phone(page, live_server, axe, area):
    for n in range(3):
        GrantFactory(
            stream__force_area=area,
            is_published=True,
            title=f"Victim befriending {n}",
            purpose="A long purpose " * 10,
            conditions="Report quarterly to the Office of the Police and Crime Commissioner.",
        )
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for path in ["/", "/privacy/", "/accessibility/", "/commissioning/register/"]:
            page.goto(f"{live_server.url}{path}")
            assert_no_sideways_scroll(page, width)
            assert_no_axe_violations(axe, page)
        region = page.get_by_role("region", name="Published grants")
        assert region.get_attribute("tabindex") == "0"


@pytest.fixture
def demo():
    """The whole demo: each app's content from the source papers."""
    import io

    from django.db import transaction

    from pcc_portal.core.registry import app_configs_with

    for config in app_configs_with("load_demo"):
        with transaction.atomic():
            config.load_demo(stdout=io.StringIO())


def _public_pages() -> list[str]:
    from consultations.models import Consultation
    from handover.models import Briefing
    from panels.models import AgendaReport, Meeting, PanelReport
    from partners.models import Bulletin
    from plans.models import PlanVersion

    meeting = Meeting.objects.filter(agenda_items__report__isnull=False).distinct().first() or Meeting.objects.first()
    return [
        "/",
        "/panels/meetings/",
        meeting.get_absolute_url(),
        AgendaReport.objects.first().get_absolute_url(),
        PanelReport.objects.first().get_absolute_url(),  # the panel's recommendations and the responses
        "/consultations/public/",
        f"/consultations/public/{Consultation.objects.order_by('pk').first().pk}/",
        "/commissioning/register/",
        "/commissioning/decisions/",
        "/partners/bulletins/",
        Bulletin.objects.order_by("pk").first().get_absolute_url(),
        "/plans/issued/",
        PlanVersion.objects.get(status=PlanVersion.Status.ISSUED).get_absolute_url(),
        "/transparency/",
        "/transparency/leicestershire/",
        "/transparency/leicestershire/spending/",
        "/search/?q=police",
        "/handover/briefings/",
        Briefing.objects.first().get_absolute_url(),
    ]


def test_main_public_pages_fit_a_phone(page, live_server, axe, demo):
    paths = _public_pages()
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert_no_sideways_scroll(page, width)
            assert_no_axe_violations(axe, page)
    # Wide tables scroll inside their own box, which keyboard users can reach and which is named.
    page.goto(f"{live_server.url}/commissioning/decisions/")
    region = page.get_by_role("region", name="Decision records")
    assert region.get_attribute("tabindex") == "0"

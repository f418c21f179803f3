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

"""The export page and the package's progress page: no axe violations at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.partners.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_staff_build_a_package_and_see_the_download_link(page, live_server, axe, staff_user, area, width):
    OrganisationFactory(name="Leicester City Council", areas=[area])
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.goto(f"{live_server.url}/archive/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Export an area's record")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Build the package").click()
    page.wait_for_url("**/archive/jobs/**")
    expect(page.get_by_text("The package is ready")).to_be_visible()
    expect(page.get_by_role("link", name="Download leicestershire.zip")).to_be_visible()
    assert_no_axe_violations(axe, page)

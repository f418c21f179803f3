import pytest
from playwright.sync_api import expect

from pcc_portal.accounts.models import AreaContact
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


def test_legal_pages_and_contact_form_have_no_axe_violations(page, live_server, axe, area, staff_user):
    AreaContact.objects.create(
        force_area=area, office_name="OPCC for Leicestershire", address="St Johns\nEnderby", email="opcc@example.org"
    )
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/")
        page.get_by_role("navigation", name="Legal").get_by_role("link", name="Accessibility statement").click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Accessibility statement")
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)
        page.get_by_role("link", name="Privacy notice").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
        expect(page.get_by_text("opcc@example.org")).to_be_visible()
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/areas/{area.code}/")
        page.get_by_role("link", name="Edit the contact details").click()
        page.get_by_label("Email", exact=True).fill("not an email")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Enter a valid email address").first).to_be_visible()
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)

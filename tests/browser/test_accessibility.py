import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_has_no_axe_violations(page, live_server, axe):
    page.goto(f"{live_server.url}/")
    assert page.title() == "Sign in – PCC Partnership Portal"
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(axe, page)


def test_staff_signs_in_and_dashboard_has_no_axe_violations(page, live_server, axe, staff_user):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    expect(page.get_by_role("link", name="Leicestershire")).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_skip_link_moves_focus_to_main_content(page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_area_page_has_no_axe_violations_and_no_console_errors(page, live_server, axe, staff_user, area):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.goto(f"{live_server.url}{area.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leicestershire")
    assert_no_axe_violations(axe, page)
    assert errors == []

import io

import pytest

from pcc_portal.accounts import demo as accounts_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF = "staff@demo.pcc-portal.org.uk"


@pytest.mark.parametrize("width", [1280, 390])
def test_api_docs_and_token_pages_have_no_axe_violations(page, live_server, axe, transactional_db, width):
    from tests.browser.conftest import assert_no_axe_violations, sign_in

    accounts_demo.load(stdout=io.StringIO())
    page.set_viewport_size({"width": width, "height": 900})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/api/docs/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("PCC Partnership Portal open data")
    assert_no_axe_violations(axe, page)
    sign_in(page, live_server, STAFF, accounts_demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/api/tokens/")
    page.get_by_label("Token name").fill("Panel papers feed")
    page.get_by_role("button", name="Make the token").click()
    assert page.locator("#new-token").inner_text().startswith("pcc_")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Revoke the token Panel papers feed").click()
    assert "Revoked" in page.locator("main").inner_text()
    assert_no_axe_violations(axe, page)
    if width == 390:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    assert errors == []

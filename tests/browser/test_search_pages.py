import io

import pytest
from playwright.sync_api import expect

from panels import demo as panels_demo
from partners import demo as partners_demo
from pcc_portal.accounts import demo as accounts_demo
from search.services import search_index_rebuild

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db):
    accounts_demo.load(stdout=io.StringIO())
    partners_demo.load(stdout=io.StringIO())
    panels_demo.load(stdout=io.StringIO())
    search_index_rebuild()


@pytest.mark.parametrize("width", [1280, 390])
def test_visitor_searches_from_the_header_and_the_results_page_has_no_axe_violations(
    page, live_server, axe, demo_data, width
):
    from tests.browser.conftest import assert_no_axe_violations

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    header_search = page.get_by_role("search", name="Site")
    header_search.get_by_label("Search the portal").fill("Lubbesthorpe")
    header_search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    assert page.locator("mark", has_text="Lubbesthorpe").count() >= 1
    assert_no_axe_violations(axe, page)
    if width == 390:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    page.goto(f"{live_server.url}/search/?q=nothingmatchesthis")
    assert "0 results" in page.get_by_role("heading", level=2).inner_text()
    assert_no_axe_violations(axe, page)

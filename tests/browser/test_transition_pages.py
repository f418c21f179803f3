import io

import pytest
from playwright.sync_api import expect

from partners import demo as partners_demo
from pcc_portal.accounts import demo as accounts_demo
from transition import demo as transition_demo
from transition.models import TransitionProgramme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF = "staff@demo.pcc-portal.org.uk"


@pytest.fixture
def demo_data(transactional_db):
    accounts_demo.load(stdout=io.StringIO())
    partners_demo.load(stdout=io.StringIO())
    transition_demo.load(stdout=io.StringIO())


@pytest.mark.parametrize("width", [1280, 390])
def test_transition_pages_have_no_axe_violations(page, live_server, axe, demo_data, width):
    from tests.browser.conftest import assert_no_axe_violations, sign_in

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, STAFF, accounts_demo.DEMO_PASSWORD)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    programme = TransitionProgramme.objects.get(kind="pcc_to_board")
    base = f"{live_server.url}/transition/{programme.pk}"
    row = programme.items.order_by("pk").first()
    for url, heading in [
        (f"{live_server.url}/transition/", "Transition programmes"),
        (f"{base}/", programme.name),
        (f"{base}/register/", "Transfer register"),
        (f"{base}/risks/", "Risks and issues"),
        (f"{base}/decisions/", "Decisions"),
        (f"{base}/readiness/", "Readiness"),
        (f"{live_server.url}/transition/rows/{row.pk}/", row.title),
        (f"{live_server.url}/transition/rows/{row.pk}/edit/", "Edit register row"),
    ]:
        page.goto(url)
        assert page.get_by_role("heading", level=1).inner_text().startswith(heading)
        assert_no_axe_violations(axe, page)
        if width == 390:
            # Nothing wider than the screen but the tables, which scroll inside their own box.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, url
    assert errors == []


def test_staff_select_rows_and_change_their_receiver_in_one_step(page, live_server, demo_data):
    from tests.browser.conftest import sign_in

    sign_in(page, live_server, STAFF, accounts_demo.DEMO_PASSWORD)
    programme = TransitionProgramme.objects.get(kind="pcc_to_board")
    page.goto(f"{live_server.url}/transition/{programme.pk}/register/?receiver=none")
    boxes = page.locator("input[name=items]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("New receiving body").select_option("successor")
    page.get_by_role("button", name="Review the change").click()
    page.get_by_role("button", name="Change 2 rows").click()
    assert "2 rows changed." in page.locator(".messages").inner_text()


def test_a_skipped_status_step_is_explained_on_the_row_form(page, live_server, demo_data):
    from tests.browser.conftest import sign_in

    sign_in(page, live_server, STAFF, accounts_demo.DEMO_PASSWORD)
    programme = TransitionProgramme.objects.get(kind="pcc_to_board")
    row = programme.items.filter(status="identified").order_by("pk").first()
    page.goto(f"{live_server.url}/transition/rows/{row.pk}/edit/")
    page.locator("#id_status").select_option("ready")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("A row that is Identified can become Agreed or To close, not Ready")).to_be_visible()

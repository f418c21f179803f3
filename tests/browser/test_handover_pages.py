"""The candidate briefing, the registration form and the handover pack: no axe violations, desktop and 390 px."""

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.handover.factories import (
    AnswerFactory,
    BriefingFactory,
    CandidateFactory,
    ProgrammeFactory,
    QuestionFactory,
    RiskFactory,
    TransferItemFactory,
    WorkstreamFactory,
)
from tests.plans.factories import PlanVersionFactory, PriorityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def briefing(area):
    version = PlanVersionFactory(plan__force_area=area, issued=True, label="March revision")
    PriorityFactory(version=version, title="Protect vulnerable people", resources_pence=1_000_00)
    briefing = BriefingFactory(force_area=area, published=True, introduction="Information for **candidates**.")
    AnswerFactory(question=QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True)))
    return briefing


@pytest.mark.parametrize("width, height", WIDTHS)
def test_briefing_and_registration_have_no_axe_violations(page, live_server, axe, briefing, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}{briefing.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Briefing for candidates: Leicestershire")
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="Register as a candidate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register as a candidate")
    assert_no_axe_violations(axe, page)
    # The trap field is neither seen nor reachable by keyboard or screen reader.
    assert page.locator("#id_website").count() == 1 and page.locator("#id_website").is_hidden()
    assert page.get_by_role("textbox", name="Website").count() == 0  # not in the accessibility tree
    assert page.get_by_role("textbox", name="Your name").count() == 1
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_label("Your name").fill("Ada Candidate")
    page.get_by_label("Your email address").fill("ada@example.org")
    page.get_by_label("An independent candidate").check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


@pytest.mark.parametrize("width, height", WIDTHS)
def test_handover_pack_has_no_axe_violations(page, live_server, axe, area, width, height):
    from tests.accounts.factories import UserFactory

    officer = UserFactory(successor_officer=True, areas=[area])
    programme = ProgrammeFactory(force_area=area, name="Leicestershire transfer 2028")
    workstream = WorkstreamFactory(programme=programme, name="Governance")
    for n in range(5):
        TransferItemFactory(programme=programme, workstream=workstream, title=f"Row {n}", day_one_critical=n == 0)
    RiskFactory(programme=programme)
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server.url}/handover/packs/{programme.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Handover pack: Leicestershire transfer 2028")
    expect(page.get_by_role("heading", name="2. The transfer register")).to_be_visible()
    assert_no_axe_violations(axe, page)

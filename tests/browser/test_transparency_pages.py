import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.transparency.factories import (
    ContractFactory,
    DecisionFactory,
    GiftFactory,
    InspectionReportFactory,
    InterestFactory,
    SpendItemFactory,
    funding_decision,
)
from transparency.models import PublicationEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def scene(area):
    decision = DecisionFactory(
        force_area=area,
        title="Re-commission victims' services",
        financial_implications="Up to **£450,000** over three years.",
        exempt_part="Bidder prices",
        exempt_reason="Commercially sensitive",
        is_illustrative=True,
    )
    InterestFactory(force_area=area)
    GiftFactory(force_area=area)
    ContractFactory(force_area=area)
    InspectionReportFactory(force_area=area)
    SpendItemFactory(upload__force_area=area, supplier="Voluntary Action Leicestershire")
    funding_decision(area, title="Victim befriending pilot")
    PublicationEntry.objects.create(force_area=area, publication_class="complaints", last_published_on="2025-01-01")
    return {"decision": decision}


def test_public_transparency_and_decision_pages_have_no_axe_violations(page, live_server, axe, area, scene):
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/transparency/{area.code}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("What the Commissioner for Leicestershire publishes")
        expect(page.get_by_text("Transparency scorecard")).to_be_visible()
        expect(page.get_by_role("link", name="Register of gifts and hospitality")).to_be_visible()
        assert_no_axe_violations(axe, page)
        page.goto(f"{live_server.url}{scene['decision'].get_absolute_url()}")
        assert "Re-commission victims' services" in page.get_by_role("heading", level=1).inner_text()
        assert page.get_by_text("Bidder prices").count() == 0
        assert_no_axe_violations(axe, page)
        for path in ["decisions/", "interests/", "spending/", "contracts/", "gifts-and-hospitality/", "inspections/"]:
            page.goto(f"{live_server.url}/transparency/{area.code}/{path}")
            assert_no_axe_violations(axe, page)


def test_spend_upload_page_and_its_errors_have_no_axe_violations(page, live_server, axe, area, staff_user, tmp_path):
    bad = tmp_path / "october.csv"
    bad.write_text("date,supplier,purpose,amount\n2026-10-03,Acme,Rent,600\n2026-10-04,Acme,Rent,NaN\n")
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/transparency/{area.code}/manage/spending/")
        assert_no_axe_violations(axe, page)
        page.get_by_label("Month").fill("2026-10")
        page.get_by_label("Spending file").set_input_files(str(bad))
        page.get_by_role("button", name="Check the file (dry run)").click()
        expect(page.get_by_text("Row 3, column amount: Enter an amount in pounds")).to_be_visible()
        assert_no_axe_violations(axe, page)


def test_staff_pages_and_form_errors_have_no_axe_violations(page, live_server, axe, area, staff_user, scene):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    manage = f"{live_server.url}/transparency/{area.code}/manage/"
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(manage)
        expect(page.get_by_role("heading", name="Independent custody visiting")).to_be_visible()
        assert_no_axe_violations(axe, page)
        page.goto(f"{manage}schedule/budget/")
        expect(page.get_by_text("paragraph 3(a)–(e)")).to_be_visible()
        assert_no_axe_violations(axe, page)
        page.goto(f"{manage}gifts/new/")
        page.get_by_label("Estimated value (£)").fill("NaN")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Enter an amount in pounds, such as 1,250.00.").first).to_be_visible()
        assert_no_axe_violations(axe, page)

"""Forms people can see and use: an error summary that takes focus, no hidden trap in the accessibility
tree, required fields marked, attachments checked, long lists filtered, selects that prompt in words."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.layout import assert_no_sideways_scroll
from tests.commissioning.factories import ApplicationFactory, RoundFactory, partner_of
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.partners.factories import OrganisationFactory
from tests.plans.factories import PriorityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]
PASSWORD = "Long-enough-pass-2026"


def _sign_in(page, live_server, user):
    user.set_password(PASSWORD)
    user.save()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")


def test_public_consultation_form_summarises_errors_and_hides_its_trap(page, live_server, axe, area):
    consultation = ConsultationFactory(force_area=area, public=True, title="Victims' services")
    QuestionFactory(consultation=consultation, text="What matters to you?", mandatory=True, position=1)
    url = f"{live_server.url}/consultations/public/{consultation.pk}/"
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        expect(page.get_by_role("link", name="privacy notice", exact=True)).to_have_attribute("href", "/privacy/")
        expect(page.get_by_label("As an individual", exact=True)).to_be_visible()
        expect(page.get_by_label("On behalf of an organisation or group")).to_be_visible()
        # The trap for bots is in the page but not in the accessibility tree, nor reachable by Tab.
        assert page.locator("input[name=website]").count() == 1
        expect(page.get_by_role("textbox", name="Website")).to_have_count(0)
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)

        page.get_by_label("On behalf of an organisation or group").check()
        page.get_by_role("button", name="Send response").click()
        summary = page.locator("[data-error-summary]")
        expect(summary).to_be_focused()
        expect(page).to_have_title(re.compile(r"^Error: Victims' services –"))
        expect(summary.get_by_role("link", name="Your name: This field is required.")).to_be_visible()
        expect(summary.get_by_role("link", name="Name of the organisation or group: Enter the name")).to_be_visible()
        expect(summary.get_by_role("link", name="1. What matters to you?: Answer this question")).to_be_visible()
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)
        summary.get_by_role("link", name="Your email address: This field is required.").click()
        expect(page.get_by_label("Your email address (required)")).to_be_focused()


def test_grant_application_marks_required_fields_and_checks_attachments(page, live_server, axe, area, tmp_path):
    round_ = RoundFactory(stream__force_area=area)
    round_.priorities.add(PriorityFactory(version__plan__force_area=area, title="Support victims"))
    application = ApplicationFactory(round=round_)
    _sign_in(page, live_server, partner_of(application.organisation))
    url = f"{live_server.url}/commissioning/applications/{application.pk}/edit/"
    not_a_pdf = tmp_path / "budget.pdf"
    not_a_pdf.write_bytes(b"MZ this is a program")
    budget = tmp_path / "real-budget.pdf"
    budget.write_bytes(b"%PDF-1.4\n%%EOF\n")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        expect(page.get_by_label("Summary (required to submit)")).to_be_visible()
        expect(page.get_by_text("(001 paragraph 41)")).to_have_count(0)
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)

    page.get_by_label("What the document is").fill("Budget")
    page.locator("input[type=file]").set_input_files(str(not_a_pdf))
    page.get_by_role("button", name="Attach document").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This file is not a PDF.")
    assert_no_axe_violations(axe, page)

    page.get_by_label("What the document is").fill("Budget 2026/27")
    page.locator("input[type=file]").set_input_files(str(budget))
    page.get_by_role("button", name="Attach document").click()
    expect(page.get_by_role("link", name="Budget 2026/27")).to_be_visible()
    expect(page.get_by_role("button", name="Remove Budget 2026/27")).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_long_organisation_list_filters_and_selects_prompt_in_words(page, live_server, axe, area, staff_user):
    for name in ["Blaby District Council", "Charnwood Borough Council", "Harborough District Council"] + [
        f"Voluntary group {n}" for n in range(8)
    ]:
        OrganisationFactory(areas=[area], name=name)
    _sign_in(page, live_server, staff_user)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/consultations/new/")
        expect(page.locator("select option", has_text="---------")).to_have_count(0)
        expect(page.locator("#id_force_area option").first).to_have_text("Choose a force area")
        search = page.get_by_label("Filter organisations by name")
        search.fill("council")
        expect(page.get_by_label("Charnwood Borough Council")).to_be_visible()
        expect(page.get_by_label("Voluntary group 3")).to_be_hidden()
        expect(page.get_by_text("3 of 11 shown, 0 chosen.")).to_be_attached()
        page.get_by_label("Blaby District Council").check()
        search.fill("voluntary")
        # A ticked organisation stays in view, so nobody loses sight of what they chose.
        expect(page.get_by_label("Blaby District Council")).to_be_visible()
        expect(page.get_by_label("Voluntary group 3")).to_be_visible()
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)


def test_submitted_application_shows_its_reference_and_documents(page, live_server, axe, area):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commissioning import services

    round_ = RoundFactory(stream__force_area=area)
    priority = PriorityFactory(version__plan__force_area=area, title="Support victims")
    round_.priorities.add(priority)
    application = ApplicationFactory(round=round_, complete=True)
    application.priorities.add(priority)
    user = partner_of(application.organisation)
    services.attachment_add(
        user=user,
        application=application,
        title="Budget 2026/27",
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    application = services.application_submit(user=user, application=application)
    _sign_in(page, live_server, user)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/")
        expect(page.get_by_text(f"Reference {application.reference}")).to_be_visible()
        expect(page.get_by_role("link", name="Budget 2026/27")).to_be_visible()
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)


def test_engagement_form_offers_filtered_checkbox_lists(page, live_server, axe, area, staff_user):
    for n in range(10):
        OrganisationFactory(areas=[area], name=f"Parish council {n}")
    _sign_in(page, live_server, staff_user)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/partners/areas/{area.code}/engagement/new/")
        expect(page.get_by_label("Parish council 7")).to_be_visible()
        page.get_by_label("Filter organisations by name").fill("council 7")
        expect(page.get_by_label("Parish council 3")).to_be_hidden()
        expect(page.locator("select[multiple]")).to_have_count(0)
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)

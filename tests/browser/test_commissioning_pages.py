import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commissioning.models import Application
from commissioning.services import allocation_preview
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.commissioning.factories import (
    ApplicationFactory,
    GrantFactory,
    MonitoringReturnFactory,
    RoundFactory,
    partner_of,
)
from tests.partners.factories import OrganisationFactory
from tests.plans.factories import PriorityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(area, staff_user):
    priority = PriorityFactory(version__plan__force_area=area, title="Support victims and witnesses")
    round_ = RoundFactory(stream__force_area=area, title="Victims' services small grants")
    round_.priorities.add(priority)
    grant = GrantFactory(stream=round_.stream, title="Victim befriending pilot", amount_pence=20_000_00)
    grant.priorities.add(priority)
    MonitoringReturnFactory(grant=grant, overdue=True)
    MonitoringReturnFactory(grant=grant)
    councils = [OrganisationFactory(council=True, areas=[area], population=p) for p in (650_489, 329_839, 37_369)]
    allocation = allocation_preview(
        user=staff_user, stream=round_.stream, title="CSF shares", total_pence=1_000_000_00, recipients=councils
    )
    application = ApplicationFactory(round=round_, organisation=grant.recipient, title="Volunteer befrienders")
    return {"round": round_, "grant": grant, "allocation": allocation, "application": application}


def test_staff_overview_allocation_and_register_have_no_axe_violations(page, live_server, axe, staff_user, scene):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for url, heading in [
        ("/commissioning/", "Commissioning"),
        (scene["allocation"].get_absolute_url(), "CSF shares"),
        (scene["round"].stream.get_absolute_url(), str(scene["round"].stream)),
        (scene["grant"].get_absolute_url(), "Victim befriending pilot"),
        ("/commissioning/register/", "Register of grants"),
        (scene["round"].get_absolute_url(), "Victims' services small grants"),
        (scene["application"].get_absolute_url(), "Volunteer befrienders"),
        (scene["grant"].returns.first().get_absolute_url(), "Monitoring return: Victim befriending pilot"),
    ]:
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(axe, page)
    page.goto(f"{live_server.url}/commissioning/")
    expect(page.get_by_role("img", name="Grant spend by plan priority")).to_be_visible()
    page.get_by_text("Show the figures as a table").first.click()
    expect(page.get_by_role("row", name="Support victims and witnesses £20,000.00").first).to_be_visible()


def test_partner_autosaves_then_submits_and_cannot_change_it(page, live_server, axe, scene):
    application = scene["application"]
    partner = partner_of(application.organisation)
    sign_in(page, live_server, partner.email, PASSWORD)
    page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/edit/")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Summary").fill("Trained volunteers befriend repeat victims.")
    page.get_by_text("Draft saved at").wait_for()
    application.refresh_from_db()
    assert application.summary == "Trained volunteers befriend repeat victims."
    page.get_by_label("Amount requested (£)").fill("18,500.00")
    page.get_by_label("Period start").fill("2026-12-01")
    page.get_by_label("Period end").fill("2027-03-31")
    page.get_by_label("Support victims and witnesses").check()
    for label in [
        "Evidence base",
        "Value for money",
        "Outcomes",
        "How the outcomes are measured",
        "Who is served",
        "Risk if not funded",
    ]:
        page.get_by_label(f"{label} (required to submit)", exact=True).fill(f"{label} text")
    # Let the last autosave (2 s after typing stops) finish before submitting.
    page.wait_for_timeout(2500)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save and submit").click()
    # Submitting cannot be undone: a page says so first.
    page.wait_for_url("**/submit/")
    page.get_by_role("button", name="Submit the application").click()
    page.get_by_text("Application submitted").wait_for()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert "Continue your draft" not in page.content()
    assert_no_axe_violations(axe, page)


def test_partner_submits_an_overdue_return(page, live_server, axe, scene):
    grant = scene["grant"]
    overdue = grant.returns.filter(due_date__lt=timezone.localdate()).first()
    partner = partner_of(grant.recipient)
    sign_in(page, live_server, partner.email, PASSWORD)
    page.goto(f"{live_server.url}{overdue.get_absolute_url()}")
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_label("Outputs").fill("42 victims befriended")
    page.get_by_label("Outcomes").fill("Repeat calls down")
    page.get_by_role("button", name="Submit the return").click()
    page.get_by_text("Monitoring return submitted").wait_for()
    overdue.refresh_from_db()
    assert overdue.status == "submitted"
    assert overdue.submitted_at <= timezone.now() + datetime.timedelta(seconds=1)

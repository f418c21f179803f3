"""The confirmation pages (issue 14, item 4) and a partner's and a panel member's dashboards (item 2), with axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Bulletin
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll
from tests.core.fuzz_world import World
from tests.panels import factories as panels
from tests.partners import factories as partners
from tests.plans import factories as plans

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


def test_bulletin_confirmation_previews_and_publishes_without_javascript(browser, live_server, axe):
    world = World()
    partners.ContactFactory(organisation=world.organisation, bulletin_consent=True)
    partners.BulletinArticleFactory(bulletin=world.bulletin, title="A word from the Commissioner", body="x " * 400)
    # No JavaScript at all: the confirmation is an ordinary page and form.
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, world.staff.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}{world.bulletin.get_absolute_url()}")
        page.get_by_role("button", name="Publish now and email consenting contacts").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Publish and email {world.bulletin.title}")
        expect(page.get_by_text("A WORD FROM THE COMMISSIONER")).to_be_visible()
        assert_no_sideways_scroll(page, width)
    context.close()
    assert Bulletin.objects.get(pk=world.bulletin.pk).status == Bulletin.Status.DRAFT

    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server, world.staff.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/partners/bulletins/{world.bulletin.pk}/publish/")
        expect(page.get_by_role("button", name="Publish and email 1 contact")).to_be_visible()
        assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Publish and email 1 contact").click()
    expect(page.get_by_text("Bulletin published.")).to_be_visible()
    context.close()
    assert Bulletin.objects.get(pk=world.bulletin.pk).status == Bulletin.Status.PUBLISHED


def test_submit_and_issue_confirmations_have_no_axe_violations(page, live_server, axe):
    world = World()
    application, version = world.application, world.shared_version
    sign_in(page, live_server, world.partner.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/submit/")
        expect(page.get_by_role("button", name="Submit the application")).to_be_visible()
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, world.staff.email, PASSWORD)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/plans/versions/{version.pk}/issue/")
        expect(page.get_by_role("button", name="Issue and publish the plan")).to_be_visible()
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)


def test_panel_member_and_partner_dashboards_have_no_axe_violations(page, live_server, axe):
    world = World()
    plans.PlanVersionFactory(plan=world.plan, shared=True, label="Spring draft")
    panels.MeetingFactory(
        panel=world.panel,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        papers_published_on=timezone.localdate(),
    )
    assert world.application and world.consultation
    for user, box in [(world.member, "Draft plans waiting for your comments"), (world.partner, "Consultations open")]:
        sign_in(page, live_server, user.email, PASSWORD)
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}/dashboard/")
            expect(page.get_by_role("heading", name=box)).to_be_visible()
            expect(page.get_by_role("heading", name="Partnerships")).to_have_count(0)
            assert_no_sideways_scroll(page, width)
            assert_no_axe_violations(axe, page)
        page.get_by_role("button", name="Sign out").click()

"""What's due and the reminder settings page: no axe violations, usable by keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.deadlines.source import install_fake_source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def due_items(monkeypatch, staff_user, area):
    deadline_source = install_fake_source(monkeypatch)
    now = timezone.now()
    deadline_source.add(
        key="panels.papers:1", title="Panel papers", due=now - timedelta(days=1), recipients=[staff_user], area=area
    )
    deadline_source.add(
        key="plans.issue:2", title="Issue the plan", due=now + timedelta(days=2), recipients=[staff_user], area=area
    )
    deadline_source.add(
        key="commissioning.round:3", title="Funding round closes", due=now + timedelta(days=12), recipients=[staff_user]
    )
    return deadline_source


def test_whats_due_has_no_axe_violations_and_filters_by_kind(page, live_server, axe, staff_user, due_items):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.get_by_role("link", name="What's due").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What's due")
    expect(page.get_by_role("heading", name="Overdue (1)")).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_label("Kind of deadline").select_option("plans.issue")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**kind=plans.issue**")
    expect(page.get_by_role("link", name="Issue the plan")).to_be_visible()
    assert page.get_by_role("link", name="Panel papers").count() == 0
    assert_no_axe_violations(axe, page)


def test_dashboard_with_whats_due_panel_has_no_axe_violations(page, live_server, axe, staff_user, due_items):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    expect(page.get_by_role("heading", name="What's due")).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_settings_page_makes_a_calendar_address_with_no_axe_violations(page, live_server, axe, staff_user, due_items):
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.goto(f"{live_server.url}/deadlines/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders, notifications and calendar")
    assert_no_axe_violations(axe, page)
    page.get_by_label("One daily digest email").check()
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.get_by_text("Your reminder settings are saved.")).to_be_visible()
    page.get_by_role("button", name="Make my calendar address").click()
    address = page.get_by_label("Calendar address (iCalendar)").input_value()
    assert "/deadlines/calendar/" in address and address.endswith(".ics")
    assert_no_axe_violations(axe, page)

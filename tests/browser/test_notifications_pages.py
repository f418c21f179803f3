"""The notifications list and the notification settings: no axe violations, nothing sideways at 390 px."""

import pytest
from playwright.sync_api import expect

from pcc_portal.notifications.models import Notification
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notifications(staff_user):
    titles = [
        "New comment by Pat Panel on “Reducing reoffending” (Police and Crime Plan 2013–2017, Version 1: "
        "January 2013 draft)",
        "Papers published for the meeting of Leicestershire Police and Crime Panel on 29 September 2014",
    ]
    return [
        Notification.objects.create(
            recipient=staff_user,
            kind="plans.comment",
            key=f"browser:{n}",
            title=title,
            url="/plans/",
            summary="Please say how this target was arrived at. " * 4,
        )
        for n, title in enumerate(titles)
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_notifications_list_marks_read_with_no_axe_violations(page, live_server, axe, staff_user, notifications, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, staff_user.email, PASSWORD)
    expect(page.get_by_role("link", name="Notifications 2 unread")).to_be_visible()
    page.get_by_role("link", name="Notifications 2 unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert_no_axe_violations(axe, page)
    assert_no_sideways_scroll(page, width)
    page.get_by_role("button", name="Mark as read: Papers published").click()
    expect(page.get_by_text("Marked as read: Papers published")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("1 notification marked as read.")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_no_sideways_scroll(page, width)


@pytest.mark.parametrize("width", [1280, 390])
def test_notification_settings_on_the_reminder_page_with_no_axe_violations(page, live_server, axe, staff_user, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.goto(f"{live_server.url}/deadlines/settings/")
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_no_sideways_scroll(page, width)
    page.get_by_label("Papers published for a meeting of your panel").select_option("digest")
    page.get_by_role("button", name="Save notification settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    expect(page.get_by_label("Papers published for a meeting of your panel")).to_have_value("digest")
    assert_no_axe_violations(axe, page)

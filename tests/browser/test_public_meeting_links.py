import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.layout import assert_no_sideways_scroll
from tests.panels.factories import MeetingFactory, PanelFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meeting_pages_with_calendar_link_have_no_axe_violations(page, live_server, axe, area):
    meeting = MeetingFactory(panel=PanelFactory(force_area=area), published=True)
    for width, height in [(1280, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        for path in ["/panels/meetings/", meeting.get_absolute_url()]:
            page.goto(f"{live_server.url}{path}")
            expect(page.get_by_role("link", name="calendar (iCalendar feed)").first).to_be_visible()
            assert_no_sideways_scroll(page, width)
            assert_no_axe_violations(axe, page)

"""Meeting, minutes, tracker and appendices pages: axe-clean at 1280 and 390 px, no sideways scroll."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from panels.models import AgendaReport, Panel, PanelReport
from pcc_portal.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll
from tests.panels.conftest import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


def _check_at_both_widths(page, axe, url: str, heading: str) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_no_sideways_scroll(page, width)
        assert_no_axe_violations(axe, page)


def test_public_meeting_minutes_and_tracker_pages(page, live_server, axe, demo):  # noqa: F811
    report = AgendaReport.objects.get()
    meeting = report.agenda_item.meeting
    panel = meeting.panel
    _check_at_both_widths(page, axe, f"{live_server.url}{meeting.get_absolute_url()}", "meeting of")
    expect(page.get_by_text("Minutes", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name="recommendations and the Commissioner's responses")).to_be_visible()
    minutes = reverse("panels:meeting_minutes", kwargs={"pk": meeting.pk})
    _check_at_both_widths(page, axe, f"{live_server.url}{minutes}", "Minutes of the meeting")
    _check_at_both_widths(page, axe, f"{live_server.url}{report.get_absolute_url()}", "Police and Crime Panel")
    expect(page.get_by_role("link", name="Partnership funding 2014/15 (illustrative)")).to_be_visible()
    tracker = reverse("panels:recommendation_tracker", kwargs={"pk": panel.pk})
    _check_at_both_widths(page, axe, f"{live_server.url}{tracker}", "Recommendations and responses")
    expect(page.get_by_text("Status").first).to_be_visible()
    comments = PanelReport.objects.get()
    _check_at_both_widths(page, axe, f"{live_server.url}{comments.get_absolute_url()}", "Comments")


def test_staff_pages_for_appendices_minutes_and_responses(page, live_server, axe, demo):  # noqa: F811
    report = AgendaReport.objects.get()
    panel = Panel.objects.get(force_area__code="leicestershire")
    comments = PanelReport.objects.get()
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    for url, heading in [
        (reverse("panels:report_appendices", kwargs={"pk": report.pk}), "Appendices to Agenda Item 5"),
        (reverse("panels:meeting_record", kwargs={"pk": report.agenda_item.meeting_id}), "Record the meeting"),
        (reverse("panels:agenda_item_edit", kwargs={"pk": report.agenda_item_id}), "Change agenda item 5"),
        (reverse("panels:meeting_pack", kwargs={"pk": report.agenda_item.meeting_id}), "Agenda pack"),
        (reverse("panels:panel_report_from_word", kwargs={"pk": panel.pk}), "from a Word file"),
    ]:
        _check_at_both_widths(page, axe, f"{live_server.url}{url}", heading)
    page.context.clear_cookies()
    sign_in(page, live_server, "staff@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    for url, heading in [
        (reverse("panels:response_create", kwargs={"pk": comments.pk}), "Write the Commissioner's response"),
        (reverse("panels:comments_response_edit", kwargs={"pk": comments.pk}), "Response to the panel's comments"),
    ]:
        _check_at_both_widths(page, axe, f"{live_server.url}{url}", heading)

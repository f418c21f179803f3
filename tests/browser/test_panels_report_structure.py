"""The agenda report's edit and view pages in a browser at desktop and phone widths: axe-clean, no sideways scroll,
and paragraphs added and moved in the page without a save."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from panels.models import AgendaReport
from pcc_portal.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.browser.layout import assert_no_sideways_scroll
from tests.panels.conftest import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_report_view_and_edit_pages_pass_axe_and_fit(page, live_server, axe, demo, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    report = AgendaReport.objects.get()
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    for url in [
        reverse("panels:report_detail", kwargs={"pk": report.pk}),
        reverse("panels:agenda_report_edit", kwargs={"pk": report.agenda_item_id}),
    ]:
        page.goto(f"{live_server.url}{url}")
        expect(page.locator("h1")).to_have_count(1)
        assert_no_axe_violations(axe, page)
        assert_no_sideways_scroll(page, width)


def test_secretariat_adds_and_moves_a_paragraph_in_the_page_then_saves(page, live_server, demo):  # noqa: F811
    report = AgendaReport.objects.get()
    count = report.paragraphs.count()
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('panels:report_detail', kwargs={'pk': report.pk})}")
    page.get_by_role("link", name="Edit this report").click()
    page.get_by_role("button", name="Add a paragraph").click()
    new = page.locator(".report-paragraph-form").last
    expect(new.locator("legend")).to_have_text(f"Paragraph at position {count + 2}")
    new.get_by_label("Section heading").fill("Next steps")
    new.get_by_label("Text").fill("The Panel will be updated at its next meeting.")
    new.get_by_role("button", name="Move up").click()
    expect(page.locator("#paragraph-status")).to_have_text(f"Paragraph moved to position {count + 1}.")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("The report is saved.")).to_be_visible()
    texts = list(report.paragraphs.order_by("position").values_list("text", flat=True))
    assert texts[-1] == "The Panel will be updated at its next meeting."
    assert len(texts) == count + 1

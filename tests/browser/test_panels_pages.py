"""The panels pages in a real browser: one h1, no axe violations, no console errors."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from panels.models import AgendaReport, Panel, PanelReport
from pcc_portal.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.panels.conftest import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, axe, url: str) -> None:
    failed = []  # every resource the page loads must load (the browser's own favicon request aside)
    page.on(
        "response",
        lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("/favicon.ico") else None,
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(axe, page)
    assert failed == []
    assert errors == []


def test_public_pages_of_the_29_september_2014_meeting(page, live_server, axe, demo):  # noqa: F811
    report = AgendaReport.objects.get()
    _check(page, axe, f"{live_server.url}{report.agenda_item.meeting.get_absolute_url()}")
    _check(page, axe, f"{live_server.url}{reverse('panels:report_detail', kwargs={'pk': report.pk})}")
    expect(page.get_by_role("article").get_by_text("Agenda Item 5", exact=True)).to_be_visible()
    _check(page, axe, f"{live_server.url}{PanelReport.objects.get().get_absolute_url()}")


def test_secretariat_pages(page, live_server, axe, demo):  # noqa: F811
    panel = Panel.objects.get(force_area__code="leicestershire")
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    _check(page, axe, f"{live_server.url}/dashboard/")
    _check(page, axe, f"{live_server.url}{panel.get_absolute_url()}")
    _check(page, axe, f"{live_server.url}{reverse('panels:panel_balance', kwargs={'pk': panel.pk})}?size=20")
    _check(page, axe, f"{live_server.url}{reverse('panels:calendar', kwargs={'pk': panel.pk})}?year=2026")
    _check(page, axe, f"{live_server.url}{reverse('panels:complaint_list', kwargs={'pk': panel.pk})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:meeting_create', kwargs={'pk': panel.pk})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:membership_create', kwargs={'pk': panel.pk})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:panel_report_create', kwargs={'pk': panel.pk})}")
    item = AgendaReport.objects.get().agenda_item
    _check(page, axe, f"{live_server.url}{reverse('panels:agenda_report_edit', kwargs={'pk': item.pk})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:agenda_item_create', kwargs={'pk': item.meeting_id})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:meeting_record', kwargs={'pk': item.meeting_id})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:hearing_create', kwargs={'pk': panel.pk})}")
    _check(page, axe, f"{live_server.url}{reverse('panels:precept_year_edit', kwargs={'pk': panel.pk, 'year': 2026})}")


def test_secretariat_records_a_veto_vote_with_the_keyboard(page, live_server, demo):  # noqa: F811
    panel = Panel.objects.get(force_area__code="leicestershire")
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('panels:calendar', kwargs={'pk': panel.pk})}")
    page.get_by_label("Veto of").select_option("precept")
    page.get_by_label("Date of the vote").fill("2026-02-05")
    page.get_by_label("Members voting for the veto").fill("8")
    page.get_by_role("button", name="Record the vote").press("Enter")
    expect(page.get_by_text("8 of 12 members voted to veto; 8 needed, so the veto is carried.")).to_be_visible()


def test_opcc_staff_respond_form(page, live_server, axe, demo):  # noqa: F811
    rec = PanelReport.objects.get().recommendations.get(label="a")
    sign_in(page, live_server, "staff@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    _check(page, axe, f"{live_server.url}{reverse('panels:recommendation_respond', kwargs={'pk': rec.pk})}")

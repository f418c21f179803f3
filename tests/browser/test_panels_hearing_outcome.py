"""The hearing outcome screen in a real browser: one h1, no axe violations, usable with the keyboard."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from panels.models import ConfirmationHearing, Panel
from pcc_portal.accounts.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.panels.conftest import demo  # noqa: F401 - fixture
from tests.panels.factories import ConfirmationHearingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, axe, url: str) -> None:
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(axe, page)
    assert errors == []


def test_secretariat_records_a_chief_constable_veto(page, live_server, axe, demo):  # noqa: F811
    panel = Panel.objects.get(force_area__code="leicestershire")
    hearing = ConfirmationHearingFactory(panel=panel, candidate="Rob Nixon", notified_on=datetime.date(2026, 1, 5))
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    _open(page, axe, f"{live_server.url}{reverse('panels:hearing_outcome', kwargs={'pk': hearing.pk})}")
    page.get_by_label("Date the panel reported").fill("2026-01-27")
    page.get_by_label("Report and recommendation").fill("The panel **does not support** the appointment.")
    page.get_by_label("The panel vetoed the appointment").check()
    page.get_by_label("Members voting for the veto").fill("8")
    page.get_by_role("button", name="Save the outcome").press("Enter")
    expect(page.get_by_text("Outcome recorded: the panel vetoed the appointment on 27 January 2026.")).to_be_visible()
    expect(page.get_by_text("The statutory period was exceeded", exact=False)).to_be_visible()
    article = page.get_by_role("article", name="Chief Constable: Rob Nixon")
    expect(article.get_by_text("does not support", exact=True)).to_be_visible()
    assert_no_axe_violations(axe, page)


def test_a_refused_veto_shows_its_error_accessibly(page, live_server, axe, demo):  # noqa: F811
    panel = Panel.objects.get(force_area__code="leicestershire")
    hearing = ConfirmationHearingFactory(
        panel=panel, post=ConfirmationHearing.Post.CHIEF_EXECUTIVE, notified_on=datetime.date(2026, 1, 5)
    )
    sign_in(page, live_server, "secretariat@demo.pcc-portal.org.uk", DEMO_PASSWORD)
    _open(page, axe, f"{live_server.url}{reverse('panels:hearing_outcome', kwargs={'pk': hearing.pk})}")
    page.get_by_label("Date the panel reported").fill("2026-01-20")
    page.get_by_label("Report and recommendation").fill("Supported.")
    page.get_by_label("The panel vetoed the appointment").check()
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("The panel cannot veto this appointment (Chief executive)", exact=False)).to_be_visible()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(axe, page)

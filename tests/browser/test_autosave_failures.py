"""A failed autosave says "Not saved" and why, keeps the text in the browser and saves it later."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from commissioning.models import Round
from consultations.models import Consultation, Response
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.commissioning.factories import ApplicationFactory, RoundFactory, partner_of
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTOSAVE_URL = "**/respond/autosave/"


@pytest.fixture
def consultation(area, partner_user):
    organisation = OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])
    ContactFactory(user=partner_user, organisation=organisation)
    consultation = ConsultationFactory(force_area=area, invited=[organisation], title="Funding priorities")
    QuestionFactory(consultation=consultation, text="Your comments", mandatory=True, position=1)
    return consultation


def _open_response(page, live_server, partner_user, consultation):
    sign_in(page, live_server, partner_user.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('consultations:respond', args=[consultation.pk])}")
    return page.get_by_role("status").filter(has_text="saved")


def _saved_text() -> str:
    answer = Response.objects.get().answers.first()
    return answer.text if answer else ""


def test_offline_autosave_says_not_saved_then_saves_when_the_connection_returns(
    page, live_server, axe, partner_user, consultation
):
    status = _open_response(page, live_server, partner_user, consultation)
    page.context.set_offline(True)
    page.get_by_label("Your comments").fill("Prevention through partnership working.")

    status.filter(has_text="Not saved: you are offline").wait_for()
    assert _saved_text() == ""
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_no_axe_violations(axe, page)

    # A full-page save while offline says so too, and the page stays.
    page.get_by_role("button", name="Save draft").click()
    status.filter(has_text="Not saved: you are offline, so the form was not sent").wait_for()
    assert page.get_by_label("Your comments").input_value() == "Prevention through partnership working."

    page.context.set_offline(False)
    status.filter(has_text="Draft saved at").wait_for()
    assert _saved_text() == "Prevention through partnership working."
    assert page.evaluate("Object.keys(window.localStorage).length") == 0


def test_text_that_never_reached_the_portal_is_put_back_when_the_page_is_reopened(
    page, live_server, partner_user, consultation
):
    status = _open_response(page, live_server, partner_user, consultation)
    page.route(AUTOSAVE_URL, lambda route: route.abort())
    page.get_by_label("Your comments").fill("Words typed on a train.")
    status.filter(has_text="Not saved: the portal cannot be reached").wait_for()

    page.reload()

    assert page.get_by_label("Your comments").input_value() == "Words typed on a train."
    page.get_by_role("status").filter(has_text="Restored from this browser").wait_for()
    assert _saved_text() == ""
    page.unroute(AUTOSAVE_URL)
    # The backoff timer tries again without the user doing anything.
    page.get_by_role("status").filter(has_text="The text put back from this browser is now saved").wait_for()
    assert _saved_text() == "Words typed on a train."
    page.reload()
    assert "Restored" not in page.get_by_role("status").filter(has_text="saved").inner_text()


def test_a_server_error_is_shown_and_retried(page, live_server, partner_user, consultation):
    status = _open_response(page, live_server, partner_user, consultation)
    page.route(AUTOSAVE_URL, lambda route: route.fulfill(status=500, body="Server Error"))
    page.get_by_label("Your comments").fill("Kept through a server error.")
    status.filter(has_text="Not saved: the portal had a problem (error 500)").wait_for()
    page.unroute(AUTOSAVE_URL)
    status.filter(has_text="Draft saved at").wait_for()
    assert _saved_text() == "Kept through a server error."


def test_a_closed_consultation_says_it_is_closed_and_stops_trying(page, live_server, partner_user, consultation):
    status = _open_response(page, live_server, partner_user, consultation)
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.url.endswith("/respond/autosave/") else None)

    page.get_by_label("Your comments").fill("Too late.")

    status.filter(has_text="Not saved: This consultation closed on").wait_for()
    assert "Your answers were not saved" in status.inner_text()
    page.wait_for_timeout(2500)  # longer than the first retry would wait
    assert len(posts) == 1
    assert _saved_text() == ""


def test_grant_application_offline_autosave_is_kept_and_saved_later(page, live_server, axe, area):
    application = ApplicationFactory(round=RoundFactory(stream__force_area=area), title="Volunteer befrienders")
    partner = partner_of(application.organisation)
    sign_in(page, live_server, partner.email, PASSWORD)
    page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/edit/")
    status = page.get_by_role("status").filter(has_text="saved")

    page.context.set_offline(True)
    page.get_by_label("Summary").fill("Trained volunteers befriend repeat victims.")
    status.filter(has_text="Not saved: you are offline").wait_for()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_no_axe_violations(axe, page)

    page.context.set_offline(False)
    status.filter(has_text="Draft saved at").wait_for()
    application.refresh_from_db()
    assert application.summary == "Trained volunteers befriend repeat victims."


def test_grant_application_autosave_with_a_bad_amount_says_what_to_correct(page, live_server, area):
    application = ApplicationFactory(round=RoundFactory(stream__force_area=area), title="Volunteer befrienders")
    partner = partner_of(application.organisation)
    sign_in(page, live_server, partner.email, PASSWORD)
    page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/edit/")
    page.get_by_label("Amount requested (£)").fill("lots")
    page.get_by_role("status").filter(has_text="Not saved: Correct these fields").wait_for()
    assert "Amount requested" in page.get_by_role("status").filter(has_text="Not saved").inner_text()


def _open_application(page, live_server, area):
    application = ApplicationFactory(round=RoundFactory(stream__force_area=area), title="Volunteer befrienders")
    partner = partner_of(application.organisation)
    sign_in(page, live_server, partner.email, PASSWORD)
    page.goto(f"{live_server.url}/commissioning/applications/{application.pk}/edit/")
    return application


def test_grant_application_text_that_never_reached_the_portal_is_put_back_when_the_page_is_reopened(
    page, live_server, area
):
    application = _open_application(page, live_server, area)
    edit_url = f"**/commissioning/applications/{application.pk}/edit/"
    page.route(edit_url, lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    page.get_by_label("Summary").fill("Befriending written on a train.")
    expect(page.get_by_role("status")).to_contain_text("Not saved: the portal cannot be reached")

    page.reload()

    expect(page.get_by_label("Summary")).to_have_value("Befriending written on a train.")
    expect(page.get_by_role("status")).to_contain_text("Restored from this browser")
    page.unroute(edit_url)
    expect(page.get_by_role("status")).to_contain_text("The text put back from this browser is now saved")
    application.refresh_from_db()
    assert application.summary == "Befriending written on a train."


def test_grant_application_in_a_round_that_has_closed_says_so_and_stops_trying(page, live_server, area):
    application = _open_application(page, live_server, area)
    Round.objects.filter(pk=application.round_id).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    page.get_by_label("Summary").fill("Too late for this round.")

    expect(page.get_by_role("status")).to_contain_text("Not saved: The round has closed")
    page.wait_for_timeout(2500)  # longer than the first retry would wait
    assert len(posts) == 1
    application.refresh_from_db()
    assert application.summary != "Too late for this round."

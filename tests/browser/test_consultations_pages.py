import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations.models import Action, Response
from partners.models import SeniorityTier
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.consultations.factories import (
    ActionFactory,
    AnswerFactory,
    AttendeeFactory,
    ConsultationEventFactory,
    ConsultationFactory,
    FindingFactory,
    QuestionFactory,
    ResponseFactory,
    SessionFactory,
    ThemeFactory,
)
from tests.partners.factories import ContactFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_consultation(area, partner_user):
    organisation = OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])
    ContactFactory(user=partner_user, organisation=organisation)
    consultation = ConsultationFactory(force_area=area, public=True, invited=[organisation], title="Funding priorities")
    QuestionFactory(consultation=consultation, text="Your comments", mandatory=True, position=1)
    QuestionFactory(consultation=consultation, text="Rank the priorities?", single=True, position=2)
    QuestionFactory(consultation=consultation, text="How well does it fit?", rating=True, position=3)
    QuestionFactory(consultation=consultation, text="Which colours?", multiple=True, position=4)
    return consultation


def test_partner_draft_autosaves_and_survives_signing_out(page, live_server, axe, partner_user, open_consultation):
    errors, failed = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    sign_in(page, live_server, partner_user.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('consultations:respond', args=[open_consultation.pk])}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your response: Funding priorities")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Your comments").fill("Prevention through partnership working.")
    page.get_by_role("status").filter(has_text="Draft saved").wait_for()
    assert Response.objects.get().answers.get().text == "Prevention through partnership working."

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, partner_user.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('consultations:respond', args=[open_consultation.pk])}")
    assert page.get_by_label("Your comments").input_value() == "Prevention through partnership working."
    page.get_by_role("button", name="Submit on behalf of Voluntary Action Leicestershire").click()
    page.wait_for_url(f"{live_server.url}/consultations/responses/**")
    assert "Your reference is" in page.content()
    assert_no_axe_violations(axe, page)
    assert errors == []
    assert failed == []


def test_consultation_pages_for_staff_have_no_axe_violations(page, live_server, axe, staff_user, open_consultation):
    response = ResponseFactory(consultation=open_consultation, submitted=True)
    AnswerFactory(response=response, question=open_consultation.questions.first(), text="Some words")
    response.tags.create(theme=ThemeFactory(name="Communication"))
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for url in (
        reverse("consultations:list"),
        open_consultation.get_absolute_url(),
        reverse("consultations:analysis", args=[open_consultation.pk]),
        response.get_absolute_url(),
        reverse("consultations:create"),
    ):
        page.goto(f"{live_server.url}{url}")
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(axe, page)


def test_staff_tag_note_and_redact_a_response_through_its_forms(page, live_server, staff_user, open_consultation):
    response = ResponseFactory(consultation=open_consultation, submitted=True)
    answer = AnswerFactory(response=response, question=open_consultation.questions.first(), text="Ring Pat on Monday")
    theme = ThemeFactory(name="Communication")
    sign_in(page, live_server, staff_user.email, PASSWORD)
    page.goto(f"{live_server.url}{response.get_absolute_url()}")
    # A wrong excerpt is refused with the reason, and nothing is tagged.
    page.get_by_label("Theme").select_option(value=str(theme.pk))
    page.get_by_label("Question (optional)").select_option(label=answer.question.text)
    page.get_by_label("Excerpt").fill("words not in the answer")
    page.get_by_role("button", name="Tag theme").click()
    expect(page.get_by_text("Copy the excerpt exactly from the chosen answer.")).to_be_visible()
    assert not response.tags.exists()
    page.get_by_label("Theme").select_option(value=str(theme.pk))
    page.get_by_label("Excerpt").fill("Ring Pat")
    page.get_by_role("button", name="Tag theme").click()
    expect(page.get_by_text("Ring Pat", exact=True)).to_be_visible()
    page.get_by_label("Analyst note").fill("Follow up next week.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Follow up next week.")).to_be_visible()
    page.locator("#id_redaction_answer").select_option(label=answer.question.text)
    page.get_by_label("Phrase").fill("Pat")
    page.get_by_label("Reason").fill("A third party's name")
    page.get_by_role("button", name="Redact").click()
    expect(page.get_by_text("reason: A third party's name")).to_be_visible()
    assert response.tags.get().excerpt == "Ring Pat"
    assert response.notes.count() == 1 and response.redactions.count() == 1


def test_event_and_report_pages_have_no_axe_violations(page, live_server, axe, staff_user, area):
    event = ConsultationEventFactory(areas=[area], title="Deep Dive in Leicestershire")
    session = SessionFactory(event=event, title="Strategic Leaders Roundtable")
    AttendeeFactory(session=session, seniority=SeniorityTier.STRATEGIC_LEADER)
    AttendeeFactory(session=session, seniority=SeniorityTier.PRACTITIONER)
    FindingFactory(event=event, session=session, theme=ThemeFactory(group="Readiness", name="Transition boards"))
    ActionFactory(event=event)
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for url in (
        reverse("consultations:event_list"),
        event.get_absolute_url(),
        reverse("consultations:event_report", args=[event.pk]),
        reverse("consultations:event_record", args=[event.pk]),
        reverse("consultations:event_create"),
    ):
        page.goto(f"{live_server.url}{url}")
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(axe, page)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_text("mixes seniority tiers")).to_be_visible()


def test_public_pages_have_no_axe_violations(page, live_server, axe, open_consultation):
    page.goto(f"{live_server.url}{reverse('consultations:public_list')}")
    assert_no_axe_violations(axe, page)
    page.goto(f"{live_server.url}{reverse('consultations:public_detail', args=[open_consultation.pk])}")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("Answer this question before you submit.", exact=True)).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_no_axe_violations(axe, page)


def test_event_edit_screens_have_no_axe_violations_and_delete_asks_first(page, live_server, axe, staff_user, area):
    event = ConsultationEventFactory(areas=[area], title="Deep Dive in Leicestershire")
    session = SessionFactory(event=event, title="Strategic Leaders Roundtable")
    attendee = AttendeeFactory(session=session, seniority=SeniorityTier.STRATEGIC_LEADER)
    finding = FindingFactory(event=event, session=session, theme=ThemeFactory(group="Readiness", name="Boards"))
    action = ActionFactory(event=event, text="Publish FAQs.")
    sign_in(page, live_server, staff_user.email, PASSWORD)
    for name, obj in (("session", session), ("attendee", attendee), ("finding", finding), ("action", action)):
        page.goto(f"{live_server.url}{reverse(f'consultations:{name}_edit', args=[obj.pk])}")
        assert page.locator("h1").count() == 1, name
        assert_no_axe_violations(axe, page)
    page.goto(f"{live_server.url}{reverse('consultations:session_edit', args=[session.pk])}")
    expect(page.get_by_text("This session has 1 finding.")).to_be_visible()

    page.goto(f"{live_server.url}{reverse('consultations:action_edit', args=[action.pk])}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete action").click()
    assert Action.objects.filter(pk=action.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete action").click()
    page.wait_for_url(f"**{reverse('consultations:event_record', args=[event.pk])}")
    expect(page.get_by_text("Action deleted.")).to_be_visible()
    assert not Action.objects.filter(pk=action.pk).exists()

import re

import pytest
from django.core import mail
from django.urls import reverse

from consultations import services
from consultations.models import Response
from consultations.selectors import counted

from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def public_consultation(area):
    consultation = ConsultationFactory(force_area=area, public=True, title="Victims' services")
    QuestionFactory(consultation=consultation, text="What matters to you?", mandatory=True)
    return consultation


def _form(consultation, **extra):
    question = consultation.questions.get()
    return {
        "respondent_name": "Rita Resident",
        "respondent_email": "Rita@Example.org",
        question.field_name: "Faster support after a burglary.",
        **extra,
    }


def _send(client, consultation, **extra):
    return client.post(reverse("consultations:public_detail", args=[consultation.pk]), _form(consultation, **extra))


def _confirm_link() -> str:
    match = re.search(r"http\S+/consultations/public/confirm/(\S+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return reverse("consultations:public_confirm", args=[match.group(1)])


def test_public_response_counts_only_after_its_email_is_confirmed(
    client, public_consultation, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = _send(client, public_consultation)
    assert page.status_code == 200
    assert "Check your email" in page.content.decode()
    response = Response.objects.get()
    assert response.status == Response.Status.AWAITING_CONFIRMATION
    assert counted(public_consultation.responses.all()).count() == 0
    client.force_login(staff_user)
    analysis = client.get(reverse("consultations:analysis", args=[public_consultation.pk])).content.decode()
    assert "0 responses counted" in analysis
    assert "1 public response awaiting email confirmation" in analysis
    client.logout()

    assert mail.outbox[0].to == ["rita@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(_confirm_link())
    assert confirmed.status_code == 200
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.reference in confirmed.content.decode()
    assert counted(public_consultation.responses.all()).count() == 1
    assert mail.outbox[-1].subject.startswith(f"Response received ({response.reference})")

    client.force_login(staff_user)
    analysis = client.get(reverse("consultations:analysis", args=[public_consultation.pk])).content.decode()
    assert "1 response counted" in analysis


def test_confirming_twice_is_harmless(client, public_consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, public_consultation)
    link = _confirm_link()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(link)
    assert again.status_code == 200
    assert Response.objects.get().status == Response.Status.SUBMITTED
    assert len(mail.outbox) == 2  # the confirmation request and one receipt


def test_tampered_confirmation_link_is_refused(client, public_consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, public_consultation)
    page = client.get(_confirm_link()[:-3] + "xyz/")
    assert page.status_code == 400
    assert "not valid" in page.content.decode()
    assert Response.objects.get().status == Response.Status.AWAITING_CONFIRMATION


def test_public_response_with_missing_answer_shows_the_error_and_saves_nothing(client, public_consultation):
    question = public_consultation.questions.get()
    page = _send(client, public_consultation, **{question.field_name: ""})
    assert "Answer this question before you submit." in page.content.decode()
    assert not Response.objects.exists()


def test_public_responses_are_rate_limited(client, public_consultation):
    for _ in range(services.PUBLIC_RESPONSE_LIMIT):
        assert _send(client, public_consultation).status_code == 200
    refused = _send(client, public_consultation)
    assert refused.status_code == 429
    assert "Too many responses" in refused.content.decode()
    assert Response.objects.count() == services.PUBLIC_RESPONSE_LIMIT


def test_honeypot_field_blocks_simple_bots(client, public_consultation):
    _send(client, public_consultation, website="http://spam.example")
    assert not Response.objects.exists()


def test_closed_public_consultation_takes_no_response(client, area):
    consultation = ConsultationFactory(force_area=area, public=True, closed=True)
    QuestionFactory(consultation=consultation)
    page = client.post(reverse("consultations:public_detail", args=[consultation.pk]), _form(consultation))
    assert "has closed" in page.content.decode()
    assert not Response.objects.exists()


def test_invited_only_consultation_is_not_public(client, area):
    consultation = ConsultationFactory(force_area=area)
    assert client.get(reverse("consultations:public_detail", args=[consultation.pk])).status_code == 404
    assert client.get(consultation.get_absolute_url()).status_code == 302  # sign in first


def test_public_list_shows_only_published_public_consultations(client, area, public_consultation):
    hidden = ConsultationFactory(force_area=area, public=True, draft=True)
    invited = ConsultationFactory(force_area=area)
    text = client.get(reverse("consultations:public_list")).content.decode()
    assert public_consultation.title.replace("'", "&#x27;") in text
    assert hidden.title not in text
    assert invited.title not in text


def test_public_response_on_behalf_of_an_organisation_records_its_name(client, public_consultation):
    _send(client, public_consultation, responding_as="organisation", organisation_name="Blaby Neighbourhood Watch")
    response = Response.objects.get()
    assert response.respondent_organisation == "Blaby Neighbourhood Watch"
    assert response.respondent == "Blaby Neighbourhood Watch"


def test_organisation_name_is_needed_when_responding_for_one(client, public_consultation):
    page = _send(client, public_consultation, responding_as="organisation", organisation_name=" ")
    html = page.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_organisation_name">Name of the organisation or group: Enter the name' in html
    assert not Response.objects.exists()


def test_an_individuals_response_keeps_no_organisation_name(client, public_consultation):
    _send(client, public_consultation, responding_as="individual", organisation_name="Typed by mistake")
    assert Response.objects.get().respondent_organisation == ""


def test_error_summary_links_each_field_and_the_form_links_the_privacy_notice(client, public_consultation):
    question = public_consultation.questions.get()
    page = _send(client, public_consultation, respondent_email="not an email", **{question.field_name: ""})
    html = page.content.decode()
    assert html.index("There is a problem") < html.index("<h1>")
    assert '<a href="#id_respondent_email">Your email address: Enter a valid email address.</a>' in html
    link = f'<a href="#id_{question.field_name}">{question.position}. What matters to you?: Answer this question'
    assert link in html
    assert '<a href="/privacy/">privacy notice</a>' in html
    assert "<title>Error: " in html

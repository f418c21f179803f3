"""Candidates register on a public form, confirm by a single-use link and ask through a personal link."""

import pytest
from django.core import mail
from django.urls import reverse

from handover import services
from handover.models import Candidate, Question

from .factories import BriefingFactory, CandidateFactory

pytestmark = pytest.mark.django_db

VALID = {"name": "Ada Candidate", "email": "ada@example.org", "standing_as": "party", "party": "Example Party"}


@pytest.fixture
def briefing(area):
    return BriefingFactory(force_area=area, published=True)


def _register_url(briefing):
    return reverse("handover:candidate_register", args=[briefing.pk])


def _link(message, marker):
    line = next(line for line in message.body.splitlines() if marker in line)
    return line[line.index("/handover/") :].strip()


def test_a_candidate_registers_confirms_once_and_asks(client, briefing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_register_url(briefing), VALID)
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    candidate = Candidate.objects.get()
    assert candidate.status == Candidate.Status.AWAITING_CONFIRMATION and candidate.standing_for == "Example Party"
    confirm_path = _link(mail.outbox[0], "/candidates/confirm/")

    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    assert "Confirm my registration" in client.get(confirm_path).content.decode()
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.AWAITING_CONFIRMATION
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_path).status_code == 200
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.CONFIRMED
    again = client.post(confirm_path)
    assert again.status_code == 400 and "already been used" in again.content.decode()
    assert len(mail.outbox) == 2  # the confirmation request and one welcome

    home = _link(mail.outbox[1], "/candidates/me/")
    response = client.post(home, {"text": "What does the office cost?"}, follow=True)
    assert "What does the office cost?" in response.content.decode()
    assert Question.objects.get().candidate == candidate
    response = client.post(home, {"text": "  "})
    assert response.status_code == 400 and "Enter your question" in response.content.decode()
    assert Question.objects.count() == 1


def test_an_independent_needs_no_party_but_a_party_candidate_does(client, briefing):
    response = client.post(_register_url(briefing), {**VALID, "party": ""})
    assert response.status_code == 400 and "Enter the party" in response.content.decode()
    assert not Candidate.objects.exists()
    client.post(_register_url(briefing), {**VALID, "standing_as": "independent", "party": "Ignored"})
    assert Candidate.objects.get().standing_for == "Independent"


@pytest.mark.parametrize(
    "data, message",
    [
        ({**VALID, "email": "not-an-email"}, "Enter a valid email address"),
        ({**VALID, "name": ""}, "This field is required"),
        ({**VALID, "standing_as": "robot"}, "Select a valid choice"),
        ({**VALID, "name": "x" * 151}, "at most 150 characters"),
    ],
)
def test_bad_input_gives_a_form_error_and_saves_nothing(client, briefing, data, message):
    response = client.post(_register_url(briefing), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Candidate.objects.exists() and not mail.outbox


def test_the_same_email_registers_once_per_briefing(client, briefing):
    CandidateFactory(briefing=briefing, email="ada@example.org")
    response = client.post(_register_url(briefing), {**VALID, "email": "ADA@example.org"})
    assert response.status_code == 400 and "already registered" in response.content.decode()
    assert Candidate.objects.count() == 1


def test_a_filled_honeypot_is_refused_and_it_is_hidden_from_everyone(client, briefing):
    html = client.get(_register_url(briefing)).content.decode()
    assert '<div hidden aria-hidden="true">' in html and 'tabindex="-1"' in html
    response = client.post(_register_url(briefing), {**VALID, "website": "http://spam.example"})
    assert response.status_code == 400 and "could not be accepted" in response.content.decode()
    assert not Candidate.objects.exists()


def test_registrations_are_rate_limited_per_address(client, briefing):
    for n in range(services.REGISTRATION_LIMIT):
        client.post(_register_url(briefing), {**VALID, "email": f"c{n}@example.org"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(_register_url(briefing), {**VALID, "email": "late@example.org"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429 and "Too many registrations" in response.content.decode()
    assert Candidate.objects.count() == services.REGISTRATION_LIMIT
    other = client.post(_register_url(briefing), {**VALID, "email": "else@example.org"}, REMOTE_ADDR="10.2.2.2")
    assert other.status_code == 200


def test_a_tampered_or_foreign_token_is_refused(client, briefing):
    candidate = CandidateFactory(briefing=briefing)
    token = services.confirmation_token(candidate)
    response = client.post(reverse("handover:candidate_confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400 and "not valid" in response.content.decode()
    # A confirmation token is not a personal link, and vice versa.
    assert client.get(reverse("handover:candidate_home", args=[token])).status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.AWAITING_CONFIRMATION


def test_a_withdrawn_or_unconfirmed_candidate_cannot_ask(client, briefing):
    for candidate in (CandidateFactory(briefing=briefing, withdrawn=True), CandidateFactory(briefing=briefing)):
        url = reverse("handover:candidate_home", args=[services.access_token(candidate)])
        assert client.post(url, {"text": "Let me in"}).status_code == 404
    assert not Question.objects.exists()


def test_an_unpublished_briefing_takes_no_registrations(client, area):
    draft = BriefingFactory(force_area=area)
    assert client.post(_register_url(draft), VALID).status_code == 404
    assert not Candidate.objects.exists()

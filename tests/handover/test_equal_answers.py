"""An answer reaches every confirmed candidate of the briefing once, and nobody else."""

import pytest
from django.core import mail

from handover import services
from handover.models import AnswerDelivery, Candidate
from handover.tasks import deliver_answer
from tests.accounts.factories import UserFactory

from .factories import AnswerFactory, BriefingFactory, CandidateFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def briefing(area):
    return BriefingFactory(force_area=area, published=True)


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_three_candidates_each_get_the_answer_exactly_once(
    briefing, staff_user, other_area, django_capture_on_commit_callbacks
):
    candidates = [CandidateFactory(briefing=briefing, confirmed=True) for _ in range(3)]
    other_briefing = BriefingFactory(force_area=other_area, published=True)
    outsider = CandidateFactory(briefing=other_briefing, confirmed=True)
    unconfirmed = CandidateFactory(briefing=briefing)
    withdrawn = CandidateFactory(briefing=briefing, withdrawn=True)
    question = QuestionFactory(candidate=candidates[1], briefing=briefing, text="Who funds victim services?")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_give(user=staff_user, question=question, text="The Commissioner, from April 2013.")

    assert _recipients() == sorted(c.email for c in candidates)
    assert all("Who funds victim services?" in m.body and "from April 2013" in m.body for m in mail.outbox)
    assert all(candidates[1].name not in m.body for m in mail.outbox if candidates[1].email not in m.to)
    assert outsider.email not in _recipients()
    assert unconfirmed.email not in _recipients() and withdrawn.email not in _recipients()

    deliver_answer(answer.pk)
    deliver_answer.delay(answer.pk)
    assert len(mail.outbox) == 3
    assert AnswerDelivery.objects.filter(answer=answer, sent_at__isnull=False).count() == 3


def test_a_failed_send_is_retried_without_repeating_the_sent_ones(briefing, staff_user, monkeypatch):
    candidates = [CandidateFactory(briefing=briefing, confirmed=True) for _ in range(3)]
    answer = AnswerFactory(question=QuestionFactory(candidate=candidates[0], briefing=briefing))
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("SMTP down")
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with pytest.raises(ConnectionError):
        services.answer_deliver(answer_id=answer.pk)
    assert len(mail.outbox) == 1
    services.answer_deliver(answer_id=answer.pk)
    assert sorted(_recipients()) == sorted(c.email for c in candidates)


def test_an_answer_cannot_be_given_twice_only_corrected(briefing, staff_user):
    question = QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True), briefing=briefing)
    services.answer_give(user=staff_user, question=question, text="First answer.")
    with pytest.raises(Exception, match="cannot be changed"):
        services.answer_give(user=staff_user, question=question, text="Second answer.")
    correction = services.answer_give(user=staff_user, question=question, text="Corrected.", correction=True)
    assert correction.is_correction
    assert list(question.answers.values_list("text", flat=True)) == ["First answer.", "Corrected."]


def test_a_later_candidate_gets_earlier_answers_in_the_welcome_digest_once(
    briefing, staff_user, client, django_capture_on_commit_callbacks
):
    early = CandidateFactory(briefing=briefing, confirmed=True)
    question = QuestionFactory(candidate=early, briefing=briefing, text="What is the precept?")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_give(user=staff_user, question=question, text="It is set each February.")
    assert _recipients() == [early.email]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        late = services.candidate_register(
            briefing=briefing, name="Late Comer", email="Late@Example.org", party="", client_ip="10.0.0.1"
        )
    confirm = mail.outbox[-1]
    assert confirm.to == ["late@example.org"]
    url = next(line for line in confirm.body.splitlines() if "/handover/candidates/confirm/" in line)
    path = url.split("testserver")[-1] if "testserver" in url else url[url.index("/handover/") :]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    welcome = mail.outbox[-1]
    assert "Registration confirmed" in welcome.subject
    assert "What is the precept?" in welcome.body and "It is set each February." in welcome.body
    assert "Early" not in welcome.body and early.name not in welcome.body

    # The answer's own task running late sends the late candidate nothing more.
    services.answer_deliver(answer_id=question.answers.get().pk)
    assert [m.to for m in mail.outbox].count(["late@example.org"]) == 2  # confirm + welcome
    late.refresh_from_db()
    assert late.status == Candidate.Status.CONFIRMED


def test_staff_of_another_area_cannot_answer(briefing, other_area_staff):
    question = QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True), briefing=briefing)
    with pytest.raises(Exception, match="may not"):
        services.answer_give(user=other_area_staff, question=question, text="No.")
    assert not question.answers.exists()


def test_panel_secretariat_cannot_answer(briefing, area):
    question = QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True), briefing=briefing)
    secretariat = UserFactory(panel_secretariat=True, areas=[area])
    with pytest.raises(Exception, match="may not"):
        services.answer_give(user=secretariat, question=question, text="No.")


@pytest.mark.worker
def test_a_real_worker_sends_each_candidate_the_answer_once_even_when_run_twice(celery_worker_thread, area):
    briefing = BriefingFactory(force_area=area, published=True)
    candidates = [CandidateFactory(briefing=briefing, confirmed=True) for _ in range(3)]
    answer = AnswerFactory(question=QuestionFactory(candidate=candidates[0], briefing=briefing))
    assert deliver_answer.delay(answer.pk).get(timeout=60) == 3
    assert deliver_answer.delay(answer.pk).get(timeout=60) == 0
    assert _recipients() == sorted(c.email for c in candidates)

import pytest
from django.core import mail

from consultations.models import FeedbackDelivery, ReceiptDelivery, Response
from consultations.tasks import send_event_feedback, send_response_email
from tests.partners.factories import ContactFactory

from .factories import AttendeeFactory, ConsultationEventFactory, ResponseFactory, SessionFactory


def _event_with_participants(area):
    event = ConsultationEventFactory(areas=[area], feedback_summary="Key points.")
    session = SessionFactory(event=event)
    for email in ("a@partner.example.org", "b@partner.example.org"):
        contact = ContactFactory(email=email)
        AttendeeFactory(session=session, organisation=contact.organisation, contact=contact)
    return event


@pytest.mark.django_db
def test_feedback_task_run_twice_sends_once(area):
    event = _event_with_participants(area)
    assert send_event_feedback.delay(event.pk).get() == 2
    assert send_event_feedback.delay(event.pk).get() == 0
    assert len(mail.outbox) == 2
    assert FeedbackDelivery.objects.filter(event=event, sent_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_receipt_task_run_twice_sends_once(partner_user, area):
    response = ResponseFactory(submitted=True, submitted_by=partner_user)
    assert send_response_email.delay(response.pk, ReceiptDelivery.Kind.RECEIPT).get() == 1
    assert send_response_email.delay(response.pk, ReceiptDelivery.Kind.RECEIPT).get() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_send_is_retried_later(area, monkeypatch):
    event = _event_with_participants(area)

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("consultations.services.send_mail", broken)
    from celery.exceptions import Retry

    with pytest.raises(Retry):  # the task asks Celery to try again later
        send_event_feedback.apply(args=[event.pk], throw=True)
    assert not FeedbackDelivery.objects.filter(sent_at__isnull=False).exists()
    monkeypatch.undo()
    assert send_event_feedback.delay(event.pk).get() == 2


@pytest.mark.worker
def test_feedback_summary_goes_out_through_a_real_worker(celery_worker_thread, area):
    event = _event_with_participants(area)
    assert send_event_feedback.delay(event.pk).get(timeout=60) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@partner.example.org", "b@partner.example.org"]
    assert Response.objects.count() == 0

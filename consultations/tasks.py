"""Background jobs: each takes ids, calls one service, and is safe to run twice (ledger rows)."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_response_email(response_id: int, kind: str) -> int:
    return services.response_email_send(response_id=response_id, kind=kind)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_event_feedback(event_id: int) -> int:
    return services.event_feedback_send(event_id=event_id)

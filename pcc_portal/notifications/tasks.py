from celery import shared_task

from .services import digests_send, notification_event_deliver


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=60, max_retries=5)
def deliver_notification(kind: str, object_id: int) -> int:
    """Tell the people concerned of one event, once each (safe to run twice); return how many were told."""
    return notification_event_deliver(kind=kind, object_id=object_id)


@shared_task(acks_late=True)
def send_daily_digests() -> dict:
    """Send each person's daily digest once a day (run hourly; idempotent through the digest ledger)."""
    return digests_send().as_dict()

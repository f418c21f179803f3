from celery import shared_task

from .services import bulletin_send, bulletins_publish_due


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_bulletin(bulletin_id: int) -> int:
    """Email a published bulletin to its recipients; safe to run again (ledger)."""
    return bulletin_send(bulletin_id=bulletin_id)


@shared_task
def publish_due_bulletins() -> int:
    """Publish scheduled bulletins whose time has come."""
    return bulletins_publish_due()

"""Background jobs: each takes ids, calls one service, and is safe to run twice (ledger rows)."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_application_receipt(application_id: int) -> int:
    return services.application_receipt_send(application_id=application_id)


@shared_task
def rebuild_spend_totals() -> int:
    """Fold the day's spend entries into one per key (the totals stay right without it; reads stay short)."""
    return services.spend_totals_rebuild()

from celery import shared_task

from .services import escalate_all_due, escalate_unassigned


@shared_task
def escalate_programme(programme_id: int) -> bool:
    """Escalate a programme's rows without a receiver to its lead; once only (ledger)."""
    return escalate_unassigned(programme_id=programme_id)


@shared_task
def escalate_due_programmes() -> int:
    """Daily: escalate every programme within 90 days of transfer that still has unnamed rows."""
    return escalate_all_due()

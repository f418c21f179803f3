from celery import shared_task

from .services import account_invitation_send


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_account_invitation(invitation_id: int) -> bool:
    """Email a new user's invitation; safe to run again (the ledger)."""
    return account_invitation_send(invitation_id=invitation_id)

from celery import shared_task

from .services import answer_deliver, candidate_email_send


@shared_task(acks_late=True)
def deliver_answer(answer_id: int) -> int:
    """Send an answer to every confirmed candidate of its briefing, each exactly once (the ledger)."""
    return answer_deliver(answer_id=answer_id)


@shared_task(acks_late=True)
def send_candidate_email(candidate_id: int, kind: str) -> int:
    """Send a candidate's confirmation request or welcome, once."""
    return candidate_email_send(candidate_id=candidate_id, kind=kind)

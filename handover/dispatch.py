"""The one place that queues this app's tasks, so services never import tasks at module level."""


def answer_delivery(answer_id: int) -> None:
    from .tasks import deliver_answer

    deliver_answer.delay(answer_id)


def candidate_email(candidate_id: int, kind: str) -> None:
    from .tasks import send_candidate_email

    send_candidate_email.delay(candidate_id, kind)

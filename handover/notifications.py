"""What handover tells portal users (pcc_portal.notifications): a candidate's question answered.

The candidates themselves have no portal account: each answer reaches every
confirmed candidate once by email through handover's own ledger
(AnswerDelivery). In the portal the area's OPCC staff are told, since what is
said to one candidate is said to all and the whole office must know it.
"""

from django.utils.text import Truncator

from pcc_portal.accounts.selectors import opcc_staff_in_area
from pcc_portal.notifications.registry import Event, NotificationKind

from .models import Answer


def answer_event(answer_id: int) -> Event | None:
    answer = Answer.objects.select_related("question__briefing").filter(pk=answer_id).first()
    if answer is None:
        return None
    briefing = answer.question.briefing
    what = "Correction to the answer" if answer.is_correction else "Answered"
    return Event(
        key=f"handover.answer:{answer.pk}",
        title=f"{what}: candidates' question “{Truncator(answer.question.text).chars(80)}”",
        url=f"{briefing.get_absolute_url()}#q-{answer.question_id}",
        recipient_ids=frozenset(opcc_staff_in_area(briefing.force_area_id).values_list("pk", flat=True)),
        area_id=briefing.force_area_id,
        summary=Truncator(answer.text).chars(400),
        actor_id=answer.answered_by_id,
    )


def _demo_answers() -> list[int]:
    return list(Answer.objects.order_by("-answered_at").values_list("pk", flat=True)[:1])


def kinds() -> list[NotificationKind]:
    return [
        NotificationKind(
            "handover.answer", "A question answered (candidates' briefing)", answer_event, 60, _demo_answers
        )
    ]

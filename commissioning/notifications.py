"""What commissioning tells people (pcc_portal.notifications): the decision on an application."""

from pcc_portal.notifications.registry import Event, NotificationKind

from .models import Decision
from .selectors import partner_user_ids


def decision_event(decision_id: int) -> Event | None:
    """The decision goes to the portal users of the applicant organisation, and to nobody else."""
    decision = (
        Decision.objects.select_related("application__organisation", "application__round__stream")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return None
    application = decision.application
    outcome = {
        Decision.Outcome.AWARD: f"awarded £{(decision.amount_pence or 0) / 100:,.2f}",
        Decision.Outcome.DECLINE: "declined",
        Decision.Outcome.DEFER: "deferred",
    }[decision.outcome]
    return Event(
        key=f"commissioning.decision:{decision.pk}",
        title=f"Decision on your application “{application.title}”: {outcome}",
        url=application.get_absolute_url(),
        recipient_ids=partner_user_ids(application.organisation_id),
        area_id=application.round.stream.force_area_id,
        summary=f"Decision {decision.reference}. Reasons: {decision.reasons[:400]}",
        actor_id=decision.decided_by_id,
    )


def _demo_decisions() -> list[int]:
    with_users = Decision.objects.filter(application__organisation__contacts__user__isnull=False)
    return list(with_users.order_by("-decided_at").values_list("pk", flat=True).distinct()[:2])


def kinds() -> list[NotificationKind]:
    return [
        NotificationKind(
            "commissioning.decision", "A decision on your application", decision_event, 50, _demo_decisions
        )
    ]

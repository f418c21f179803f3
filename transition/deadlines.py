"""Transition milestones and risk reviews in the portal's deadline registry and calendar feeds."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.db.models import Q

from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines.registry import LONDON, CalendarEvent, Deadline, due_at

from .models import Milestone, Risk


def _area_staff_ids(area_ids: set[int]) -> dict[int, set[int]]:
    staff: dict[int, set[int]] = {}
    rows = User.force_areas.through.objects.filter(
        forcearea_id__in=area_ids, user__role=Role.OPCC_STAFF, user__is_active=True
    ).values_list("forcearea_id", "user_id")
    for area_id, user_id in rows:
        staff.setdefault(area_id, set()).add(user_id)
    return staff


def _scope(qs, user):
    """Keep what is addressed to the user: staff of the programme's area, or the item's owner."""
    if user is None:
        return qs
    staff_areas = list(user.area_ids) if user.role == Role.OPCC_STAFF else []
    return qs.filter(Q(programme__force_area_id__in=staff_areas) | Q(owner=user))


def transition_deadlines(*, start: datetime, end: datetime, user=None) -> Iterator[Deadline]:
    """Yield open milestones and the next review of open risks due in [start, end)."""
    if user is not None and not (user.is_authenticated and user.is_active):
        return
    milestones = _scope(
        Milestone.objects.filter(is_done=False, due_on__gte=start.date(), due_on__lt=end.date()), user
    ).select_related("programme", "owner")
    risks = _scope(
        Risk.objects.filter(next_review_on__gte=start.date(), next_review_on__lt=end.date()).exclude(
            status=Risk.Status.CLOSED
        ),
        user,
    ).select_related("programme", "owner")
    milestones, risks = list(milestones), list(risks)
    staff = _area_staff_ids(
        {m.programme.force_area_id for m in milestones} | {r.programme.force_area_id for r in risks}
    )
    for milestone in milestones:
        programme = milestone.programme
        recipients = set(staff.get(programme.force_area_id, set()))
        if milestone.owner_id:
            recipients.add(milestone.owner_id)
        yield Deadline(
            key=f"transition.milestone:{milestone.pk}",
            kind="transition.milestone",
            kind_label="Statutory transition milestone" if milestone.is_statutory else "Transition milestone",
            title=f"{milestone.title} ({programme.name})",
            due=due_at(milestone.due_on),
            url=milestone.get_absolute_url(),
            area_id=programme.force_area_id,
            responsible=str(milestone.owner) if milestone.owner_id else "OPCC",
            recipient_ids=frozenset(recipients),
            escalate_to_ids=frozenset({programme.lead_id} if programme.lead_id else set()),
        )
    for risk in risks:
        programme = risk.programme
        recipients = set(staff.get(programme.force_area_id, set()))
        if risk.owner_id:
            recipients.add(risk.owner_id)
        yield Deadline(
            key=f"transition.risk_review:{risk.pk}",
            kind="transition.risk_review",
            kind_label="Transition risk review",
            title=f"Review {risk.get_kind_display().lower()}: {risk.title} ({programme.name})",
            due=due_at(risk.next_review_on),
            url=risk.get_absolute_url(),
            area_id=programme.force_area_id,
            responsible=str(risk.owner) if risk.owner_id else "OPCC",
            recipient_ids=frozenset(recipients),
            escalate_to_ids=frozenset({programme.lead_id} if programme.lead_id else set()),
        )


def milestone_events(*, start: datetime, end: datetime, user=None) -> Iterator[CalendarEvent]:
    """Milestones as calendar events for readers who are not reminded of them (panel, successor officers).

    OPCC staff get milestones as deadlines already; the public feed carries panel meetings only.
    """
    if user is None or not (user.is_authenticated and user.is_active):
        return
    if user.role not in {Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.SUCCESSOR_OFFICER}:
        return
    milestones = Milestone.objects.filter(
        programme__force_area_id__in=list(user.area_ids), due_on__gte=start.date(), due_on__lt=end.date()
    ).select_related("programme")
    for milestone in milestones:
        begin = datetime.combine(milestone.due_on, time(9, 0), tzinfo=LONDON)
        yield CalendarEvent(
            key=f"transition.milestone:{milestone.pk}",
            title=f"{milestone.title} ({milestone.programme.name})",
            start=begin,
            end=begin + timedelta(hours=1),
            url=milestone.get_absolute_url(),
            area_id=milestone.programme.force_area_id,
            description="Statutory milestone" if milestone.is_statutory else "Transition milestone",
        )

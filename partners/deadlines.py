"""Partner deadlines for the portal's registry: follow-up actions due, bulletins scheduled."""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Q

from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines.registry import Deadline, due_at

from .models import Bulletin, FollowUpAction


def _area_staff_ids(area_ids: set[int]) -> dict[int, set[int]]:
    staff: dict[int, set[int]] = {}
    rows = User.force_areas.through.objects.filter(
        forcearea_id__in=area_ids, user__role=Role.OPCC_STAFF, user__is_active=True
    ).values_list("forcearea_id", "user_id")
    for area_id, user_id in rows:
        staff.setdefault(area_id, set()).add(user_id)
    return staff


def partner_deadlines(*, start: datetime, end: datetime, user=None) -> Iterator[Deadline]:
    actions = FollowUpAction.objects.filter(
        status=FollowUpAction.Status.OPEN, due_on__gte=start.date(), due_on__lt=end.date()
    ).select_related("engagement")
    bulletins = Bulletin.objects.filter(
        status=Bulletin.Status.SCHEDULED, scheduled_for__gte=start, scheduled_for__lt=end
    ).select_related("publisher")
    if user is not None:
        from .selectors import actions_visible_to, bulletins_managed_by

        actions = actions.filter(pk__in=actions_visible_to(user).values("pk")).filter(
            Q(owner_user=user) | Q(owner_user__isnull=True)
        )
        bulletins = bulletins.filter(pk__in=bulletins_managed_by(user).values("pk"))
    actions, bulletins = list(actions), list(bulletins)
    staff = _area_staff_ids({a.engagement.force_area_id for a in actions} | {b.force_area_id for b in bulletins})
    for action in actions:
        recipients = (
            {action.owner_user_id} if action.owner_user_id else staff.get(action.engagement.force_area_id, set())
        )
        yield Deadline(
            key=f"partners.action:{action.pk}",
            kind="partners.action",
            kind_label="Follow-up action due",
            title=f"{action.description} ({action.engagement.title})",
            due=due_at(action.due_on),
            url=action.engagement.get_absolute_url(),
            area_id=action.engagement.force_area_id,
            responsible=action.owner,
            recipient_ids=frozenset(recipients),
            escalate_to_ids=frozenset(staff.get(action.engagement.force_area_id, set())),
        )
    for bulletin in bulletins:
        yield Deadline(
            key=f"partners.bulletin:{bulletin.pk}",
            kind="partners.bulletin",
            kind_label="Bulletin scheduled",
            title=bulletin.title,
            due=bulletin.scheduled_for,
            url=bulletin.get_absolute_url(),
            area_id=bulletin.force_area_id,
            responsible=bulletin.publisher.name,
            recipient_ids=frozenset(staff.get(bulletin.force_area_id, set())),
        )

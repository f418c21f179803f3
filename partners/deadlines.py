"""Partner deadlines and calendar events for the portal's registry."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.db.models import CharField, DateTimeField, F, IntegerField, Q, Value

from pcc_portal.accounts.models import Role
from pcc_portal.deadlines.recipients import staff_by_area
from pcc_portal.deadlines.registry import LONDON, CalendarEvent, Deadline, due_at

from .models import Bulletin, BulletinEvent, Engagement, FollowUpAction, Organisation


def partner_deadlines(
    *, start: datetime, end: datetime, user=None, area_id: int | None = None, recipients: bool = True
) -> Iterator[Deadline]:
    actions = (
        FollowUpAction.objects.filter(
            status=FollowUpAction.Status.OPEN, due_on__gte=start.date(), due_on__lt=end.date()
        )
        .select_related("engagement")
        .only(
            "description",
            "owner",
            "owner_user_id",
            "due_on",
            "engagement__id",
            "engagement__title",
            "engagement__force_area_id",
        )
    )
    bulletins = Bulletin.objects.filter(
        status=Bulletin.Status.SCHEDULED, scheduled_for__gte=start, scheduled_for__lt=end
    ).select_related("publisher")
    if user is not None:
        from .selectors import bulletins_managed_by, managed_area_ids_of

        # The same scope as actions_visible_to(user), as a plain list of area
        # ids: nested subqueries made this the slowest part of every dashboard.
        area_ids = managed_area_ids_of(user)
        if area_ids is not None:
            actions = actions.filter(engagement__force_area_id__in=area_ids)
        # An action without an owner, and a bulletin, remind the area's OPCC staff: an administrator
        # who is not one of them is reminded only of the actions they own, not of every area's.
        staff_areas = user.area_ids if user.role == Role.OPCC_STAFF else frozenset()
        unowned_of_own_areas = Q(owner_user__isnull=True, engagement__force_area_id__in=staff_areas)
        actions = actions.filter(Q(owner_user=user) | unowned_of_own_areas)
        bulletins = bulletins.filter(pk__in=bulletins_managed_by(user).values("pk"), force_area_id__in=staff_areas)
    if area_id is not None:
        actions = actions.filter(engagement__force_area_id=area_id)
        bulletins = bulletins.filter(force_area_id=area_id)
    actions, bulletins = _actions_and_bulletins(actions, bulletins)
    areas = {a.engagement.force_area_id for a in actions} | {b.force_area_id for b in bulletins}
    staff = staff_by_area(areas, user=user) if recipients else {}
    for action in actions:
        recipients = (
            {action.owner_user_id} if action.owner_user_id else staff.get(action.engagement.force_area_id, frozenset())
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
            escalate_to_ids=staff.get(action.engagement.force_area_id, frozenset()),
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
            recipient_ids=staff.get(bulletin.force_area_id, frozenset()),
        )


def _actions_and_bulletins(actions, bulletins) -> tuple[list[FollowUpAction], list[Bulletin]]:
    """Return the actions and the bulletins from one query: rows of the same columns (a UNION), made back into
    model objects with what the deadlines read, so the titles stay written by the models themselves."""
    no_number = Value(None, output_field=IntegerField())
    action_rows = actions.values(
        "pk",
        source_=Value("action"),
        area_=F("engagement__force_area_id"),
        text_=F("description"),
        more_text_=F("engagement__title"),
        owner_=F("owner"),
        label_=Value("", output_field=CharField()),
        number_=F("owner_user_id"),
        ref_=F("engagement_id"),
        on_=F("due_on"),
        at_=Value(None, output_field=DateTimeField()),
    )
    bulletin_rows = bulletins.values(
        "pk",
        source_=Value("bulletin"),
        area_=F("force_area_id"),
        text_=F("series_title"),
        more_text_=F("issue_label"),
        owner_=F("publisher__name"),
        label_=F("date_label"),
        number_=F("number"),
        ref_=no_number,
        on_=F("issue_date"),
        at_=F("scheduled_for"),
    )
    found_actions, found_bulletins = [], []
    for row in action_rows.order_by().union(bulletin_rows.order_by(), all=True):
        if row["source_"] == "action":
            action = FollowUpAction(pk=row["pk"], description=row["text_"], owner=row["owner_"],
                                    owner_user_id=row["number_"], due_on=row["on_"])  # fmt: skip
            action.engagement = Engagement(pk=row["ref_"], title=row["more_text_"], force_area_id=row["area_"])
            found_actions.append(action)
        else:
            bulletin = Bulletin(pk=row["pk"], series_title=row["text_"], issue_label=row["more_text_"],
                                date_label=row["label_"], number=row["number_"], issue_date=row["on_"],
                                scheduled_for=row["at_"], force_area_id=row["area_"])  # fmt: skip
            bulletin.publisher = Organisation(name=row["owner_"])
            found_bulletins.append(bulletin)
    return found_actions, found_bulletins


def partner_calendar_events(*, start: datetime, end: datetime, user=None) -> Iterator[CalendarEvent]:
    """Events of published bulletins (public); with a user, also the engagements they may see."""
    from .selectors import engagements_visible_to

    events = BulletinEvent.objects.filter(
        bulletin__status=Bulletin.Status.PUBLISHED,
        starts_on__lt=end.date(),
        starts_on__gte=(start - timedelta(days=7)).date(),
    ).select_related("bulletin")
    for event in events:
        last = event.ends_on or event.starts_on
        begins = datetime.combine(event.starts_on, time(9, 0), tzinfo=LONDON)
        if not (start <= begins < end) and not (begins < start <= datetime.combine(last, time(17), tzinfo=LONDON)):
            continue
        yield CalendarEvent(
            key=f"partners.bulletin_event:{event.pk}",
            title=event.title,
            start=begins,
            end=datetime.combine(last, time(17, 0), tzinfo=LONDON),
            url=event.bulletin.get_absolute_url(),
            area_id=event.bulletin.force_area_id,
            location=event.venue,
        )
    if user is None:
        return
    engagements = engagements_visible_to(user).filter(held_on__gte=start.date(), held_on__lt=end.date())
    for engagement in engagements:
        yield CalendarEvent(
            key=f"partners.engagement:{engagement.pk}",
            title=engagement.title,
            start=datetime.combine(engagement.held_on, time(9, 0), tzinfo=LONDON),
            end=None,
            url=engagement.get_absolute_url(),
            area_id=engagement.force_area_id,
        )

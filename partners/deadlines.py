"""Partner deadlines and calendar events for the portal's registry."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.db.models import CharField, DateTimeField, F, IntegerField, Q, QuerySet, Value

from pcc_portal.accounts.models import Role
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import staff_by_area
from pcc_portal.deadlines.registry import LONDON, CalendarEvent, Deadline, due_at
from pcc_portal.deadlines.summaries import last_day_before, summary_rows, with_due_columns

from .models import Bulletin, BulletinEvent, FollowUpAction, Organisation

# Each source's kind and its label.
KINDS = {"action": ("partners.action", "Follow-up action due"), "bulletin": ("partners.bulletin", "Bulletin scheduled")}


def _user_scope(user) -> dict | None:
    """Return the scope of _parts for what the user is reminded of, or None for nothing at all."""
    from .selectors import managed_area_ids_of

    # The same scope as actions_visible_to(user), as a plain list of area ids.
    managed = managed_area_ids_of(user)
    if managed is not None and not managed:
        return None  # neither manages partner records nor is reminded of any
    # An action without an owner, and a bulletin, remind the area's OPCC staff: an administrator
    # who is not one of them is reminded only of the actions they own, not of every area's.
    staff_areas = user.area_ids if user.role == Role.OPCC_STAFF else frozenset()
    # bulletins_managed_by(user) within the staff's own areas: those areas, for a user who is signed in.
    return {"managed_area_ids": managed, "owner_id": user.pk, "staff_area_ids": staff_areas}


def _arguments(*, start: datetime, end: datetime, scope: dict | None) -> dict:
    """Return the arguments of _parts for the range and the scope (None: everyone's)."""
    bulletins = scope is None or bool(scope["staff_area_ids"])  # reminded of no bulletin: that part is left out
    return {
        "first_day": start.date(),
        "last_day": end.date(),
        "start": start if bulletins else None,
        "end": end if bulletins else None,
        **(scope or {}),
    }


def partner_deadlines(
    *, start: datetime, end: datetime, user=None, area_id: int | None = None, recipients: bool = True
) -> Iterator[Deadline]:
    scope = None
    if user is not None:
        scope = _user_scope(user)
        if scope is None:
            return
    rows = template_rows(
        ("partners.deadline_rows", user is not None),
        _rows_query,
        area_id=area_id,
        **_arguments(start=start, end=end, scope=scope),
    )
    yield from _built(rows, user=user, recipients=recipients)


def _built(rows: list[dict], *, user, recipients: bool) -> Iterator[Deadline]:
    """Yield the deadlines of _rows_query's rows; with a user, naming that user alone."""
    actions, bulletins = _actions_and_bulletins(rows)
    areas = {a["area_"] for a in actions} | {b.force_area_id for b in bulletins}
    staff = staff_by_area(areas, user=user) if recipients else {}
    engagement_url = path_maker("partners:engagement_detail")  # Engagement.get_absolute_url, worked out once
    (action_kind, action_label), (bulletin_kind, bulletin_label) = KINDS["action"], KINDS["bulletin"]
    for action in actions:
        area = action["area_"]
        url = engagement_url(action["engagement_"])
        yield Deadline(
            key=f"partners.action:{action['pk']}",
            kind=action_kind,
            kind_label=action_label,
            title=f"{action['text_']} ({action['title_']})",
            due=due_at(action["on_"]),
            url=url,
            area_id=area,
            responsible=action["more_text_"],
            recipient_ids=frozenset({action["owner_user_"]}) if action["owner_user_"] else staff.get(area, frozenset()),
            escalate_to_ids=staff.get(area, frozenset()),
        )
    for bulletin in bulletins:
        yield Deadline(
            key=f"partners.bulletin:{bulletin.pk}",
            kind=bulletin_kind,
            kind_label=bulletin_label,
            title=bulletin.title,
            due=bulletin.scheduled_for,
            url=bulletin.get_absolute_url(),
            area_id=bulletin.force_area_id,
            responsible=bulletin.publisher.name,
            recipient_ids=staff.get(bulletin.force_area_id, frozenset()),
        )


def _parts(*, first_day, last_day, start, end, area_id=None, **scope):
    """Return the follow-up actions and the bulletins due in the range.

    With a user's scope (`managed_area_ids`, None for every area; `owner_id`; `staff_area_ids`): the open actions
    they own or, unowned, of their own areas as OPCC staff; the scheduled bulletins of those areas. Without a
    start and end, no bulletins.
    """
    actions = FollowUpAction.objects.filter(
        status=FollowUpAction.Status.OPEN, due_on__gte=first_day, due_on__lt=last_day
    )
    if start is None:
        bulletins = Bulletin.objects.none()
    else:
        bulletins = Bulletin.objects.filter(
            status=Bulletin.Status.SCHEDULED, scheduled_for__gte=start, scheduled_for__lt=end
        )
    if scope:
        if scope["managed_area_ids"] is not None:
            actions = actions.filter(engagement__force_area_id__in=scope["managed_area_ids"])
        unowned_of_own_areas = Q(owner_user__isnull=True, engagement__force_area_id__in=scope["staff_area_ids"])
        actions = actions.filter(Q(owner_user=scope["owner_id"]) | unowned_of_own_areas)
        bulletins = bulletins.filter(force_area_id__in=scope["staff_area_ids"])
    if area_id is not None:
        actions = actions.filter(engagement__force_area_id=area_id)
        bulletins = bulletins.filter(force_area_id=area_id)
    return actions, bulletins


def _rows_query(**arguments):
    """Return _parts' follow-up actions and bulletins as rows of the same columns (a UNION)."""
    action_rows, bulletin_rows = _row_values(*_parts(**arguments))
    return action_rows.union(bulletin_rows, all=True)


def _row_values(actions: QuerySet, bulletins: QuerySet) -> tuple[QuerySet, QuerySet]:
    """Return _parts' follow-up actions and bulletins as rows of the same columns, parts of a UNION."""
    no_int = Value(None, output_field=IntegerField())
    action_rows = actions.values(
        "pk",
        source_=Value("action"),
        area_=F("engagement__force_area_id"),
        on_=F("due_on"),
        at_=Value(None, output_field=DateTimeField()),
        owner_user_=F("owner_user_id"),
        engagement_=F("engagement_id"),
        text_=F("description"),
        more_text_=F("owner"),
        title_=F("engagement__title"),
        name_=Value("", output_field=CharField()),
        number_=no_int,
    )
    bulletin_rows = bulletins.values(
        "pk",
        source_=Value("bulletin"),
        area_=F("force_area_id"),
        on_=F("issue_date"),
        at_=F("scheduled_for"),
        owner_user_=no_int,
        engagement_=no_int,
        text_=F("series_title"),
        more_text_=F("issue_label"),
        title_=F("date_label"),
        name_=F("publisher__name"),
        number_=F("number"),
    )
    return action_rows.order_by(), bulletin_rows.order_by()


def _kinds_query(**arguments):
    """Return each source and area of _parts' rows once (a UNION, not UNION ALL)."""
    actions, bulletins = _parts(**arguments)
    return (
        actions.order_by()
        .values(source_=Value("action"), area_=F("engagement__force_area_id"))
        .union(bulletins.order_by().values(source_=Value("bulletin"), area_=F("force_area_id")))
    )


def partner_deadline_kinds(*, start: datetime, end: datetime, user) -> set[tuple[str, str, int | None]]:
    """Return the (kind, label, area id) of each deadline partner_deadlines(user=user) yields, without building them.

    The same scoped query (_parts), answered by the database once per kind and area: a staff user has a hundred
    and more open actions. Every row _parts keeps for a user is addressed to that user, as the registry checks item
    by item: an action the user owns reminds its owner; an unowned one, and a bulletin, remind their area's OPCC
    staff, and they are kept only in the areas where the user is (signed in and) OPCC staff.
    """
    scope = _user_scope(user)
    if scope is None:
        return set()
    rows = template_rows("partners.deadline_kinds", _kinds_query, **_arguments(start=start, end=end, scope=scope))
    return {(*KINDS[row["source_"]], row["area_"]) for row in rows}


def _actions_and_bulletins(rows) -> tuple[list[dict], list[Bulletin]]:
    """Return the follow-up actions (as rows) and the bulletins (as model objects, a few, whose title the model
    works out from the series, issue and date) of the rows of _rows_query."""
    found_actions, found_bulletins = [], []
    for row in rows:
        if row["source_"] == "action":
            found_actions.append(row)
        else:
            found_bulletins.append(
                Bulletin(
                    pk=row["pk"],
                    publisher=Organisation(name=row["name_"]),
                    force_area_id=row["area_"],
                    series_title=row["text_"],
                    issue_label=row["more_text_"],
                    number=row["number_"],
                    date_label=row["title_"],
                    issue_date=row["on_"],
                    scheduled_for=row["at_"],
                )
            )
    # In the models' own orders, as the two queries gave them.
    found_actions.sort(key=lambda action: (action["on_"], action["pk"]))
    found_bulletins.sort(key=lambda bulletin: (bulletin.issue_date, bulletin.number), reverse=True)
    return found_actions, found_bulletins


def partner_calendar_events(*, start: datetime, end: datetime, user=None) -> Iterator[CalendarEvent]:
    """Events of published bulletins (public); with a user, also the engagements they may see.

    Read as rows, each link from its path's template: a private feed carries a hundred of them.
    """
    from .selectors import engagements_visible_to, managed_area_ids_of

    events = BulletinEvent.objects.filter(
        bulletin__status=Bulletin.Status.PUBLISHED,
        starts_on__lt=end.date(),
        starts_on__gte=(start - timedelta(days=7)).date(),
    ).values_list("pk", "title", "starts_on", "ends_on", "venue", "bulletin_id", "bulletin__force_area_id")
    bulletin_url = path_maker("partners:bulletin_detail")
    nine, five = time(9, 0, tzinfo=LONDON), time(17, 0, tzinfo=LONDON)
    for pk, title, starts_on, ends_on, venue, bulletin_id, area_id in events:
        begins, finishes = datetime.combine(starts_on, nine), datetime.combine(ends_on or starts_on, five)
        if not (start <= begins < end) and not (begins < start <= finishes):
            continue
        yield CalendarEvent(
            key=f"partners.bulletin_event:{pk}",
            title=title,
            start=begins,
            end=finishes,
            url=bulletin_url(bulletin_id),
            area_id=area_id,
            location=venue,
        )
    if user is None:
        return
    if managed_area_ids_of(user) == frozenset():  # no engagement to see: not even a query
        return
    engagements = engagements_visible_to(user).filter(held_on__gte=start.date(), held_on__lt=end.date())
    engagement_url = path_maker("partners:engagement_detail")
    for pk, title, held_on, area_id in engagements.values_list("pk", "title", "held_on", "force_area_id"):
        yield CalendarEvent(
            key=f"partners.engagement:{pk}",
            title=title,
            start=datetime.combine(held_on, nine),
            end=None,
            url=engagement_url(pk),
            area_id=area_id,
        )


def _summary_query(*, last_counted, area_ids=None, **arguments):
    """Return _rows_query's UNION, of the follow-up actions up to the date `last_counted`, with the columns
    summary_rows reads (with_due_columns). Only the rows of the areas in `area_ids` when given."""
    actions, bulletins = _parts(**arguments)
    actions = actions.filter(due_on__lte=last_counted)
    if area_ids is not None:
        actions = actions.filter(engagement__force_area_id__in=area_ids)
        bulletins = bulletins.filter(force_area_id__in=area_ids)
    actions, bulletins = _row_values(actions, bulletins)
    return with_due_columns(actions, due="due_on", by_day=True).union(
        with_due_columns(bulletins, due="scheduled_for", by_day=False), all=True
    )


def partner_deadline_summary(
    *, start: datetime, end: datetime, now: datetime, week: datetime, month: datetime, user, size: int, area_ids
) -> tuple[int, int, int, list[Deadline]]:
    """Return how many of the deadlines partner_deadlines(start=start, end=end, user=user) yields are due before
    `now`, in [now, week) and in [week, month) (month <= end), and those that can be among the `size` soonest, built.

    One query (summary_rows) over the same scoped rows (_parts) counts them and reads only those that can be among
    the soonest: a staff user has a hundred and more open actions, and the dashboard's box shows five. Only
    deadlines of the areas in `area_ids` (None: every area) are counted.
    """
    scope = _user_scope(user)
    if scope is None:
        return 0, 0, 0, []
    counts, rows = summary_rows(
        "partners.deadline_summary",
        _summary_query,
        now=now,
        week=week,
        size=size,
        # The actions of the days partner_deadlines reads up to `end`, up to the last day due before `month`.
        **_arguments(start=start, end=month, scope=scope) | {"last_day": end.date()},
        last_counted=last_day_before(month),
        area_ids=area_ids,
    )
    return (*counts, list(_built(rows, user=user, recipients=True)))

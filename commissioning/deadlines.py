"""Commissioning deadlines for the portal's reminders and calendars."""

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import CharField, DateField, DateTimeField, F, Q, QuerySet, Value

from partners.models import Organisation
from partners.selectors import organisation_of, partner_users_by_organisation
from pcc_portal.accounts.models import Role
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows, template_tuples
from pcc_portal.deadlines.recipients import staff_by_area
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at
from pcc_portal.deadlines.summaries import LookedUp, last_day_before, summary_rows, with_due_columns

from .models import Application, Grant, MonitoringReturn, Round

# Each row's source: the kind of deadline it is and its label (the deadlines and the kinds a user has share them).
KINDS = {
    "round": ("commissioning.round_close", "Funding round closes"),
    "return": ("commissioning.return_due", "Grant monitoring return due"),
    "grant": ("commissioning.grant_end", "Grant ends"),
}
# The columns of _rows_query, in its order: deadlines() reads each row by position.
ROW_COLUMNS = (
    "pk",
    "title_",
    "source_",
    "area_",
    "organisation_",
    "organisation_name_",
    "closes_",
    "due_",
    "from_",
    "to_",
    "status_",
)
_PK, _SOURCE, _AREA, _ORGANISATION = (ROW_COLUMNS.index(name) for name in ("pk", "source_", "area_", "organisation_"))
_UNSEEN = object()


def _dates(start: datetime.datetime, end: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """Return the calendar dates whose 17:00 deadline could fall in [start, end)."""
    return start.astimezone(LONDON).date() - datetime.timedelta(days=1), end.astimezone(LONDON).date()


def _due_dates(start: datetime.datetime, end: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """Return the first and last calendar dates whose 17:00 deadline falls in [start, end)."""
    first, last = start.astimezone(LONDON).date(), end.astimezone(LONDON).date()
    if due_at(first) < start:
        first += datetime.timedelta(days=1)
    if due_at(last) >= end:
        last -= datetime.timedelta(days=1)
    return first, last


@dataclass(frozen=True)
class _Scope:
    """What one user can be reminded of: their areas as OPCC staff, their organisation as a partner."""

    user: object
    staff_area_ids: frozenset[int] = frozenset()
    organisation_id: int | None = None


def _scope_for(user) -> _Scope:
    if user.is_active and user.role == Role.OPCC_STAFF:
        return _Scope(user=user, staff_area_ids=frozenset(user.area_ids))
    if user.is_active and user.role == Role.PARTNER:
        organisation = organisation_of(user)
        return _Scope(user=user, organisation_id=organisation.pk if organisation else None)
    return _Scope(user=user)


def deadlines(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    scope: _Scope | None = None,
    area_id: int | None = None,
    recipients: bool = True,
    met_before: datetime.datetime | None = None,
) -> Iterator[Deadline]:
    """Yield every deadline in [start, end); with a scope, only those its user could be sent.

    Rounds closing, returns due and grants ending come in one query (a UNION of
    the same columns). The scope narrows that query itself, so a user's "what's
    due" never reads the whole country's grants, and its recipients name that user alone.
    With recipients=False (no scope), nobody is looked up and the deadlines name no recipients. With met_before,
    the returns already made that were due before then are not read.
    """
    return iter(
        _built(_rows(start, end, scope, area_id, met_before), start=start, end=end, scope=scope, recipients=recipients)
    )


def _built(
    rows: list[Sequence], *, start: datetime.datetime, end: datetime.datetime, scope: _Scope | None, recipients: bool
) -> list[Deadline]:
    """Return the deadlines of _rows_query's rows (of ROW_COLUMNS) due in [start, end); with a scope, naming its user
    alone.

    A list, built by appending: a generator resumed its frame for each of a staff user's thousand rows, and every
    caller takes them all."""
    if not rows:
        return []
    user = scope.user if scope else None
    staff = staff_by_area({row[_AREA] for row in rows}, user=user) if recipients else {}
    applicants_by_round: dict[int, set[int]] = defaultdict(set)
    rounds = [row[_PK] for row in rows if row[_SOURCE] == "round"]
    if scope is None and rounds and recipients:
        drafts = Application.objects.filter(round__in=rounds, status=Application.Status.DRAFT).values_list(
            "round_id", "organisation_id"
        )
        for round_id, organisation_id in drafts:
            applicants_by_round[round_id].add(organisation_id)
    elif scope is not None and scope.organisation_id is not None:
        # A partner's scope kept only the rounds where the user's organisation has a draft.
        for round_id in rounds:
            applicants_by_round[round_id].add(scope.organisation_id)
    organisations = {row[_ORGANISATION] for row in rows if row[_ORGANISATION]}
    partners = (
        partner_users_by_organisation(
            organisations | {o for orgs in applicants_by_round.values() for o in orgs}, user=user
        )
        if recipients
        else {}
    )
    # Each kind's path is worked out once, not reversed per row (a staff user's list holds hundreds of returns).
    round_url = path_maker("commissioning:round_detail")
    return_url = path_maker("commissioning:return_detail")
    grant_url = path_maker("commissioning:grant_detail")
    # Many returns share a due date and a period: each date's 17:00 (None when outside [start, end)) and each
    # period's text are worked out once.
    dues: dict[datetime.date, datetime.datetime | None] = {}
    periods: dict[tuple[datetime.date, datetime.date], str] = {}
    return_due = MonitoringReturn.Status.DUE.value  # a str: compared without the enum's own comparison
    (round_kind, round_label), (return_kind, return_label), (grant_kind, grant_label) = (
        KINDS["round"],
        KINDS["return"],
        KINDS["grant"],
    )
    nobody: frozenset[int] = frozenset()  # one empty set for every row that names nobody
    built: list[Deadline] = []
    add = built.append
    for pk, title, source, area, organisation, organisation_name, closes, day, period_from, period_to, status in rows:
        area_staff = staff.get(area, nobody)
        if source == "round":
            applicants = frozenset(u for org in applicants_by_round[pk] for u in partners.get(org, ()))
            add(
                Deadline(
                    key=f"{round_kind}:{pk}",
                    kind=round_kind,
                    kind_label=round_label,
                    title=f"{title} closes",
                    due=closes.astimezone(LONDON),
                    url=round_url(pk),
                    area_id=area,
                    responsible="Applicants",
                    recipient_ids=area_staff | applicants,
                )
            )
            continue
        due = dues.get(day, _UNSEEN)
        if due is _UNSEEN:
            due = dues[day] = due_at(day)
            if not start <= due < end:
                due = dues[day] = None
        if due is None:
            continue
        recipient_users = partners.get(organisation, nobody)
        if source == "return":
            period = periods.get((period_from, period_to))
            if period is None:
                period = periods[(period_from, period_to)] = f"{period_from:%-d %b} to {period_to:%-d %b %Y}"
            # Returns and grants are most of a staff user's thousand deadlines: their fields are given in Deadline's
            # order, not by name (a class called with keywords packs them into a dict first, a third of the time).
            add(
                Deadline(
                    f"{return_kind}:{pk}",
                    return_kind,
                    return_label,
                    f"Monitoring return for {title} ({period})",
                    due,
                    return_url(pk),
                    area,
                    organisation_name,  # responsible
                    recipient_users,
                    area_staff,  # escalated to
                    status != return_due,  # done
                )
            )
        else:
            add(
                Deadline(
                    f"{grant_kind}:{pk}",
                    grant_kind,
                    grant_label,
                    f"{title} ({organisation_name}) ends",
                    due,
                    grant_url(pk),
                    area,
                    "OPCC",  # responsible
                    area_staff | recipient_users if recipient_users else area_staff,
                )
            )
    return built


def _last_met_day(met_before: datetime.datetime | None) -> datetime.date | None:
    """Return the last calendar date whose 17:00 deadline is before met_before (None: no limit)."""
    return None if met_before is None else last_day_before(met_before)


def _rows(
    start, end, scope: _Scope | None, area_id: int | None = None, met_before: datetime.datetime | None = None
) -> list[Sequence]:
    """Return the rounds closing, returns due and grants ending in [start, end), as rows of ROW_COLUMNS.

    The query is compiled once per shape (pcc_portal.core.querytemplates): every page that lists deadlines asks it,
    and reads each of its rows once, by position.
    """
    first, last = _dates(start, end)
    scoped = {}
    if scope is not None:
        scoped = {"staff_area_ids": scope.staff_area_ids, "organisation_id": scope.organisation_id}
    return template_tuples(
        ("commissioning.deadline_rows", scope is not None),
        _rows_query,
        columns=ROW_COLUMNS,
        start=start,
        end=end,
        first=first,
        last=last,
        area_id=area_id,
        last_met=_last_met_day(met_before),
        **scoped,
    )


def _parts(*, start, end, first, last, area_id=None, last_met=None, **scoped) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Return the rounds closing in [start, end), the returns due and grants ending from `first` to `last`; scoped
    to a user with `staff_area_ids` and `organisation_id` (the one place of who is reminded of what). With
    `last_met`, without the returns due by that date that are no longer due (made: deadlines() marks them done)."""
    scope = _Scope(user=None, **scoped) if scoped else None
    rounds = Round.objects.filter(closes_at__gte=start, closes_at__lt=end)
    returns = MonitoringReturn.objects.filter(due_date__gte=first, due_date__lte=last)
    grants = Grant.objects.filter(end_date__gte=first, end_date__lte=last, status=Grant.Status.ACTIVE)
    if scope is not None:
        round_scope = Q(stream__force_area_id__in=scope.staff_area_ids)
        # Returns remind the recipient's users; the area's staff are escalated to, and see them due.
        return_scope = Q(grant__force_area_id__in=scope.staff_area_ids)
        grant_scope = Q(force_area_id__in=scope.staff_area_ids)
        # Every application and grant has an organisation: without one (staff), the "IS NULL" branches and the
        # drafts subquery matched nothing and were built, compiled and planned on every call.
        if scope.organisation_id is not None:
            drafting = Application.objects.filter(
                organisation_id=scope.organisation_id, status=Application.Status.DRAFT
            )
            round_scope |= Q(pk__in=drafting.values("round_id"))
            return_scope = Q(grant__recipient_id=scope.organisation_id) | return_scope
            grant_scope |= Q(recipient_id=scope.organisation_id)
        rounds, returns, grants = rounds.filter(round_scope), returns.filter(return_scope), grants.filter(grant_scope)
    if last_met is not None:
        returns = returns.filter(Q(due_date__gt=last_met) | Q(status=MonitoringReturn.Status.DUE))
    if area_id is not None:
        rounds = rounds.filter(stream__force_area_id=area_id)
        returns = returns.filter(grant__force_area_id=area_id)
        grants = grants.filter(force_area_id=area_id)
    return rounds, returns, grants


def _rows_query(**arguments):
    """Return the UNION _rows reads: _parts' rows, in the same columns."""
    rounds, returns, grants = _row_values(*_parts(**arguments))
    return rounds.union(returns, grants, all=True)


def _row_values(
    rounds: QuerySet, returns: QuerySet, grants: QuerySet, *, names: bool = True
) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Return _parts' rounds, returns and grants as rows of the same columns, parts of a UNION; without names, the
    organisations' names left empty (not joined)."""
    no_date = Value(None, output_field=DateField())
    no_text = Value("", output_field=CharField())
    organisation_name = F("grant__recipient__name") if names else no_text
    rounds = rounds.values(
        "pk",
        title_=F("title"),
        source_=Value("round"),
        area_=F("stream__force_area_id"),
        # Typed as the returns' and grants' own column (a foreign key): an integer expression's value is converted
        # with int() on every row of the UNION, a no-op on the organisation ids of a staff user's thousand rows.
        organisation_=Value(None, output_field=Grant._meta.get_field("recipient")),
        organisation_name_=no_text,
        closes_=F("closes_at"),
        due_=no_date,
        from_=no_date,
        to_=no_date,
        status_=no_text,
    )
    returns = returns.values(
        "pk",
        title_=F("grant__title"),
        source_=Value("return"),
        area_=F("grant__force_area_id"),
        organisation_=F("grant__recipient_id"),
        organisation_name_=organisation_name,
        closes_=Value(None, output_field=DateTimeField()),
        due_=F("due_date"),
        from_=F("period_start"),
        to_=F("period_end"),
        status_=F("status"),
    )
    grants = grants.values(
        "pk",
        title_=F("title"),
        source_=Value("grant"),
        area_=F("force_area_id"),
        organisation_=F("recipient_id"),
        organisation_name_=F("recipient__name") if names else no_text,
        closes_=Value(None, output_field=DateTimeField()),
        due_=F("end_date"),
        from_=no_date,
        to_=no_date,
        status_=no_text,
    )
    return rounds.order_by(), returns.order_by(), grants.order_by()


def deadlines_for(
    *, start, end, user=None, area_id: int | None = None, recipients: bool = True, met_before=None
) -> Iterator[Deadline]:
    """Return the deadlines in [start, end) (of one area if given); with a user, only those addressed or escalated
    to them; with met_before, without those met that were due before then."""
    if user is None:
        yield from deadlines(start=start, end=end, area_id=area_id, recipients=recipients, met_before=met_before)
        return
    scope = _scope_for(user)
    if not scope.staff_area_ids and scope.organisation_id is None:
        return
    user_id = user.pk
    for item in deadlines(start=start, end=end, scope=scope, area_id=area_id, met_before=met_before):
        if user_id in item.recipient_ids or user_id in item.escalate_to_ids:
            yield item


def _kinds_query(**arguments):
    """Return each source and area of _parts' rows once (a UNION, not UNION ALL)."""
    rounds, returns, grants = _parts(**arguments)
    return (
        rounds.order_by()
        .values(source_=Value("round"), area_=F("stream__force_area_id"))
        .union(
            returns.order_by().values(source_=Value("return"), area_=F("grant__force_area_id")),
            grants.order_by().values(source_=Value("grant"), area_=F("force_area_id")),
        )
    )


def deadline_kinds_for(*, start, end, user) -> set[tuple[str, str, int | None]]:
    """Return the (kind, label, area id) of each deadline deadlines_for(user=user) yields, without building them.

    The same scoped query (_parts), on the calendar dates whose 17:00 falls in [start, end), answered by the
    database once per kind and area: a staff user has hundreds of returns due in a year, of three kinds.
    Every row _parts keeps for a user is addressed or escalated to that user, as deadlines_for checks item by item.
    """
    scope = _scope_for(user)
    if not scope.staff_area_ids and scope.organisation_id is None:
        return set()
    first, last = _due_dates(start, end)
    rows = template_rows(
        "commissioning.deadline_kinds",
        _kinds_query,
        start=start,
        end=end,
        first=first,
        last=last,
        staff_area_ids=scope.staff_area_ids,
        organisation_id=scope.organisation_id,
    )
    return {(*KINDS[row["source_"]], row["area_"]) for row in rows}


def _summary_query(*, area_ids=None, **arguments):
    """Return _rows_query's UNION with the columns summary_rows reads (with_due_columns). Only the rows of the areas
    in `area_ids` when given (the page's own guard: nothing from another area)."""
    rounds, returns, grants = _parts(**arguments)
    if area_ids is not None:
        rounds = rounds.filter(stream__force_area_id__in=area_ids)
        returns = returns.filter(grant__force_area_id__in=area_ids)
        grants = grants.filter(force_area_id__in=area_ids)
    # The organisations' names are looked up for the few rows kept (deadline_summary), not joined to every row.
    rounds, returns, grants = _row_values(rounds, returns, grants, names=False)
    return with_due_columns(rounds, due="closes_at", by_day=False).union(
        with_due_columns(returns, due="due_date", by_day=True),
        with_due_columns(grants, due="end_date", by_day=True),
        all=True,
    )


def deadline_summary(
    *, start, end, now, week, month, user, size: int, area_ids
) -> tuple[int, int, int, list[Deadline]]:
    """Return how many deadlines deadlines_for(user=user, met_before=now) lists of [start, month) (month <= end):
    due before `now` (not met), in [now, week) and in [week, month); and those of them that can be among the `size`
    soonest, built.

    One query (summary_rows) over the same scoped rows (_parts), on the calendar dates whose 17:00 falls in
    [start, month), counts them and reads only those that can be among the soonest: a staff user has hundreds of
    returns, and the dashboard's box shows five. Only deadlines of the areas in `area_ids` (None: every area) are
    counted.
    """
    scope = _scope_for(user)
    if not scope.staff_area_ids and scope.organisation_id is None:
        return 0, 0, 0, []
    first, last = _due_dates(start, month)
    if area_ids is not None and scope.organisation_id is None and scope.staff_area_ids <= frozenset(area_ids):
        area_ids = None  # a staff scope of those areas only keeps their rows already: no second filter to plan
    counts, rows = summary_rows(
        "commissioning.deadline_summary",
        _summary_query,
        now=now,
        week=week,
        size=size,
        start=start,
        end=month,
        first=first,
        last=last,
        looked_up=(LookedUp("recipient_name_", Organisation, "name", "organisation_"),),
        last_met=last_day_before(now),  # returns made that were due before now are not listed
        area_ids=area_ids,
        staff_area_ids=scope.staff_area_ids,
        organisation_id=scope.organisation_id,
    )
    # The few that can be among the soonest, each with its organisation's name (a round has none: "").
    for row in rows:
        row["organisation_name_"] = row["recipient_name_"] or ""
    rows = [tuple(row[column] for column in ROW_COLUMNS) for row in rows]
    return (*counts, list(_built(rows, start=start, end=month, scope=scope, recipients=True)))

"""Reads of commissioning records, always scoped to the asking user."""

import datetime
from dataclasses import dataclass
from functools import partial

from django.db import connections
from django.db.models import Count, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from partners.models import Contact, Organisation, OrganisationType
from partners.selectors import organisation_of as _organisation_of
from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.core.dates import long_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows
from plans.models import Priority

from .models import (
    Application,
    Assignment,
    Decision,
    Funder,
    FundingStream,
    Grant,
    MonitoringReturn,
    PrioritySpendEntry,
    Round,
    Score,
    StreamSpendEntry,
)


def organisation_of(user):
    """Return the partner user's organisation, looked up once per request's user object."""
    if not hasattr(user, "_commissioning_organisation"):
        user._commissioning_organisation = _organisation_of(user)
    return user._commissioning_organisation


def _staff_area_ids(user) -> frozenset[int] | None:
    """Return the areas the user manages; None means every area (administrator)."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_administrator:
        return None
    if user.role == Role.OPCC_STAFF:
        return user.area_ids
    return frozenset()


def _stream_scope(user) -> dict | None:
    """Return whose streams the user may see, as arguments of _in_stream_scope ({}: every area's); None: nobody's."""
    areas = _staff_area_ids(user)
    if areas is None:
        return {}
    if areas:
        return {"area_ids": areas}
    if user.is_authenticated and user.role == Role.PARTNER:
        return {"area_ids": user.area_ids}
    return None


def _in_stream_scope(qs: QuerySet, *, area_ids=None) -> QuerySet:
    """Narrow streams to the areas'; with none given, keep them all."""
    return qs if area_ids is None else qs.filter(force_area__in=area_ids)


def streams_visible_to(user) -> QuerySet[FundingStream]:
    scope = _stream_scope(user)
    qs = FundingStream.objects.select_related("force_area")
    return qs.none() if scope is None else _in_stream_scope(qs, **scope)


def _round_scope(user, now: datetime.datetime) -> dict | None:
    """Return whose rounds the user may see, as arguments of _in_round_scope ({}: every area's); None: nobody's."""
    areas = _staff_area_ids(user)
    if areas is None:
        return {}
    if areas:
        return {"area_ids": areas}
    if user.is_authenticated and user.is_active and user.role == Role.PARTNER:
        return {"area_ids": user.area_ids, "opened_by": now}
    return None


def _in_round_scope(qs: QuerySet, *, area_ids=None, opened_by=None) -> QuerySet:
    """Narrow rounds to the areas' (and to those opened by a moment, given one); with neither, keep them all."""
    if area_ids is not None:
        qs = qs.filter(stream__force_area__in=area_ids)
    if opened_by is not None:
        qs = qs.filter(opens_at__lte=opened_by)
    return qs


def rounds_visible_to(user) -> QuerySet[Round]:
    """Return rounds: all of the area for its staff, opened ones for the area's partners."""
    qs = Round.objects.select_related("stream", "stream__force_area")
    scope = _round_scope(user, timezone.now())
    return qs.none() if scope is None else _in_round_scope(qs, **scope)


def _application_scope(user) -> dict | None:
    """Return whose applications the user may see, as arguments of _in_application_scope ({}: all); None: none."""
    if not (user.is_authenticated and user.is_active):
        return None
    areas = _staff_area_ids(user)
    if areas is None:
        return {}
    if areas:
        return {"area_ids": areas, "assessor_id": user.pk}
    organisation = organisation_of(user)
    if organisation is not None:
        return {"organisation_id": organisation.pk, "assessor_id": user.pk}
    return {"assessor_id": user.pk}


def _in_application_scope(qs: QuerySet, *, area_ids=None, organisation_id=None, assessor_id=None) -> QuerySet:
    """Narrow applications to the areas' or the organisation's own, or those assigned to the assessor."""
    if assessor_id is None:
        return qs
    # A subquery rather than a join, so no DISTINCT is needed.
    assigned = Q(pk__in=Assignment.objects.filter(assessor_id=assessor_id).values("application_id"))
    if area_ids is not None:
        # The area's rounds as a subquery too: under the OR, PostgreSQL tests each application against two
        # hashed lists, where a join to the round's stream cost one index look-up per application of the nation.
        area_rounds = Round.objects.filter(stream__force_area__in=area_ids).values("pk")
        return qs.filter(Q(round__in=area_rounds) | assigned)
    if organisation_id is not None:
        return qs.filter(Q(organisation_id=organisation_id) | assigned)
    return qs.filter(assigned)


def applications_visible_to(user) -> QuerySet[Application]:
    """Return applications: the area's for its staff, the organisation's own for a partner, assigned ones."""
    qs = Application.objects.select_related("round", "round__stream", "organisation")
    scope = _application_scope(user)
    return qs.none() if scope is None else _in_application_scope(qs, **scope)


def applications_to_assess(user) -> QuerySet[Application]:
    return (
        Application.objects.select_related("round", "organisation")
        .filter(assignments__assessor=user, assignments__completed_at__isnull=True, status=Application.Status.SUBMITTED)
        .order_by("round__closes_at")
    )


def applications_of_own_organisation(user) -> QuerySet[Application]:
    """Return a partner user's organisation's applications, newest first; nobody else has any."""
    organisation = organisation_of(user) if user.is_authenticated and user.is_active else None
    if organisation is None:
        return Application.objects.none()
    return Application.objects.select_related("round").filter(organisation=organisation).order_by("-updated_at")


def _scoped_to_user(qs: QuerySet, user, *, grant_prefix: str = "") -> QuerySet:
    """Narrow grant-related rows: the area's for its staff, the organisation's own for a partner."""
    scope = _grant_scope(user)
    return qs.none() if scope is None else _in_grant_scope(qs, grant_prefix=grant_prefix, **scope)


def _grant_scope(user) -> dict | None:
    """Return whose grants the user may see, as arguments of _in_grant_scope ({}: every area's); None: nobody's."""
    if not (user.is_authenticated and user.is_active):
        return None
    areas = _staff_area_ids(user)
    if areas is None:
        return {}
    if areas:
        return {"area_ids": areas}
    organisation = organisation_of(user)
    if organisation is not None:
        return {"organisation_id": organisation.pk}
    return None


def _in_grant_scope(qs: QuerySet, *, grant_prefix: str = "", area_ids=None, organisation_id=None) -> QuerySet:
    """Narrow grant-related rows to the areas' grants, or the organisation's own; with neither, keep them all."""
    if area_ids is not None:
        return qs.filter(**{f"{grant_prefix}force_area__in": area_ids})
    if organisation_id is not None:
        return qs.filter(**{f"{grant_prefix}recipient_id": organisation_id})
    return qs


def grants_visible_to(user) -> QuerySet[Grant]:
    """Return grants: the area's for its staff, the organisation's own for a partner."""
    return _scoped_to_user(Grant.objects.select_related("recipient", "stream", "force_area"), user)


def returns_visible_to(user) -> QuerySet[MonitoringReturn]:
    """Return monitoring returns on the grants the user may see."""
    qs = MonitoringReturn.objects.select_related("grant", "grant__recipient", "grant__force_area")
    return _scoped_to_user(qs, user, grant_prefix="grant__")


def returns_due_for(user, *, within_days: int = 30) -> QuerySet[MonitoringReturn]:
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return (
        returns_visible_to(user).filter(status=MonitoringReturn.Status.DUE, due_date__lt=horizon).order_by("due_date")
    )


@dataclass(slots=True)
class DashboardReturn:
    """A monitoring return due, as the dashboard lists it: read as values, its link and date written once."""

    pk: int
    grant_title: str
    due_date: datetime.date
    due_text: str  # as the date filter's "j F Y" writes it
    overdue: bool  # MonitoringReturn.is_overdue: every row listed is still due
    url: str


def dashboard_returns_due(user, *, within_days: int = 30) -> list[DashboardReturn]:
    """Return the first ten of returns_due_for(user), soonest first, each with its grant's title.

    Every dashboard asks it: the query is compiled once per shape (pcc_portal.core.querytemplates), with the
    user's grant scope (their areas, their organisation, or every area for administrators) as its values. The rows
    are read as values, not model objects: building a return and its grant per row cost more than the query.
    """
    scope = _grant_scope(user)
    if scope is None:
        return []
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    return_path = path_maker("commissioning:return_detail")
    return [
        DashboardReturn(
            pk=row["pk"],
            grant_title=row["grant_title"],
            due_date=row["due_date"],
            due_text=long_date(row["due_date"]),
            overdue=row["due_date"] < today,
            url=return_path(row["pk"]),
        )
        for row in template_rows("commissioning.dashboard_returns", _returns_due_query, horizon=horizon, **scope)
    ]


def _returns_due_query(*, horizon: datetime.date, area_ids=None, organisation_id=None) -> QuerySet:
    """Return the rows of dashboard_returns_due: returns due before the horizon, in the grant scope.

    The grant's title is a subquery, which the database runs for the ten rows kept after the sort: joined, every
    return due in the nation (an administrator's) was joined to its grant first, by hashing all the grants.
    """
    returns = MonitoringReturn.objects.filter(status=MonitoringReturn.Status.DUE, due_date__lt=horizon)
    returns = _in_grant_scope(returns, grant_prefix="grant__", area_ids=area_ids, organisation_id=organisation_id)
    title = Subquery(Grant.objects.filter(pk=OuterRef("grant_id")).order_by().values("title"))
    return returns.order_by("due_date", "pk").values("pk", "due_date", grant_title=title)[:10]


def dashboard_applications_to_assess(user) -> list[Application]:
    """Return the first ten of applications_to_assess(user), each with its organisation's name.

    Every staff dashboard asks it: the query is compiled once (pcc_portal.core.querytemplates), the assessor's
    id its value.
    """
    found = []
    for row in template_rows("commissioning.dashboard_to_assess", _to_assess_query, assessor_id=user.pk):
        application = Application(pk=row["pk"], title=row["title"], organisation_id=row["organisation_id"])
        application.organisation = Organisation(pk=row["organisation_id"], name=row["organisation__name"])
        found.append(application)
    return found


def _to_assess_query(*, assessor_id: int) -> QuerySet:
    """Return the rows of dashboard_applications_to_assess, in applications_to_assess's order."""
    return (
        Application.objects.filter(
            assignments__assessor_id=assessor_id,
            assignments__completed_at__isnull=True,
            status=Application.Status.SUBMITTED,
        )
        .order_by("round__closes_at")
        .values("pk", "title", "organisation_id", "organisation__name")[:10]
    )


def published_grants() -> QuerySet[Grant]:
    """Return the public register: published grants of every area."""
    return (
        Grant.objects.filter(is_published=True)
        .select_related("recipient", "stream", "force_area", "force_area__funder")
        .prefetch_related("variations")
        .order_by("-award_date", "reference")
    )


def published_decisions() -> QuerySet[Decision]:
    return Decision.objects.filter(is_published=True).select_related(
        "application", "application__organisation", "application__round__stream__force_area"
    )


def funder_for(area) -> Funder:
    """Return the area's funder record, or an unsaved default naming its OPCC."""
    try:
        return area.funder
    except Funder.DoesNotExist:
        return Funder(
            force_area=area,
            name=f"Office of the Police and Crime Commissioner for {area.name}",
            org_id=f"360G-opcc-{area.code}-OPCC",
            prefix_360g=f"opcc-{area.code}",
        )


def partner_user_ids(organisation_id: int) -> frozenset[int]:
    return frozenset(
        Contact.objects.filter(organisation_id=organisation_id, is_active=True, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )


def _spend_rows(base: QuerySet[Grant]) -> tuple[list[tuple], list[tuple]]:
    """Return the spend totals of the grants: (area name, partner type, stream id, total, count) rows and
    (priority title, total, count) rows.

    Each statement first sums the grants by keys stored on the grant or its priority links (area, stream and
    recipient; priority id), then joins the few resulting groups to names and partner types: the joins run once
    per group, not once per grant, which on the national overview (17,000 grants) cuts the database's time by
    about a third. (One UNION ALL of the two was slower on PostgreSQL: it runs the halves as a parallel append.)
    """
    by_recipient = base.values("force_area_id", "stream_id", "recipient_id").annotate(
        total=Sum("amount_pence"), count=Count("pk")
    )
    by_priority = base.values("priorities").annotate(total=Sum("amount_pence"), count=Count("pk"))
    recipient_sql, recipient_params = by_recipient.query.get_compiler(using=base.db).as_sql()
    priority_sql, priority_params = by_priority.query.get_compiler(using=base.db).as_sql()
    connection = connections[base.db]
    q = connection.ops.quote_name
    area, organisation, priority = (q(model._meta.db_table) for model in (ForceArea, Organisation, Priority))
    total, count = q("total"), q("count")
    # Only quoted table and column names and Django's own compiled SQL are put in; values go as parameters.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {area}.{q('name')}, {organisation}.{q('org_type')}, grants.{q('stream_id')},"  # noqa: S608
            f" SUM(grants.{total}), SUM(grants.{count})"
            f" FROM ({recipient_sql}) grants"
            f" INNER JOIN {area} ON {area}.{q('id')} = grants.{q('force_area_id')}"
            f" INNER JOIN {organisation} ON {organisation}.{q('id')} = grants.{q('recipient_id')}"
            f" GROUP BY {area}.{q('name')}, {organisation}.{q('org_type')}, grants.{q('stream_id')}",
            recipient_params,
        )
        by_area_type_stream = cursor.fetchall()
        cursor.execute(
            f"SELECT {priority}.{q('title')}, SUM(links.{total}), SUM(links.{count})"  # noqa: S608
            f" FROM ({priority_sql}) links"
            f" LEFT OUTER JOIN {priority} ON {priority}.{q('id')} = links.{q('priorities')}"
            f" GROUP BY {priority}.{q('title')}",
            priority_params,
        )
        return by_area_type_stream, cursor.fetchall()


def spend_overview(grants: QuerySet[Grant]) -> dict:
    """Return totals of awarded pence by plan priority, partner type, force area and funding stream, summed from
    the grants: the reference that the stored totals (spend_overview_for) must equal."""
    return _spend_summary(*_spend_rows(grants.exclude(status=Grant.Status.TERMINATED).order_by()))


def spend_overview_for(user) -> dict:
    """Return spend_overview(grants_visible_to(user)), read from the stored totals where the user's scope is areas.

    The totals are kept per area by the database (commissioning.models.StreamSpendEntry, PrioritySpendEntry): the
    national overview reads a few hundred entries, not every grant of the nation.
    """
    scope = _grant_scope(user)
    if scope is None or "organisation_id" in scope:  # nobody's, or a partner's own grants: not kept per recipient
        return spend_overview(grants_visible_to(user))
    return _spend_summary(*_stored_spend_rows(area_ids=scope.get("area_ids")))


def _stored_spend_rows(*, area_ids=None) -> tuple[list[tuple], list[tuple]]:
    """Return the rows of _spend_rows for the areas' grants (every area's without any), from the stored totals.

    An entry is a change: the keys' sums are the totals, and a key whose grants are all gone sums to no grant.
    """
    sums = {"total": Sum("total_pence"), "count": Sum("grant_count")}
    streams = StreamSpendEntry.objects.order_by()
    priorities = PrioritySpendEntry.objects.order_by()
    if area_ids is not None:
        streams, priorities = streams.filter(force_area__in=area_ids), priorities.filter(force_area__in=area_ids)
    by_area_type_stream = streams.values_list("force_area__name", "org_type", "stream_id").annotate(**sums)
    by_priority_title = priorities.values_list("priority__title").annotate(**sums)
    return list(by_area_type_stream.filter(count__gt=0)), list(by_priority_title.filter(count__gt=0))


def _spend_summary(by_area_type_stream: list[tuple], by_priority_title: list[tuple]) -> dict:
    """Shape the rows of _spend_rows into the overview's totals, each list in the order the page shows it."""
    area_totals: dict[str, dict] = {}
    type_totals: dict[str, dict] = {}
    by_stream: dict[int, int] = {}
    # PostgreSQL sums sums as numeric: int() gives every total and count the one type either database returns.
    for area_name, org_type, stream_id, total, count in by_area_type_stream:
        total, count = int(total), int(count)
        by_stream[stream_id] = by_stream.get(stream_id, 0) + total
        for totals, key in ((area_totals, area_name), (type_totals, org_type)):
            entry = totals.setdefault(key, {"total": 0, "count": 0})
            entry["total"] += total
            entry["count"] += count
    by_area = sorted(
        ({"force_area__name": name, **entry} for name, entry in area_totals.items()),
        key=lambda row: (-row["total"], row["force_area__name"]),
    )
    type_labels = dict(OrganisationType.choices)
    by_type = sorted(
        (
            {"label": type_labels.get(org_type, org_type), "recipient__org_type": org_type, **entry}
            for org_type, entry in type_totals.items()
        ),
        key=lambda row: (-row["total"], row["label"] or ""),
    )
    # A grant serving several priorities counts in full under each; one serving none is "Not linked".
    by_priority = [
        {"label": title or "Not linked to a priority", "total": int(total), "count": int(count)}
        for title, total, count in by_priority_title
    ]
    by_priority.sort(key=lambda row: (row["label"] == "Not linked to a priority", -row["total"], row["label"]))
    total = sum(row["total"] for row in by_area)
    return {"by_area": by_area, "by_type": by_type, "by_priority": by_priority, "by_stream": by_stream, "total": total}


ENDING_SOON_DAYS = 60


def grants_ending_soon(
    grants: QuerySet[Grant], *, within_days: int = ENDING_SOON_DAYS, today=None, until=None
) -> QuerySet[Grant]:
    today = today or timezone.localdate()
    until = until or today + datetime.timedelta(days=within_days)
    return grants.filter(status=Grant.Status.ACTIVE, end_date__gte=today, end_date__lte=until).order_by(
        "end_date", "pk"
    )  # pk: grants ending the same day keep one order from request to request


def overdue_returns(returns: QuerySet[MonitoringReturn], *, today=None) -> QuerySet[MonitoringReturn]:
    today = today or timezone.localdate()
    return returns.filter(status=MonitoringReturn.Status.DUE, due_date__lt=today).order_by("due_date")


def assignments_of(application: Application) -> QuerySet[Assignment]:
    return application.assignments.select_related("assessor").prefetch_related(
        Prefetch("scores", queryset=Score.objects.select_related("criterion"))
    )


def organisations_for_allocation(area_id: int, kind: str) -> QuerySet[Organisation]:
    from partners.selectors import councils_in_area, organisations_in_area

    if kind == "csp":
        return organisations_in_area(area_id).filter(org_type=OrganisationType.COMMUNITY_SAFETY_PARTNERSHIP)
    return councils_in_area(area_id)


# The overview's lists. Every overview asks them: each query is compiled once per shape
# (pcc_portal.core.querytemplates), the user's scope (the rule of the *_visible_to selectors above) its values.


def overview_overdue(user, *, today: datetime.date, limit: int) -> list[dict]:
    """Return the longest overdue returns the user may see, each row carrying the count of them all."""
    scope = _grant_scope(user)
    if scope is None:
        return []
    return template_rows(
        ("commissioning.overview_overdue", limit), partial(_overdue_query, limit=limit), today=today, **scope
    )


def _overdue_query(*, today: datetime.date, limit: int, area_ids=None, organisation_id=None) -> QuerySet:
    returns = _in_grant_scope(
        MonitoringReturn.objects.all(), grant_prefix="grant__", area_ids=area_ids, organisation_id=organisation_id
    )
    returns = overdue_returns(returns, today=today)
    # The count is a scalar subquery, run once, so only the shown rows are joined to their grants (a window count
    # joined every overdue return of the nation first).
    count = Subquery(returns.order_by().values(count=Func("pk", function="COUNT", output_field=IntegerField())))
    return returns.annotate(overdue_count=count).values(
        "pk", "period_start", "period_end", "due_date", "grant__title", "grant__recipient__name", "overdue_count"
    )[:limit]


def overview_applications(user, *, limit: int) -> list[dict]:
    """Return the applications the user may see, most recently updated first."""
    scope = _application_scope(user)
    if scope is None:
        return []
    return template_rows(
        ("commissioning.overview_applications", limit), partial(_applications_query, limit=limit), **scope
    )


def _applications_query(*, limit: int, **scope) -> QuerySet:
    return (
        _in_application_scope(Application.objects.all(), **scope)
        .order_by("-updated_at")
        .values("pk", "title", "status", "organisation__name", "round__title")[:limit]
    )


def overview_open_rounds(user, *, now: datetime.datetime) -> list[dict]:
    """Return the rounds the user may see that close after now, soonest first."""
    scope = _round_scope(user, now)
    if scope is None:
        return []
    return template_rows("commissioning.overview_rounds", _open_rounds_query, now=now, **scope)


def _open_rounds_query(*, now: datetime.datetime, **scope) -> QuerySet:
    return (
        _in_round_scope(Round.objects.all(), **scope)
        .filter(closes_at__gt=now)
        .order_by("closes_at")
        .values("pk", "title", "closes_at")
    )


def overview_ending_soon(user, *, today: datetime.date, limit: int) -> list[dict]:
    """Return the user's grants_ending_soon."""
    scope = _grant_scope(user)
    if scope is None:
        return []
    until = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    return template_rows(
        ("commissioning.overview_ending", limit),
        partial(_ending_soon_query, limit=limit),
        today=today,
        until=until,
        **scope,
    )


def _ending_soon_query(*, today: datetime.date, until: datetime.date, limit: int, **scope) -> QuerySet:
    grants = grants_ending_soon(_in_grant_scope(Grant.objects.all(), **scope), today=today, until=until)
    return grants.values("pk", "title", "end_date", "recipient__name")[:limit]


def overview_streams(user) -> list[dict]:
    """Return the streams the user may see, newest year first, then by name and area."""
    scope = _stream_scope(user)
    if scope is None:
        return []
    return template_rows("commissioning.overview_streams", _streams_query, **scope)


def _streams_query(**scope) -> QuerySet:
    return (
        _in_stream_scope(FundingStream.objects.all(), **scope)
        .order_by("-financial_year", "name", "force_area__name", "pk")  # same-named streams: by area
        .values("pk", "name", "financial_year", "budget_pence", "force_area__name")
    )

"""Reads of transparency records: published ones for everyone, everything of the area for its staff."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from commissioning import selectors as commissioning_selectors
from commissioning.models import Grant
from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import staff_by_area

from .models import (
    HMICFRS_RESPONSE_DAYS,
    Contract,
    Decision,
    Gift,
    InspectionReport,
    Interest,
    PublicationEntry,
    SpendItem,
    SpendUpload,
)
from .permissions import can_manage_transparency
from .schedule import SCHEDULE, ClassStatus, PublicationClass, Scorecard, scorecard_of


def areas_with_transparency() -> QuerySet[ForceArea]:
    return ForceArea.objects.order_by("name")


def _published_unless_staff(qs: QuerySet, user, area: ForceArea) -> QuerySet:
    qs = qs.filter(force_area=area)
    return qs if can_manage_transparency(user, area) else qs.filter(is_published=True)


def decisions_visible_to(user, *, area: ForceArea) -> QuerySet[Decision]:
    return _published_unless_staff(Decision.objects.select_related("force_area"), user, area)


def decisions_visible_anywhere(user) -> QuerySet[Decision]:
    """Return every area's published decisions, and the drafts of the areas whose scheme the user keeps.

    The same rule as can_manage_transparency, as one lazy queryset (site search narrows it further).
    """
    qs = Decision.objects.all()
    if not (user.is_authenticated and user.is_active):
        return qs.filter(is_published=True)
    if user.is_administrator:
        return qs
    if user.role == Role.OPCC_STAFF:
        return qs.filter(Q(is_published=True) | Q(force_area__in=user.force_areas.all()))
    return qs.filter(is_published=True)


def interests_visible_to(user, *, area: ForceArea) -> QuerySet[Interest]:
    return _published_unless_staff(Interest.objects.all(), user, area)


def gifts_visible_to(user, *, area: ForceArea) -> QuerySet[Gift]:
    return _published_unless_staff(Gift.objects.all(), user, area)


def contracts_visible_to(user, *, area: ForceArea) -> QuerySet[Contract]:
    return _published_unless_staff(Contract.objects.select_related("supplier"), user, area)


def inspections_visible_to(user, *, area: ForceArea) -> QuerySet[InspectionReport]:
    """Every report is public once recorded: HMICFRS publishes it first."""
    return InspectionReport.objects.filter(force_area=area)


def spend_uploads_of(area: ForceArea) -> QuerySet[SpendUpload]:
    return SpendUpload.objects.filter(force_area=area).order_by("-month")


def spend_items_of(area: ForceArea, *, month: datetime.date | None = None) -> QuerySet[SpendItem]:
    qs = SpendItem.objects.filter(upload__force_area=area).order_by("-upload__month", "paid_on", "pk")
    if month is not None:
        qs = qs.filter(upload__month=month)
    return qs


def funding_decisions_of(area: ForceArea):
    """Return commissioning's published funding decisions in the area, read through its own public selector."""
    return (
        commissioning_selectors.published_decisions()
        .filter(application__round__stream__force_area=area)
        .select_related("decided_by")
    )


@dataclass(frozen=True)
class RegisterEntry:
    """One row of the decisions register, whichever app holds the decision."""

    reference: str
    title: str
    decided_on: datetime.date
    decision_maker: str
    summary: str
    url: str
    source: str  # "Decision" or "Funding decision"
    is_published: bool = True
    illustrative: bool = False


def decision_register(user, *, area: ForceArea) -> list[RegisterEntry]:
    """Return the area's decisions and commissioning's funding decisions, newest first."""
    entries = [
        RegisterEntry(
            reference=d.reference,
            title=d.title,
            decided_on=d.decided_on,
            decision_maker=d.decision_maker,
            summary="",
            url=d.get_absolute_url(),
            source="Decision",
            is_published=d.is_published,
            illustrative=d.is_illustrative,
        )
        for d in decisions_visible_to(user, area=area)
    ]
    for d in funding_decisions_of(area):
        amount = f" of £{d.amount_pence / 100:,.2f}" if d.amount_pence else ""
        entries.append(
            RegisterEntry(
                reference=d.reference,
                title=f"{d.get_outcome_display()}{amount}: {d.application.title} ({d.application.organisation.name})",
                decided_on=timezone.localtime(d.decided_at).date(),
                decision_maker=d.decided_by.full_name if d.decided_by_id else "The Commissioner",
                summary=d.reasons,
                url=d.get_absolute_url(),
                source="Funding decision",
            )
        )
    entries.sort(key=lambda e: (e.decided_on, e.reference), reverse=True)
    return entries


def _local_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def _latest(qs: QuerySet, date_field: str, *, area_field: str = "force_area") -> Subquery:
    """Return a subquery of the latest date in qs for the outer force area."""
    return Subquery(
        qs.filter(**{area_field: OuterRef("pk")})
        .order_by()
        .values(area_field)
        .annotate(latest=Max(date_field))
        .values("latest")[:1]
    )


def _later(*dates: datetime.date | None) -> datetime.date | None:
    found = [d for d in dates if d is not None]
    return max(found) if found else None


def last_published(
    item: PublicationClass,
    area_id: int,
    computed: dict[str, dict[int, datetime.date]],
    entered: dict[tuple[int, str], datetime.date],
) -> datetime.date | None:
    """Return when the area last published the class: the later of the portal's records and the date entered."""
    entered_on = entered.get((area_id, item.key))
    if not item.computed:
        return entered_on
    last = _later(computed[item.key].get(area_id), entered_on)
    if item.key == "decisions":
        last = _later(last, computed["funding_decisions"].get(area_id))
    return last


def _schedule_rows(*, area_ids: list[int] | None, late_cutoff: datetime.date, details: bool) -> QuerySet:
    """Return the area rows schedule_for_areas reads (None: every area): the same SQL for any areas of the same
    number, so that it is compiled once per process (its nine correlated subqueries cost more to build than to
    run)."""
    return (
        (ForceArea.objects.all() if area_ids is None else ForceArea.objects.filter(pk__in=area_ids))
        .annotate(
            latest_decisions=_latest(Decision.objects.filter(is_published=True), "published_on"),
            latest_funding_decisions=_latest(
                commissioning_selectors.published_decisions(),
                "decided_at",
                area_field="application__round__stream__force_area",
            ),
            latest_grants=_latest(Grant.objects.filter(is_published=True), "award_date"),
            latest_spend=_latest(SpendUpload.objects.all(), "uploaded_at"),
            latest_contracts=_latest(Contract.objects.filter(is_published=True), "updated_at"),
            latest_interests=_latest(Interest.objects.filter(is_published=True), "updated_at"),
            latest_gifts=_latest(Gift.objects.filter(is_published=True), "updated_at"),
            latest_hmicfrs=_latest(InspectionReport.objects.all(), "response_published_on"),
            late_responses=Subquery(
                InspectionReport.objects.filter(
                    force_area=OuterRef("pk"), response_published_on__isnull=True, published_on__lt=late_cutoff
                )
                .order_by()
                .values("force_area")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            # With details the entries are read whole below; a subquery per class costs more to build than to run.
            **(
                {}
                if details
                else {
                    f"entered_{item.key}": Subquery(
                        PublicationEntry.objects.filter(force_area=OuterRef("pk"), publication_class=item.key).values(
                            "last_published_on"
                        )[:1]
                    )
                    for item in SCHEDULE
                }
            ),
        )
        .values()
    )


def schedule_for_areas(
    area_ids: Iterable[int] | None, *, today: datetime.date | None = None, details: bool = True
) -> dict[int, list[ClassStatus]]:
    """Return each area's schedule (None: every area's): each class with its last publication.

    One query reads every date; with details, a second reads the links staff entered and the illustrative flags.
    """
    today = today or timezone.localdate()
    if area_ids is not None:
        area_ids = set(area_ids)
        if not area_ids:
            return {}
    late_cutoff = today - datetime.timedelta(days=HMICFRS_RESPONSE_DAYS)
    # One query for every computed class: a correlated subquery per class on the area row.
    rows = template_rows(
        ("transparency.schedule", details),
        lambda **arguments: _schedule_rows(details=details, **arguments),
        area_ids=None if area_ids is None else sorted(area_ids),
        late_cutoff=late_cutoff,
    )
    keys = ["decisions", "funding_decisions", "grants", "spend", "contracts", "interests", "gifts", "hmicfrs"]
    computed: dict[str, dict[int, datetime.date]] = {key: {} for key in keys}
    overdue: dict[int, int] = {}
    codes: dict[int, str] = {}
    entered: dict[tuple[int, str], datetime.date] = {}
    for row in rows:
        codes[row["id"]] = row["code"]
        for item in SCHEDULE if not details else ():
            if row[f"entered_{item.key}"] is not None:
                entered[(row["id"], item.key)] = row[f"entered_{item.key}"]
        for key in keys:
            if row[f"latest_{key}"] is not None:
                computed[key][row["id"]] = _local_date(row[f"latest_{key}"])
        overdue[row["id"]] = row["late_responses"] or 0
    entries = {}
    if details:
        entries = {
            (e.force_area_id, e.publication_class): e for e in PublicationEntry.objects.filter(force_area__in=codes)
        }
        entered = {key: e.last_published_on for key, e in entries.items() if e.last_published_on is not None}
    result: dict[int, list[ClassStatus]] = {}
    for area_id, code in codes.items():
        statuses = []
        for item in SCHEDULE:
            entry = entries.get((area_id, item.key))
            last = last_published(item, area_id, computed, entered)
            if item.computed:
                if item.url_name.startswith("transparency:"):
                    url = reverse(item.url_name, kwargs={"code": code})
                else:
                    url = reverse(item.url_name) + f"?area={code}"
            else:
                url = entry.url if entry else ""
            statuses.append(
                ClassStatus(
                    publication_class=item,
                    last_published=last,
                    url=url,
                    today=today,
                    overdue_responses=overdue.get(area_id, 0) if item.key == "hmicfrs" else 0,
                    illustrative=bool(entry and entry.is_illustrative),
                    area_code=code,
                )
            )
        result[area_id] = statuses
    return result


def schedule_for(area: ForceArea, *, today: datetime.date | None = None) -> list[ClassStatus]:
    return schedule_for_areas([area.pk], today=today).get(area.pk, [])


def scorecard_for(area: ForceArea) -> tuple[Scorecard, list[ClassStatus]]:
    statuses = schedule_for(area)
    return scorecard_of(statuses), statuses


def has_illustrative_content(area: ForceArea) -> bool:
    return Decision.objects.filter(force_area=area, is_illustrative=True).exists()


def reminder_recipients(area_ids: set[int], *, user=None) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
    """Return, per area, who is reminded (its OPCC staff) and whom late items are raised with once.

    Late items go to the chief executive where one is recorded, else to every OPCC staff member.
    With a user, only that user, without a query: the area's staff are reminded of every item, so
    whether someone else is the chief executive cannot change what the user has to do.
    """
    if user is not None:
        staff = staff_by_area(area_ids, user=user)
        chief = "chief executive" in (user.job_title or "").lower()
        return {area_id: (ids, ids if chief else frozenset()) for area_id, ids in staff.items()}
    rows = User.force_areas.through.objects.filter(
        forcearea_id__in=area_ids, user__role=Role.OPCC_STAFF, user__is_active=True
    ).values_list("forcearea_id", "user_id", "user__job_title")
    everyone: dict[int, set[int]] = {}
    chiefs: dict[int, set[int]] = {}
    for area_id, user_id, job in rows:
        everyone.setdefault(area_id, set()).add(user_id)
        if "chief executive" in (job or "").lower():
            chiefs.setdefault(area_id, set()).add(user_id)
    return {area_id: (frozenset(ids), frozenset(chiefs.get(area_id) or ids)) for area_id, ids in everyone.items()}

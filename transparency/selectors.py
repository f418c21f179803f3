"""Reads of transparency records: published ones for everyone, everything of the area for its staff."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commissioning import selectors as commissioning_selectors
from commissioning.models import Grant
from pcc_portal.accounts.models import ForceArea, Role, User

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
from .schedule import SCHEDULE, ClassStatus, Scorecard, scorecard_of


def areas_with_transparency() -> QuerySet[ForceArea]:
    return ForceArea.objects.order_by("name")


def _published_unless_staff(qs: QuerySet, user, area: ForceArea) -> QuerySet:
    qs = qs.filter(force_area=area)
    return qs if can_manage_transparency(user, area) else qs.filter(is_published=True)


def decisions_visible_to(user, *, area: ForceArea) -> QuerySet[Decision]:
    return _published_unless_staff(Decision.objects.select_related("force_area"), user, area)


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


def _latest_by_area(qs: QuerySet, *, area_field: str, date_field: str) -> dict[int, datetime.date]:
    rows = qs.values(area_field).annotate(latest=Max(date_field)).values_list(area_field, "latest")
    return {area_id: _local_date(latest) for area_id, latest in rows if latest is not None}


def _later(*dates: datetime.date | None) -> datetime.date | None:
    found = [d for d in dates if d is not None]
    return max(found) if found else None


def schedule_for_areas(
    areas: Iterable[ForceArea], *, today: datetime.date | None = None
) -> dict[int, list[ClassStatus]]:
    """Return each area's schedule: every class with its last publication, in a fixed number of queries."""
    today = today or timezone.localdate()
    codes = {area.pk: area.code for area in areas}
    area_ids = set(codes)
    if not area_ids:
        return {}
    computed = {
        "decisions": _latest_by_area(
            Decision.objects.filter(force_area__in=area_ids, is_published=True),
            area_field="force_area",
            date_field="published_on",
        ),
        "funding_decisions": _latest_by_area(
            commissioning_selectors.published_decisions().filter(application__round__stream__force_area__in=area_ids),
            area_field="application__round__stream__force_area",
            date_field="decided_at",
        ),
        "grants": _latest_by_area(
            Grant.objects.filter(force_area__in=area_ids, is_published=True),
            area_field="force_area",
            date_field="award_date",
        ),
        "spend": _latest_by_area(
            SpendUpload.objects.filter(force_area__in=area_ids), area_field="force_area", date_field="uploaded_at"
        ),
        "contracts": _latest_by_area(
            Contract.objects.filter(force_area__in=area_ids, is_published=True),
            area_field="force_area",
            date_field="updated_at",
        ),
        "interests": _latest_by_area(
            Interest.objects.filter(force_area__in=area_ids, is_published=True),
            area_field="force_area",
            date_field="updated_at",
        ),
        "gifts": _latest_by_area(
            Gift.objects.filter(force_area__in=area_ids, is_published=True),
            area_field="force_area",
            date_field="updated_at",
        ),
        "hmicfrs": {},
    }
    late_cutoff = today - datetime.timedelta(days=HMICFRS_RESPONSE_DAYS)
    overdue: dict[int, int] = {}
    inspections = (
        InspectionReport.objects.filter(force_area__in=area_ids)
        .values("force_area")
        .annotate(
            latest=Max("response_published_on"),
            late=Count("pk", filter=Q(response_published_on__isnull=True, published_on__lt=late_cutoff)),
        )
        .values_list("force_area", "latest", "late")
    )
    for area_id, latest, late in inspections:
        if latest is not None:
            computed["hmicfrs"][area_id] = latest
        overdue[area_id] = late
    entries = {
        (e.force_area_id, e.publication_class): e for e in PublicationEntry.objects.filter(force_area__in=area_ids)
    }
    result: dict[int, list[ClassStatus]] = {}
    for area_id, code in codes.items():
        statuses = []
        for item in SCHEDULE:
            entry = entries.get((area_id, item.key))
            entered = entry.last_published_on if entry else None
            if item.computed:
                last = _later(computed[item.key].get(area_id), entered)
                if item.key == "decisions":
                    last = _later(last, computed["funding_decisions"].get(area_id))
                if item.url_name.startswith("transparency:"):
                    url = reverse(item.url_name, kwargs={"code": code})
                else:
                    url = reverse(item.url_name) + f"?area={code}"
            else:
                last = entered
                url = entry.url if entry else ""
            statuses.append(
                ClassStatus(
                    publication_class=item,
                    last_published=last,
                    url=url,
                    today=today,
                    overdue_responses=overdue.get(area_id, 0) if item.key == "hmicfrs" else 0,
                    illustrative=bool(entry and entry.is_illustrative),
                )
            )
        result[area_id] = statuses
    return result


def schedule_for(area: ForceArea, *, today: datetime.date | None = None) -> list[ClassStatus]:
    return schedule_for_areas([area], today=today).get(area.pk, [])


def scorecard_for(area: ForceArea) -> tuple[Scorecard, list[ClassStatus]]:
    statuses = schedule_for(area)
    return scorecard_of(statuses), statuses


def has_illustrative_content(area: ForceArea) -> bool:
    return Decision.objects.filter(force_area=area, is_illustrative=True).exists()


def reminder_recipients(area_ids: set[int]) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
    """Return, per area, who is reminded (its OPCC staff) and whom late items are raised with once.

    Late items go to the chief executive where one is recorded, else to every OPCC staff member.
    """
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

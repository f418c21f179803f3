"""Transparency deadlines for "what's due", reminders and escalation.

- HMICFRS report: the Commissioner's response is due 56 days after the report's publication (Police Act 1996 s55).
- Publication schedule: a class falls due again when its last publication is as old as its frequency.
Both remind the area's OPCC staff; a late item is raised once with the chief executive (or all staff).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import CharField, DateField, DateTimeField, F, IntegerField, Max, QuerySet, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from commissioning import selectors as commissioning_selectors
from commissioning.models import Grant
from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at

from .models import (
    HMICFRS_RESPONSE_DAYS,
    Contract,
    Decision,
    Gift,
    InspectionReport,
    Interest,
    PublicationEntry,
    SpendUpload,
)
from .schedule import SCHEDULE, ClassStatus
from .selectors import last_published, reminder_recipients


def _area_ids_for(user) -> set[int] | None:
    """Return the areas whose deadlines the user is reminded of; None means every area."""
    if user is None:
        return None
    if user.is_active and user.role == Role.OPCC_STAFF:
        return set(user.area_ids)
    return set()


@dataclass(frozen=True)
class DueDates:
    """What the transparency deadlines are worked out from: each area's classes with a date, and HMICFRS reports."""

    schedule: dict[int, list[ClassStatus]]  # only the classes published at least once (the others fall due never)
    reports: list[InspectionReport]  # published in the range asked for; force_area_code set on each


_NO_ID = Value(None, output_field=IntegerField())
_NO_TEXT = Value(None, output_field=CharField())
_NO_DATE = Value(None, output_field=DateField())


def _day_of(model, field_name: str):
    field = model._meta.get_field(field_name)
    # The local date of a moment, as _local_date gives it; a date field is already one.
    return TruncDate(field_name) if isinstance(field, DateTimeField) else F(field_name)


def _latest_rows(qs: QuerySet, date_field: str, key: str, area_ids: set[int] | None, *, area: str = "force_area"):
    if area_ids is not None:
        qs = qs.filter(**{f"{area}__in": area_ids})
    return (
        qs.order_by()
        .values(area_=F(area), source_=Value(f"latest:{key}"))
        .annotate(on_=Max(_day_of(qs.model, date_field)), pk_=_NO_ID, title_=_NO_TEXT, done_on_=_NO_DATE)
    )


def _due_date_rows(
    *, area_ids: list[int] | None, published_from: datetime.date, published_to: datetime.date
) -> QuerySet:
    """Return the rows due_dates reads (None: every area's): the same SQL for any areas of the same number.

    The areas' codes come as rows of their own, last (the code as the title): joining the areas to each of the
    ten parts had PostgreSQL spend longer planning the joins than running the query.
    """
    entries = PublicationEntry.objects.filter(last_published_on__isnull=False)
    reports = InspectionReport.objects.filter(published_on__gte=published_from, published_on__lte=published_to)
    areas = ForceArea.objects.all()
    if area_ids is not None:
        entries, reports = entries.filter(force_area__in=area_ids), reports.filter(force_area__in=area_ids)
        areas = areas.filter(pk__in=area_ids)
    # An entered date's class comes as its title, and an area's code.
    entered_rows = entries.values(area_=F("force_area"), source_=Value("entered")).annotate(
        on_=F("last_published_on"), pk_=_NO_ID, title_=F("publication_class"), done_on_=_NO_DATE
    )
    report_rows = reports.values(area_=F("force_area"), source_=Value("report")).annotate(
        on_=F("published_on"), pk_=F("pk"), title_=F("title"), done_on_=F("response_published_on")
    )
    area_rows = areas.values(area_=F("pk"), source_=Value("area")).annotate(
        on_=_NO_DATE, pk_=_NO_ID, title_=F("code"), done_on_=_NO_DATE
    )
    latest = [
        _latest_rows(Decision.objects.filter(is_published=True), "published_on", "decisions", area_ids),
        _latest_rows(
            commissioning_selectors.published_decisions(),
            "decided_at",
            "funding_decisions",
            area_ids,
            area="application__round__stream__force_area",
        ),
        _latest_rows(Grant.objects.filter(is_published=True), "award_date", "grants", area_ids),
        _latest_rows(SpendUpload.objects.all(), "uploaded_at", "spend", area_ids),
        _latest_rows(Contract.objects.filter(is_published=True), "updated_at", "contracts", area_ids),
        _latest_rows(Interest.objects.filter(is_published=True), "updated_at", "interests", area_ids),
        _latest_rows(Gift.objects.filter(is_published=True), "updated_at", "gifts", area_ids),
        _latest_rows(InspectionReport.objects.all(), "response_published_on", "hmicfrs", area_ids),
    ]
    return entered_rows.order_by().union(report_rows.order_by(), *latest, area_rows.order_by(), all=True)


def due_dates(area_ids: Iterable[int] | None, *, reports_published: tuple[datetime.date, datetime.date]) -> DueDates:
    """Return what the deadlines need (None: every area's), in one query.

    The latest date of each class the portal holds comes grouped by area, and
    the dates staff entered and the reports as rows: a UNION of the same
    columns, where schedule_for_areas asks a correlated subquery per class
    (it also reads links and late responses, which a deadline does not need).
    """
    today = timezone.localdate()
    if area_ids is not None:
        area_ids = set(area_ids)
        if not area_ids:
            return DueDates(schedule={}, reports=[])
    rows = template_rows(
        "transparency.due_dates",
        _due_date_rows,
        area_ids=area_ids,
        published_from=reports_published[0],
        published_to=reports_published[1],
    )
    computed: dict[str, dict[int, datetime.date]] = defaultdict(dict)
    entered: dict[tuple[int, str], datetime.date] = {}
    codes = {row["area_"]: row["title_"] for row in rows if row["source_"] == "area"}
    found_areas: dict[int, None] = {}  # the areas with a row, in the order of their first
    found_reports = []
    for row in rows:
        source, _, key = row["source_"].partition(":")
        if source == "area":
            continue
        found_areas[row["area_"]] = None
        if source == "report":
            report = InspectionReport(
                pk=row["pk_"],
                force_area_id=row["area_"],
                title=row["title_"],
                published_on=row["on_"],
                response_published_on=row["done_on_"],
            )
            report.force_area_code = codes[row["area_"]]
            found_reports.append(report)
        elif row["on_"] is not None and source == "entered":
            entered[(row["area_"], row["title_"])] = row["on_"]
        elif row["on_"] is not None:
            computed[key][row["area_"]] = row["on_"]
    schedule: dict[int, list[ClassStatus]] = {}
    for area_id in found_areas:
        code = codes[area_id]
        for item in SCHEDULE:
            last = last_published(item, area_id, computed, entered)
            if last is not None:
                status = ClassStatus(publication_class=item, last_published=last, url="", today=today, area_code=code)
                schedule.setdefault(area_id, []).append(status)
    return DueDates(schedule=schedule, reports=found_reports)


def deadlines_for(
    *, start: datetime.datetime, end: datetime.datetime, user=None, area_id: int | None = None
) -> Iterator[Deadline]:
    """Yield the deadlines due in [start, end): every area's, or only those of the user's areas (or of one area)."""
    area_ids = _area_ids_for(user)
    if area_id is not None:
        area_ids = {area_id} if area_ids is None else area_ids & {area_id}
    if area_ids is not None and not area_ids:
        return
    window = datetime.timedelta(days=HMICFRS_RESPONSE_DAYS)
    first = start.astimezone(LONDON).date() - datetime.timedelta(days=1)
    last = end.astimezone(LONDON).date()
    dates = due_dates(area_ids, reports_published=(first - window, last - window))
    found: list[tuple[int, dict]] = []
    for report in dates.reports:
        due = due_at(report.response_due_on)
        if start <= due < end:
            found.append((report.force_area_id, _response_due(report, due)))
    for area_id, statuses in dates.schedule.items():
        for status in statuses:
            if status.next_due is not None and start <= due_at(status.next_due) < end:
                found.append((area_id, _class_due(area_id, status)))
    if not found:
        return
    # Who is reminded is looked up once, and only when something is due.
    people = reminder_recipients({area_id for area_id, _ in found}, user=user)
    for area_id, fields in found:
        staff, escalate = people.get(area_id, (frozenset(), frozenset()))
        yield Deadline(area_id=area_id, responsible="OPCC", recipient_ids=staff, escalate_to_ids=escalate, **fields)


def _response_due(report: InspectionReport, due: datetime.datetime) -> dict:
    return {
        "key": f"transparency.hmicfrs_response:{report.pk}",
        "kind": "transparency.hmicfrs_response",
        "kind_label": "Response to an HMICFRS report due",
        "title": f"Publish the Commissioner's response to “{report.title}”",
        "due": due,
        "url": reverse(
            "transparency:record_edit",
            kwargs={"code": report.force_area_code, "kind": "inspections", "pk": report.pk},
        ),
        "done": report.response_published_on is not None,
    }


def _class_due(area_id: int, status) -> dict:
    item = status.publication_class
    return {
        # The date is part of the key: publishing again starts a new cycle with its own reminders.
        "key": f"transparency.schedule:{area_id}:{item.key}:{status.next_due.isoformat()}",
        "kind": "transparency.schedule",
        "kind_label": "Publication scheme item falls out of date",
        "title": f"Publish “{item.label}” again ({item.frequency_label.lower()})",
        "due": due_at(status.next_due),
        "url": reverse("transparency:manage", kwargs={"code": status.area_code}) + f"#class-{item.key}",
    }

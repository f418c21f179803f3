"""Transparency deadlines for "what's due", reminders and escalation.

- HMICFRS report: the Commissioner's response is due 56 days after the report's publication (Police Act 1996 s55).
- Publication schedule: a class falls due again when its last publication is as old as its frequency.
Both remind the area's OPCC staff; a late item is raised once with the chief executive (or all staff).
"""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from pcc_portal.accounts.models import Role
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at

from .models import HMICFRS_RESPONSE_DAYS, InspectionReport
from .selectors import reminder_recipients, schedule_for_areas


def _area_ids_for(user) -> set[int] | None:
    """Return the areas whose deadlines the user is reminded of; None means every area."""
    if user is None:
        return None
    if user.is_active and user.role == Role.OPCC_STAFF:
        return set(user.area_ids)
    return set()


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
    reports = InspectionReport.objects.filter(published_on__gte=first - window, published_on__lte=last - window)
    if area_ids is not None:
        reports = reports.filter(force_area__in=area_ids)
    found: list[tuple[int, dict]] = []
    for report in reports.select_related("force_area"):
        due = due_at(report.response_due_on)
        if start <= due < end:
            found.append((report.force_area_id, _response_due(report, due)))
    for area_id, statuses in schedule_for_areas(area_ids, details=False).items():
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
            kwargs={"code": report.force_area.code, "kind": "inspections", "pk": report.pk},
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

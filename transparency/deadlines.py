"""Transparency deadlines for "what's due", reminders and escalation.

- HMICFRS report: the Commissioner's response is due 56 days after the report's publication (Police Act 1996 s55).
- Publication schedule: a class falls due again when its last publication is as old as its frequency.
Both remind the area's OPCC staff; a late item is raised once with the chief executive (or all staff).
"""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at

from .models import InspectionReport
from .selectors import reminder_recipients, schedule_for_areas


def _area_ids_for(user) -> set[int] | None:
    """Return the areas whose deadlines the user is reminded of; None means every area."""
    if user is None:
        return None
    if user.is_active and user.role == Role.OPCC_STAFF:
        return set(user.area_ids)
    return set()


def deadlines_for(*, start: datetime.datetime, end: datetime.datetime, user=None) -> Iterator[Deadline]:
    area_ids = _area_ids_for(user)
    if area_ids is not None and not area_ids:
        return
    first = start.astimezone(LONDON).date() - datetime.timedelta(days=1)
    last = end.astimezone(LONDON).date()
    areas = ForceArea.objects.all() if area_ids is None else ForceArea.objects.filter(pk__in=area_ids)
    areas = list(areas.only("pk", "code", "name"))
    if not areas:
        return
    people = reminder_recipients({a.pk for a in areas})
    yield from _responses_due(areas, people, first, last, start, end)
    yield from _schedule_due(areas, people, start, end)


def _responses_due(areas, people, first, last, start, end) -> Iterator[Deadline]:
    reports = InspectionReport.objects.filter(
        force_area__in=[a.pk for a in areas],
        published_on__gte=first - datetime.timedelta(days=56),
        published_on__lte=last - datetime.timedelta(days=56) + datetime.timedelta(days=1),
    ).select_related("force_area")
    for report in reports:
        due = due_at(report.response_due_on)
        if not start <= due < end:
            continue
        staff, escalate = people.get(report.force_area_id, (frozenset(), frozenset()))
        yield Deadline(
            key=f"transparency.hmicfrs_response:{report.pk}",
            kind="transparency.hmicfrs_response",
            kind_label="Response to an HMICFRS report due",
            title=f"Publish the Commissioner's response to “{report.title}”",
            due=due,
            url=reverse(
                "transparency:record_edit",
                kwargs={"code": report.force_area.code, "kind": "inspections", "pk": report.pk},
            ),
            area_id=report.force_area_id,
            responsible="OPCC",
            recipient_ids=staff,
            escalate_to_ids=escalate,
            done=report.response_published_on is not None,
        )


def _schedule_due(areas, people, start, end) -> Iterator[Deadline]:
    by_code = {a.pk: a.code for a in areas}
    for area_id, statuses in schedule_for_areas(areas).items():
        staff, escalate = people.get(area_id, (frozenset(), frozenset()))
        for status in statuses:
            if status.next_due is None:
                continue
            due = due_at(status.next_due)
            if not start <= due < end:
                continue
            item = status.publication_class
            yield Deadline(
                # The date is part of the key: publishing again starts a new cycle with its own reminders.
                key=f"transparency.schedule:{area_id}:{item.key}:{status.next_due.isoformat()}",
                kind="transparency.schedule",
                kind_label="Publication scheme item falls out of date",
                title=f"Publish “{item.label}” again ({item.frequency_label.lower()})",
                due=due,
                url=reverse("transparency:manage", kwargs={"code": by_code[area_id]}) + f"#class-{item.key}",
                area_id=area_id,
                responsible="OPCC",
                recipient_ids=staff,
                escalate_to_ids=escalate,
            )

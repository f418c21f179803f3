"""The panel's dates for the portal-wide deadline registry and calendar feeds."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Q
from django.utils import timezone

from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines.registry import CalendarEvent, Deadline, due_at

from . import calendar as statutory
from .models import ConfirmationHearing, Meeting, Panel, PanelReport, PreceptYear, Recommendation
from .permissions import can_use_panels
from .selectors import meetings_visible_to

# Papers are due at most this long before a meeting (5 working days and a long bank holiday run).
PAPERS_LOOKAHEAD = datetime.timedelta(days=21)


def _panels_for(user):
    """The panels whose deadlines are wanted: all of them, or those in the user's areas for those who work with panels.

    Papers, precept and hearing dates are the panel's and the office's work: a
    partner or a successor body officer is not reminded of them.
    """
    qs = Panel.objects.select_related("force_area")
    if user is None or user.is_administrator:
        return qs
    if not can_use_panels(user):
        return qs.none()
    return qs.filter(force_area_id__in=user.area_ids)


def _people_by_area(area_ids: set[int]) -> dict[int, dict[str, set[int]]]:
    """Return {area id: {role: user ids}} for the roles reminded of panel dates, in one query."""
    people: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = User.force_areas.through.objects.filter(
        forcearea_id__in=area_ids,
        user__is_active=True,
        user__role__in=[Role.PANEL_SECRETARIAT, Role.OPCC_STAFF, Role.PANEL_MEMBER],
    ).values_list("forcearea_id", "user_id", "user__role")
    for area_id, user_id, role in rows:
        people[area_id][role].add(user_id)
    return people


def panel_deadlines(*, start: datetime.datetime, end: datetime.datetime, user=None) -> Iterator[Deadline]:
    """Yield papers due, precept steps, hearing reports and responses due in [start, end)."""
    panels = {panel.pk: panel for panel in _panels_for(user)}
    if not panels:
        return
    people = _people_by_area({p.force_area_id for p in panels.values()})
    extra_secretariat: dict[int, set[int]] = defaultdict(set)
    for panel_id, user_id in Panel.secretariat.through.objects.filter(panel_id__in=panels).values_list(
        "panel_id", "user_id"
    ):
        extra_secretariat[panel_id].add(user_id)

    def secretariat(panel: Panel) -> frozenset[int]:
        return frozenset(people[panel.force_area_id][Role.PANEL_SECRETARIAT] | extra_secretariat[panel.pk])

    def opcc(panel: Panel) -> frozenset[int]:
        return frozenset(people[panel.force_area_id][Role.OPCC_STAFF])

    items: list[Deadline] = []
    meetings = Meeting.objects.filter(
        panel_id__in=panels, starts_at__gte=start, starts_at__lt=end + PAPERS_LOOKAHEAD
    ).order_by("starts_at")
    for meeting in meetings:
        meeting.panel = panels[meeting.panel_id]
        due = due_at(meeting.papers_due_on)
        if start <= due < end:
            items.append(
                Deadline(
                    key=f"panels.papers_due:{meeting.pk}",
                    kind="panels.papers_due",
                    kind_label="Meeting papers due",
                    title=f"Papers for the {meeting.panel.name} meeting of {meeting.meeting_date:%-d %B %Y}",
                    due=due,
                    url=meeting.get_absolute_url(),
                    area_id=meeting.panel.force_area_id,
                    responsible="Panel secretariat",
                    recipient_ids=secretariat(meeting.panel),
                    done=meeting.papers_published_on is not None
                    and meeting.papers_published_on <= meeting.papers_due_on,
                )
            )

        if meeting.kind == Meeting.Kind.ANNUAL_REPORT and start <= meeting.starts_at < end:
            items.append(
                Deadline(
                    key=f"panels.annual_report_meeting:{meeting.pk}",
                    kind="panels.annual_report_meeting",
                    kind_label="Annual report meeting",
                    title=f"The Commissioner's annual report at the {meeting.panel.name}",
                    due=meeting.starts_at,
                    url=meeting.get_absolute_url(),
                    area_id=meeting.panel.force_area_id,
                    responsible="OPCC",
                    recipient_ids=opcc(meeting.panel) | secretariat(meeting.panel),
                    done=meeting.minutes_approved,
                )
            )

    years = range(timezone.localtime(start).year, timezone.localtime(end).year + 1)
    recorded = {(p.panel_id, p.year): p for p in PreceptYear.objects.filter(panel_id__in=panels, year__in=years)}
    for panel in panels.values():
        for year in years:
            record = recorded.get((panel.pk, year))
            done_by_step = {
                "proposed": bool(record and record.proposed_precept_received_on),
                "report": bool(record and record.panel_report_on),
                "revised": bool(record and record.revised_precept_received_on),
                "second_report": bool(record and record.second_report_on),
                "final": bool(record and record.final_precept_issued_on),
            }
            for step in statutory.precept_timetable(year):
                if step.after_veto_only and not (record and record.vetoed):
                    continue
                due = due_at(step.due)
                if not start <= due < end:
                    continue
                for_opcc = step.responsible == "OPCC"
                items.append(
                    Deadline(
                        key=f"panels.precept_{step.key}:{panel.pk}-{year}",
                        kind=f"panels.precept_{step.key}",
                        kind_label=f"Precept {statutory.financial_year_label(year)}",
                        title=f"{step.label} ({panel.force_area.name})",
                        due=due,
                        url=f"{panel.get_absolute_url()}calendar/?year={year}",
                        area_id=panel.force_area_id,
                        responsible="OPCC" if for_opcc else "Police and Crime Panel",
                        recipient_ids=(opcc(panel) | secretariat(panel)) if for_opcc else secretariat(panel),
                        done=done_by_step[step.key],
                    )
                )

    earliest = timezone.localtime(start).date() - datetime.timedelta(days=statutory.HEARING_DAYS)
    for hearing in ConfirmationHearing.objects.filter(
        panel_id__in=panels, notified_on__gte=earliest, notified_on__lt=timezone.localtime(end).date()
    ):
        panel = panels[hearing.panel_id]
        due = due_at(hearing.report_due_on)
        if start <= due < end:
            items.append(
                Deadline(
                    key=f"panels.hearing_report:{hearing.pk}",
                    kind="panels.hearing_report",
                    kind_label="Confirmation hearing report",
                    title=f"Report on the proposed {hearing.get_post_display()}, {hearing.candidate}",
                    due=due,
                    url=f"{panel.get_absolute_url()}calendar/",
                    area_id=panel.force_area_id,
                    responsible="Police and Crime Panel",
                    recipient_ids=secretariat(panel),
                    done=hearing.reported_on is not None,
                )
            )

    reports = PanelReport.objects.filter(
        panel_id__in=panels,
        responses_due_on__gte=timezone.localtime(start).date(),
        responses_due_on__lt=timezone.localtime(end).date() + datetime.timedelta(days=1),
    ).annotate(awaiting=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.AWAITING)))
    for report in reports:
        panel = panels[report.panel_id]
        due = due_at(report.responses_due_on)
        if start <= due < end:
            items.append(
                Deadline(
                    key=f"panels.responses_due:{report.pk}",
                    kind="panels.responses_due",
                    kind_label="Responses to panel recommendations due",
                    title=f"Responses to “{report.title}” ({panel.name})",
                    due=due,
                    url=report.get_absolute_url(),
                    area_id=panel.force_area_id,
                    responsible="OPCC",
                    recipient_ids=opcc(panel),
                    escalate_to_ids=secretariat(panel),
                    done=report.awaiting == 0,
                )
            )
    for item in items:
        if user is None or user.pk in item.recipient_ids or user.pk in item.escalate_to_ids:
            yield item


def meeting_events(*, start: datetime.datetime, end: datetime.datetime, user=None) -> Iterator[CalendarEvent]:
    """Yield panel meetings in [start, end): without a user only those whose papers are published."""
    if user is None:
        qs = Meeting.objects.select_related("panel").filter(papers_published_on__isnull=False)
    else:
        # A personal feed carries the user's own areas' panels, not every published meeting in the country.
        qs = meetings_visible_to(user)
        if not user.is_administrator:
            qs = qs.filter(panel__force_area_id__in=user.area_ids)
    for meeting in qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at"):
        yield CalendarEvent(
            key=f"panels.meeting:{meeting.pk}",
            title=f"{meeting.panel.name}: {meeting.get_kind_display().lower()}",
            start=meeting.starts_at,
            end=None,
            url=meeting.get_absolute_url(),
            area_id=meeting.panel.force_area_id,
            location=meeting.venue,
        )

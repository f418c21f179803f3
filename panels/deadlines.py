"""The panel's dates for the portal-wide deadline registry and calendar feeds."""

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import people_by_area
from pcc_portal.deadlines.registry import CalendarEvent, Deadline, due_at

from . import calendar as statutory
from .models import ConfirmationHearing, Meeting, MinutesStatus, Panel, PanelReport, PreceptYear, Recommendation
from .permissions import can_use_panels
from .selectors import meetings_visible_to

# Papers are due at most this long before a meeting (5 working days and a long bank holiday run).
PAPERS_LOOKAHEAD = datetime.timedelta(days=21)


def _panel_scope(user) -> tuple[str, dict] | None:
    """Return which panels' deadlines are wanted, as a scope of _panels and its values; None for none at all.

    Papers, precept and hearing dates are the panel's and the office's work: a
    partner or a successor body officer is not reminded of them. An administrator
    is reminded only as one of an area's staff or secretariat, or where named in a
    panel's secretariat: not of every panel in the country.
    """
    if user is None:
        return "all", {}
    if user.is_administrator:
        if user.role in {Role.PANEL_SECRETARIAT, Role.OPCC_STAFF}:
            return "named_or_areas", {"named_id": user.pk, "area_ids": user.area_ids}
        return "named", {"named_id": user.pk}
    if not can_use_panels(user):
        return None
    return "areas", {"area_ids": user.area_ids}


def _panels(scope: str, *, named_id: int | None = None, area_ids=(), area_id: int | None = None):
    """The panels of a scope of _panel_scope (and of one area, with area_id)."""
    qs = Panel.objects.all()
    if scope != "all":
        named = Q(pk__in=Panel.secretariat.through.objects.filter(user_id=named_id).values("panel_id"))
        in_areas = Q(force_area_id__in=area_ids)
        qs = qs.filter({"named_or_areas": named | in_areas, "named": named, "areas": in_areas}[scope])
    if area_id is not None:
        qs = qs.filter(force_area_id=area_id)
    return qs


def panel_deadlines(
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    user=None,
    area_id: int | None = None,
    recipients: bool = True,
) -> Iterator[Deadline]:
    """Yield papers due, precept steps, hearing reports and responses due in [start, end) (one area's, with
    area_id; without who is reminded, with recipients=False).

    A panel's precept steps are deadlines from the first precept year recorded for it (a PreceptYear), or from the
    year live today (panels.calendar.live_precept_year) when none is recorded or that is later, and never before
    2013/14, the first precept under SI 2012/2271: what's due looks 25 years back, and the years before a panel's
    precepts were kept here are not overdue. Each year from the first on is due, recorded or not.
    """
    years = range(timezone.localtime(start).year, timezone.localtime(end).year + 1)
    scope = _panel_scope(user)
    if scope is None:
        return
    # The panels come in the same query as their dated rows and their precept years' records.
    panels, (meetings, hearings, reports, recorded) = _dated_rows(scope, start, end, years, user=user, area_id=area_id)
    if not panels:
        return
    roles = [Role.PANEL_SECRETARIAT, Role.OPCC_STAFF]
    people = people_by_area({p.force_area_id for p in panels.values()}, roles, user=user) if recipients else {}
    extra_secretariat: dict[int, set[int]] = defaultdict(set)
    if user is None and recipients:
        for panel_id, user_id in Panel.secretariat.through.objects.filter(panel_id__in=panels).values_list(
            "panel_id", "user_id"
        ):
            extra_secretariat[panel_id].add(user_id)
    else:
        for panel in panels.values():
            if panel.user_named_in_secretariat:
                extra_secretariat[panel.pk].add(user.pk)

    @functools.cache  # per panel: a secretariat's list holds a step of every year and every meeting of each panel
    def secretariat(panel: _Panel) -> frozenset[int]:
        by_role = people.get(panel.force_area_id, {})
        return by_role.get(Role.PANEL_SECRETARIAT, frozenset()) | extra_secretariat[panel.pk]

    def opcc(panel: _Panel) -> frozenset[int]:
        return people.get(panel.force_area_id, {}).get(Role.OPCC_STAFF, frozenset())

    # With a user, only the deadlines addressed or escalated to that user are wanted: who is reminded is worked out
    # before each deadline is built, and the others are not built at all (a staff user is not reminded of the
    # secretariat's papers and hearing reports).
    user_id = user.pk if user is not None else None

    def wanted(recipient_ids: frozenset[int], escalate_to_ids: frozenset[int] = frozenset()) -> bool:
        return user_id is None or user_id in recipient_ids or user_id in escalate_to_ids

    # Each record's link from its path template (as get_absolute_url gives it), a panel's once: a secretariat's
    # list holds a precept step for every year of every panel, and each meeting's papers.
    meeting_url = path_maker("panels:meeting_detail")
    report_url = path_maker("panels:panel_report_detail")
    panel_url = path_maker("panels:panel_detail")
    panel_urls = {pk: panel_url(pk) for pk in panels}
    items: list[Deadline] = []
    # A meeting is a row, not a Meeting: a list from years back reads hundreds of them, and the papers date is worked
    # out once per day and nation (as Meeting.papers_due_on does) rather than per meeting. Who is reminded is asked
    # first: a staff user's list reads the meetings for their annual report meetings, not their papers due.
    local = timezone.get_current_timezone()
    for row in meetings:
        panel = panels[row["panel_"]]
        starts_at = row["starts_"]
        if wanted(secretariat(panel)):
            meeting_on = starts_at.astimezone(local).date()
            due_on = _papers_due_on(meeting_on, panel.nation)
            due = due_at(due_on)
            if start <= due < end:
                published_on = row["done_on_"]
                items.append(
                    Deadline(
                        key=f"panels.papers_due:{row['pk']}",
                        kind="panels.papers_due",
                        kind_label="Meeting papers due",
                        title=f"Papers for the {panel.name} meeting of {meeting_on:%-d %B %Y}",
                        due=due,
                        url=meeting_url(row["pk"]),
                        area_id=panel.force_area_id,
                        responsible="Panel secretariat",
                        recipient_ids=secretariat(panel),
                        done=published_on is not None and published_on <= due_on,
                    )
                )

        if row["text_"] == Meeting.Kind.ANNUAL_REPORT and start <= starts_at < end:
            recipient_ids = opcc(panel) | secretariat(panel)
            if not wanted(recipient_ids):
                continue
            items.append(
                Deadline(
                    key=f"panels.annual_report_meeting:{row['pk']}",
                    kind="panels.annual_report_meeting",
                    kind_label="Annual report meeting",
                    title=f"The Commissioner's annual report at the {panel.name}",
                    due=starts_at,
                    url=meeting_url(row["pk"]),
                    area_id=panel.force_area_id,
                    responsible="OPCC",
                    recipient_ids=recipient_ids,
                    done=row["more_text_"] == MinutesStatus.APPROVED,
                )
            )

    # The first year of each panel's precept steps: its first recorded, or the year live today, from 2013/14 on.
    live_year = statutory.live_precept_year(timezone.localdate())
    first_years: dict[int, int] = {}
    for panel_id, year in recorded:
        if year < first_years.get(panel_id, live_year):
            first_years[panel_id] = year
    for panel in panels.values():
        first_year = max(first_years.get(panel.pk, live_year), statutory.FIRST_PRECEPT_YEAR, years.start)
        for year in range(first_year, years.stop):
            steps_done, vetoed = recorded.get((panel.pk, year), (frozenset(), False))
            for step in statutory.precept_timetable(year):
                if step.after_veto_only and not vetoed:
                    continue
                due = due_at(step.due)
                if not start <= due < end:
                    continue
                for_opcc = step.responsible == "OPCC"
                recipient_ids = (opcc(panel) | secretariat(panel)) if for_opcc else secretariat(panel)
                if not wanted(recipient_ids):
                    continue
                items.append(
                    Deadline(
                        key=f"panels.precept_{step.key}:{panel.pk}-{year}",
                        kind=f"panels.precept_{step.key}",
                        kind_label=f"Precept {statutory.financial_year_label(year)}",
                        title=f"{step.label} ({panel.area_name})",
                        due=due,
                        url=f"{panel_urls[panel.pk]}calendar/?year={year}",
                        area_id=panel.force_area_id,
                        responsible="OPCC" if for_opcc else "Police and Crime Panel",
                        recipient_ids=recipient_ids,
                        done=step.key in steps_done,
                    )
                )

    for row in hearings:
        panel = panels[row["panel_"]]
        if not wanted(secretariat(panel)):
            continue
        hearing = _hearing(row)
        due = due_at(hearing.report_due_on)
        if start <= due < end:
            items.append(
                Deadline(
                    key=f"panels.hearing_report:{hearing.pk}",
                    kind="panels.hearing_report",
                    kind_label="Confirmation hearing report",
                    title=f"Report on the proposed {hearing.get_post_display()}, {hearing.candidate}",
                    due=due,
                    url=f"{panel_urls[panel.pk]}calendar/",
                    area_id=panel.force_area_id,
                    responsible="Police and Crime Panel",
                    recipient_ids=secretariat(panel),
                    done=hearing.reported_on is not None,
                )
            )

    for report in reports:
        panel = panels[report.panel_id]
        due = due_at(report.responses_due_on)
        if start <= due < end and wanted(opcc(panel), secretariat(panel)):
            items.append(
                Deadline(
                    key=f"panels.responses_due:{report.pk}",
                    kind="panels.responses_due",
                    kind_label="Responses to panel recommendations due",
                    title=f"Responses to “{report.title}” ({panel.name})",
                    due=due,
                    url=report_url(report.pk),
                    area_id=panel.force_area_id,
                    responsible="OPCC",
                    recipient_ids=opcc(panel),
                    escalate_to_ids=secretariat(panel),
                    done=not report.awaiting,
                )
            )
    yield from items


class _Panel(NamedTuple):
    """What the deadlines need of a panel and its area (a secretariat's list holds every panel of its areas)."""

    pk: int
    force_area_id: int
    name: str
    area_name: str
    nation: str
    user_named_in_secretariat: bool


@functools.lru_cache(maxsize=4096)  # a pure function of its arguments: bank holidays are fixed per process
def _papers_due_on(meeting_on: datetime.date, nation: str) -> datetime.date:
    """Return the papers due date of a meeting on the day in an area of the nation (as Meeting.papers_due_on)."""
    subdivision = ForceArea(nation=nation).holiday_subdivision
    return statutory.papers_due_on(meeting_on, nation=nation, subdivision=subdivision)


def _hearing(row: dict) -> ConfirmationHearing:
    """Return a hearing row of _dated_rows as the hearing, whose report due date its model works out."""
    return ConfirmationHearing(
        pk=row["pk"],
        panel_id=row["panel_"],
        notified_on=row["on_"],
        reported_on=row["done_on_"],
        post=row["text_"],
        candidate=row["more_text_"],
    )


# Each step of the precept timetable (panels.calendar) and the PreceptYear date that records it as done.
PRECEPT_STEP_DONE_ON = {
    "proposed": "proposed_precept_received_on",
    "report": "panel_report_on",
    "revised": "revised_precept_received_on",
    "second_report": "second_report_on",
    "final": "final_precept_issued_on",
}


def _dated_rows(
    scope: tuple[str, dict], start, end, years, *, user=None, area_id: int | None = None
) -> tuple[
    dict[int, _Panel],
    tuple[list[dict], list[dict], list[PanelReport], dict[tuple[int, int], tuple[frozenset, bool]]],
]:
    """Return the panels of the scope, and their meetings, hearings and reports that may fall due in [start, end),
    from one query.

    The four come as rows of the same columns (a UNION). Hearings and reports are
    made back into model objects, so their statutory dates stay computed by the
    models themselves; meetings stay rows (a list from years back holds hundreds),
    and panel_deadlines works out their papers dates as Meeting.papers_due_on does.
    Hearings stay rows too until panel_deadlines makes those it wants (_hearing):
    a staff user is not reminded of them.
    The precept years recorded up to the last year of `years` come in the same query too (the first of them is where
    a panel's precept steps start), as {(panel id, year): (the steps recorded as done, vetoed)}. The query is
    compiled once per scope and shape (pcc_portal.core.querytemplates): it is
    asked on every page that lists deadlines.
    """
    name, values = scope
    rows = template_rows(
        ("panels.dated_rows", name),
        functools.partial(_dated_rows_query, name),
        **values,
        area_id=area_id,
        user_id=user.pk if user is not None else None,
        meetings_from=start,
        meetings_to=end + PAPERS_LOOKAHEAD,
        notified_from=timezone.localtime(start).date() - datetime.timedelta(days=statutory.HEARING_DAYS),
        notified_to=timezone.localtime(end).date(),
        responses_from=timezone.localtime(start).date(),
        responses_to=timezone.localtime(end).date() + datetime.timedelta(days=1),
        last_year=years[-1],
    )
    found_panels = {
        row["pk"]: _Panel(row["pk"], row["panel_"], row["text_"], row["more_text_"], row["nation_"], row["flag_"])
        for row in rows
        if row["source_"] == "panel"
    }
    found_meetings = [row for row in rows if row["source_"] == "meeting"]
    found_hearings = [row for row in rows if row["source_"] == "hearing"]
    found_reports = []
    for row in rows:
        if row["source_"] == "report":
            report = PanelReport(pk=row["pk"], panel_id=row["panel_"], responses_due_on=row["on_"], title=row["text_"])
            report.awaiting = row["flag_"]
            found_reports.append(report)
    found_precept_years = {
        (row["panel_"], int(row["more_text_"])): (
            frozenset(step for step, done in zip(PRECEPT_STEP_DONE_ON, row["text_"], strict=True) if done == "1"),
            row["flag_"],
        )
        for row in rows
        if row["source_"] == "precept"
    }
    found_meetings.sort(key=lambda row: (row["starts_"], row["pk"]))
    return found_panels, (found_meetings, found_hearings, found_reports, found_precept_years)


def _dated_rows_query(
    scope: str,
    *,
    named_id=None,
    area_ids=(),
    area_id=None,
    user_id,
    meetings_from,
    meetings_to,
    notified_from,
    notified_to,
    responses_from,
    responses_to,
    last_year,
):
    """Return the UNION _dated_rows reads, for a scope of _panel_scope and the values of one call."""
    no_date = Value(None, output_field=DateField())
    no_text = Value("", output_field=CharField())
    no_flag = Value(False, output_field=BooleanField())
    panel_qs = _panels(scope, named_id=named_id, area_ids=area_ids, area_id=area_id)
    panels = panel_qs.values("pk")
    # Whether the user is named in a panel's own secretariat comes with the panel, not from a second query.
    named = Panel.secretariat.through.objects.filter(panel_id=OuterRef("pk"), user_id=user_id) if user_id else None
    panel_rows = panel_qs.values(
        "pk",
        panel_=F("force_area_id"),
        source_=Value("panel"),
        starts_=Value(None, output_field=DateTimeField()),
        on_=no_date,
        done_on_=no_date,
        text_=F("name"),
        more_text_=F("force_area__name"),
        nation_=F("force_area__nation"),
        flag_=Exists(named) if named is not None else no_flag,
    )
    meetings = Meeting.objects.filter(panel_id__in=panels, starts_at__gte=meetings_from, starts_at__lt=meetings_to)
    meetings = meetings.values(
        "pk",
        panel_=F("panel_id"),
        source_=Value("meeting"),
        starts_=F("starts_at"),
        on_=no_date,
        done_on_=F("papers_published_on"),
        text_=F("kind"),
        more_text_=F("minutes_status"),
        nation_=no_text,
        flag_=no_flag,
    )
    hearings = ConfirmationHearing.objects.filter(
        panel_id__in=panels, notified_on__gte=notified_from, notified_on__lt=notified_to
    ).values(
        "pk",
        panel_=F("panel_id"),
        source_=Value("hearing"),
        starts_=Value(None, output_field=DateTimeField()),
        on_=F("notified_on"),
        done_on_=F("reported_on"),
        text_=F("post"),
        more_text_=F("candidate"),
        nation_=no_text,
        flag_=no_flag,
    )
    awaiting = Recommendation.objects.filter(report=OuterRef("pk"), status=Recommendation.Status.AWAITING)
    reports = PanelReport.objects.filter(
        panel_id__in=panels,
        responses_due_on__gte=responses_from,
        responses_due_on__lt=responses_to,
    ).values(
        "pk",
        panel_=F("panel_id"),
        source_=Value("report"),
        starts_=Value(None, output_field=DateTimeField()),
        on_=F("responses_due_on"),
        done_on_=no_date,
        text_=F("title"),
        more_text_=no_text,
        nation_=no_text,
        flag_=Exists(awaiting),
    )
    # One character per step, "1" where its date is recorded: e.g. "11000" once the panel has reported.
    steps_done = Func(
        *(F(field) for field in PRECEPT_STEP_DONE_ON.values()),
        # Plain CASE and || (SQL standard), so the embedded SQLite default runs it as PostgreSQL does.
        template="(CASE WHEN %(expressions)s IS NOT NULL THEN '1' ELSE '0' END)",
        arg_joiner=" IS NOT NULL THEN '1' ELSE '0' END || CASE WHEN ",
        output_field=CharField(),
    )
    # The last year as an expression, not a number: Django leaves out a comparison of a small integer column with
    # a number out of its range (as the stand-in the query is compiled with is), and the query could not be compiled
    # once (pcc_portal.core.querytemplates).
    precept_years = PreceptYear.objects.filter(panel_id__in=panels, year__lte=Value(last_year)).values(
        "pk",
        panel_=F("panel_id"),
        source_=Value("precept"),
        starts_=Value(None, output_field=DateTimeField()),
        on_=no_date,
        done_on_=no_date,
        text_=steps_done,
        more_text_=Cast("year", output_field=CharField()),
        nation_=no_text,
        flag_=F("vetoed"),
    )
    # The panels last: PostgreSQL types a UNION's columns from left to right, and their columns are all NULL but names.
    parts = (hearings.order_by(), reports.order_by(), precept_years.order_by(), panel_rows.order_by())
    return meetings.order_by().union(*parts, all=True)


def meeting_events(*, start: datetime.datetime, end: datetime.datetime, user=None) -> Iterator[CalendarEvent]:
    """Yield panel meetings in [start, end): without a user only those whose papers are published."""
    if user is None:
        qs = Meeting.objects.select_related("panel").filter(papers_published_on__isnull=False)
    else:
        # A personal feed carries the user's own areas' panels, not every published meeting in the country.
        qs = meetings_visible_to(user)
        if not user.is_administrator:
            qs = qs.filter(panel__force_area_id__in=user.area_ids)
    # Only the columns an event shows (a meeting's row also holds its minutes), each link from its path's template.
    rows = qs.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at")
    kinds = {value: str(label).lower() for value, label in Meeting.Kind.choices}  # get_kind_display().lower()
    meeting_url = path_maker("panels:meeting_detail")
    for pk, panel_name, kind, starts_at, venue, area_id in rows.values_list(
        "pk", "panel__name", "kind", "starts_at", "venue", "panel__force_area_id"
    ):
        yield CalendarEvent(
            key=f"panels.meeting:{pk}",
            title=f"{panel_name}: {kinds.get(kind, str(kind).lower())}",
            start=starts_at,
            end=None,
            url=meeting_url(pk),
            area_id=area_id,
            location=venue,
        )

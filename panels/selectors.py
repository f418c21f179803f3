"""Reads of panel business, always scoped to the asking user."""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from partners.models import Organisation
from partners.selectors import councils_in_area
from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.accounts.permissions import is_administrator
from pcc_portal.core.querytemplates import template_objects, template_rows

from . import calendar as statutory
from .models import (
    AgendaItem,
    AgendaReport,
    CommissionerResponse,
    Complaint,
    ConfirmationHearing,
    CouncilPartySeats,
    Meeting,
    Membership,
    Panel,
    PanelReport,
    PreceptYear,
    Recommendation,
    VetoVote,
)

INSIDER_ROLES = (Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.OPCC_STAFF)


def _insider_area_ids(user) -> frozenset[int] | None:
    """Return the areas whose unpublished papers the user sees; None means every area."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if is_administrator(user):
        return None
    if user.role in INSIDER_ROLES:
        return user.area_ids
    return frozenset()


def panels_visible_to(user) -> QuerySet[Panel]:
    qs = Panel.objects.select_related("force_area", "host_authority")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if is_administrator(user):
        return qs
    return qs.filter(force_area_id__in=user.area_ids)


def panel_visible_to(user, pk: int) -> Panel | None:
    """Return panel pk with its area and host authority if the user may see it (panels_visible_to's rule), else None.

    Every panel page asks it: its query is compiled once per shape (pcc_portal.core.querytemplates), with the user's
    areas (None for administrators: every area) as the scope.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    area_ids = None if is_administrator(user) else user.area_ids
    if area_ids is not None and not area_ids:
        return None
    found = template_objects("panels.panel", _panel_query, pk=pk, area_ids=area_ids)
    return found[0] if found else None


def _panel_query(*, pk: int, area_ids) -> QuerySet[Panel]:
    """Return the rows of panel_visible_to: panel pk, if in one of the areas (None: any area)."""
    panels = Panel.objects.select_related("force_area", "host_authority").filter(pk=pk)
    return panels if area_ids is None else panels.filter(force_area_id__in=area_ids)


def panels_managed_by(user) -> QuerySet[Panel]:
    qs = Panel.objects.select_related("force_area", "host_authority")
    if is_administrator(user):
        return qs
    if user.is_authenticated and user.is_active and user.role == Role.PANEL_SECRETARIAT:
        return qs.filter(force_area_id__in=user.area_ids)
    return qs.none()


def hearings_visible_to(user) -> QuerySet[ConfirmationHearing]:
    """Confirmation hearings: the area's secretariat, members and OPCC staff (and administrators) only."""
    qs = ConfirmationHearing.objects.select_related("panel", "panel__force_area")
    areas = _insider_area_ids(user)
    if areas is None:
        return qs
    return qs.filter(panel__force_area_id__in=areas)


def hearings_managed_by(user) -> QuerySet[ConfirmationHearing]:
    """Hearings whose outcome the user records: the secretariat of the panel's area, or an administrator."""
    return hearings_visible_to(user).filter(panel__in=panels_managed_by(user))


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Insiders see all their panel's meetings; everyone else only those with papers published."""
    return _seen_by_insiders_of(Meeting.objects.select_related("panel", "panel__force_area"), _insider_area_ids(user))


def _seen_by_insiders_of(meetings: QuerySet[Meeting], areas: frozenset[int] | None) -> QuerySet[Meeting]:
    """Narrow meetings to those insiders of the areas see: their areas' panels' every meeting, others' published
    ones (None: every meeting)."""
    if areas is None:
        return meetings
    return meetings.filter(Q(papers_published_on__isnull=False) | Q(panel__force_area_id__in=areas))


def agenda_items_visible_to(user) -> QuerySet[AgendaItem]:
    """Exempt papers and unpublished agendas only for the area's insiders."""
    qs = AgendaItem.objects.select_related("meeting", "meeting__panel", "meeting__panel__force_area")
    areas = _insider_area_ids(user)
    if areas is None:
        return qs
    public = Q(meeting__papers_published_on__isnull=False, is_exempt=False)
    return qs.filter(public | Q(meeting__panel__force_area_id__in=areas))


def agenda_reports_visible_to(user) -> QuerySet[AgendaReport]:
    items = agenda_items_visible_to(user)
    return AgendaReport.objects.select_related(
        "agenda_item", "agenda_item__meeting", "agenda_item__meeting__panel", "agenda_item__meeting__panel__force_area"
    ).filter(agenda_item__in=items.values("pk"))


def panel_reports_visible_to(user) -> QuerySet[PanelReport]:
    qs = PanelReport.objects.select_related("panel", "panel__force_area", "plan_version", "plan_version__plan")
    return _reports_seen_by_insiders_of(qs, _insider_area_ids(user))


def _reports_seen_by_insiders_of(reports: QuerySet[PanelReport], areas: frozenset[int] | None) -> QuerySet:
    """Narrow reports to those insiders of the areas see: their areas' panels' every report, others' published
    ones (None: every report)."""
    if areas is None:
        return reports
    return reports.filter(Q(is_published=True) | Q(panel__force_area_id__in=areas))


def panel_page_lists(user, panel: Panel, *, size: int = 20) -> tuple[list[Meeting], list[PanelReport]]:
    """Return the panel's latest `size` meetings and reports the user sees (meetings_visible_to's and
    panel_reports_visible_to's rules), with what the panel's page prints of them.

    Every panel page asks both: their queries are compiled once per shape (pcc_portal.core.querytemplates), with
    the user's insider areas (or every area for administrators) as the scope.
    """
    insider_ids = _insider_area_ids(user)
    meetings = [
        Meeting(
            pk=row["pk"],
            panel_id=panel.pk,
            kind=row["kind"],
            starts_at=row["starts_at"],
            papers_published_on=row["papers_published_on"],
        )
        for row in template_rows(
            ("panels.panel_meetings", size),
            partial(_panel_meetings_query, size=size),
            panel_id=panel.pk,
            insider_ids=insider_ids,
        )
    ]
    reports = [
        PanelReport(pk=row["pk"], title=row["title"], sent_on=row["sent_on"], is_published=row["is_published"])
        for row in template_rows(
            ("panels.panel_reports", size),
            partial(_panel_reports_query, size=size),
            panel_id=panel.pk,
            insider_ids=insider_ids,
        )
    ]
    return meetings, reports


def _panel_meetings_query(*, panel_id: int, insider_ids=None, size: int) -> QuerySet:
    """Return the rows of panel_page_lists' meetings: the panel's, as insiders of the areas see them, latest first."""
    meetings = _seen_by_insiders_of(Meeting.objects.filter(panel_id=panel_id), insider_ids)
    return meetings.order_by("-starts_at").values("pk", "kind", "starts_at", "papers_published_on")[:size]


def _panel_reports_query(*, panel_id: int, insider_ids=None, size: int) -> QuerySet:
    """Return the rows of panel_page_lists' reports: the panel's, as insiders of the areas see them, latest first."""
    reports = _reports_seen_by_insiders_of(PanelReport.objects.filter(panel_id=panel_id), insider_ids)
    return reports.order_by("-sent_on").values("pk", "title", "sent_on", "is_published")[:size]


def complaints_visible_to(user) -> QuerySet[Complaint]:
    return Complaint.objects.select_related("panel").filter(panel__in=panels_managed_by(user).values("pk"))


def _shows_unpublished(user, area_id: int) -> bool:
    insider = _insider_area_ids(user)
    return insider is None or area_id in insider


def _recommendations_with_responses(reports: list[PanelReport], user) -> dict[int, list[Recommendation]]:
    """Return each report's recommendations in order, with `children` and `shown_responses`, in two queries.

    Responses not yet published are left out (and the position shown as
    awaiting) for anyone outside the panel's area.
    """
    every = list(
        Recommendation.objects.filter(report__in=[r.pk for r in reports])
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=CommissionerResponse.objects.order_by("responded_on", "pk").prefetch_related(
                    Prefetch("recommendations", queryset=Recommendation.objects.order_by("position"))
                ),
            )
        )
        .order_by("report_id", "position", "pk")
    )
    areas = {r.pk: r.panel.force_area_id for r in reports}
    by_report: dict[int, list[Recommendation]] = {r.pk: [] for r in reports}
    children: dict[int, list[Recommendation]] = {}
    for rec in every:
        shown = rec.is_published or _shows_unpublished(user, areas[rec.report_id])
        rec.shown_responses = list(rec.responses.all()) if shown else []
        if not shown:
            rec.status = Recommendation.Status.AWAITING
        if rec.parent_id:
            children.setdefault(rec.parent_id, []).append(rec)
        else:
            by_report[rec.report_id].append(rec)
    for rec in every:
        rec.children = children.get(rec.pk, [])
    return by_report


def recommendations_for_display(report: PanelReport, user) -> list[Recommendation]:
    """Return the top-level recommendations, each with `children` and `shown_responses`."""
    return _recommendations_with_responses([report], user)[report.pk]


@dataclass
class TrackerSection:
    heading: str
    responses: list[CommissionerResponse] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


@dataclass
class TrackerReport:
    report: PanelReport
    sections: list[TrackerSection]
    count: int


def recommendation_tracker(user, *, reports: list[PanelReport]) -> list[TrackerReport]:
    """Lay out reports' recommendations for the tracker: by section, a section's own responses shown once."""
    by_report = _recommendations_with_responses(reports, user)
    tracked = []
    for report in reports:
        sections: list[TrackerSection] = []
        count = 0
        first_answered: dict[int, Recommendation] = {}
        for rec in by_report[report.pk]:
            if rec.heading or not sections:
                sections.append(TrackerSection(heading=rec.heading))
            section = sections[-1]
            for item in [rec, *rec.children]:
                count += 1
                item.response_rows = []
                for response in item.shown_responses:
                    if response.section_heading:
                        if response not in section.responses:
                            section.responses.append(response)
                        continue
                    shared = [r for r in response.recommendations.all() if r.pk != item.pk]
                    first = first_answered.setdefault(response.pk, item)
                    item.response_rows.append(
                        {"response": response, "shared_with": shared, "shown_at": None if first is item else first}
                    )
                item.answered_by_section = any(r.section_heading for r in item.shown_responses)
            section.recommendations.append(rec)
        tracked.append(TrackerReport(report=report, sections=sections, count=count))
    return tracked


def panel_tracker_reports(user, panel: Panel) -> list[PanelReport]:
    """The panel's reports with recommendations the user may see, newest first."""
    return list(
        panel_reports_visible_to(user).filter(panel=panel).select_related("meeting").order_by("-sent_on", "-pk")
    )


def meeting_panel_reports(user, meeting: Meeting) -> QuerySet[PanelReport]:
    """The panel's reports (and so their recommendations and responses) that came from this meeting."""
    return panel_reports_visible_to(user).filter(meeting=meeting).order_by("-sent_on")


def later_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings of the same panel after this one: where its minutes may be approved."""
    return Meeting.objects.filter(panel_id=meeting.panel_id, starts_at__gt=meeting.starts_at).order_by("starts_at")


def appendices_for_reports(report_ids: list[int]) -> dict[int, list]:
    """Each report's appendices in order, in one query (access is the report's, checked by the caller)."""
    from .models import ReportAppendix

    grouped: dict[int, list] = {pk: [] for pk in report_ids}
    for appendix in ReportAppendix.objects.filter(report_id__in=report_ids).order_by("report_id", "position", "pk"):
        grouped[appendix.report_id].append(appendix)
    return grouped


def overdue_recommendations(user) -> QuerySet[Recommendation]:
    """Responses past their due date, in panels the user works on."""
    overdue = _overdue_in(_insider_area_ids(user), today=timezone.localdate())
    return overdue.select_related("report", "report__panel")


def _overdue_in(areas: frozenset[int] | None, *, today: datetime.date) -> QuerySet[Recommendation]:
    """Return the responses awaited past their due date in the areas' panels (None: every panel)."""
    qs = Recommendation.objects.filter(status=Recommendation.Status.AWAITING, response_due_on__lt=today)
    return qs if areas is None else qs.filter(report__panel__force_area_id__in=areas)


def dashboard_upcoming_and_overdue(user, *, now: datetime.datetime) -> tuple[list[Meeting], list[Recommendation]]:
    """Return the dashboard's next three meetings the user sees in their own areas (every area for administrators)
    and first five overdue responses (as overdue_recommendations), each with what the box prints.

    Every panels dashboard asks both: their queries are compiled once per shape (pcc_portal.core.querytemplates),
    with the user's insider areas (meetings_visible_to's rule) and own areas as the scope.
    """
    insider_ids = _insider_area_ids(user)
    area_ids = None if is_administrator(user) else user.area_ids
    meetings = []
    for row in template_rows(
        "panels.dashboard_meetings", _upcoming_query, now=now, insider_ids=insider_ids, area_ids=area_ids
    ):
        meeting = Meeting(pk=row["pk"], starts_at=row["starts_at"], papers_published_on=row["papers_published_on"])
        meeting.panel = Panel(pk=row["panel_id"], name=row["panel__name"], force_area_id=row["panel__force_area_id"])
        meeting.panel.force_area = ForceArea(pk=row["panel__force_area_id"], nation=row["panel__force_area__nation"])
        meetings.append(meeting)
    overdue = []
    rows = template_rows(
        "panels.dashboard_overdue", _overdue_query, today=timezone.localdate(), insider_ids=insider_ids
    )
    for row in rows:
        recommendation = Recommendation(
            pk=row["pk"], label=row["label"], response_due_on=row["response_due_on"], report_id=row["report_id"]
        )
        recommendation.report = PanelReport(pk=row["report_id"], title=row["report__title"])
        overdue.append(recommendation)
    return meetings, overdue


def _upcoming_query(*, now: datetime.datetime, insider_ids=None, area_ids=None) -> QuerySet:
    """Return the rows of the dashboard's next meetings: from now, seen by insiders of the areas, in the areas."""
    meetings = _seen_by_insiders_of(Meeting.objects.filter(starts_at__gte=now), insider_ids)  # meetings_visible_to
    if area_ids is not None:
        meetings = meetings.filter(panel__force_area_id__in=area_ids)
    return meetings.order_by("starts_at").values(
        "pk",
        "starts_at",
        "papers_published_on",
        "panel_id",
        "panel__name",
        "panel__force_area_id",
        "panel__force_area__nation",
    )[:3]


def _overdue_query(*, today: datetime.date, insider_ids=None) -> QuerySet:
    """Return the rows of the dashboard's overdue responses, as overdue_recommendations scopes them."""
    return (
        _overdue_in(insider_ids, today=today)
        .order_by("response_due_on")
        .values("pk", "label", "response_due_on", "report_id", "report__title")[:5]
    )


def panels_published(*, on: datetime.date) -> QuerySet[Panel]:
    """Return every panel with its members in post on the day (``members_on_day``): panels are public
    bodies, and their membership is published in every agenda. Only the public details are loaded."""
    members = (
        Membership.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("council")
        .only("pk", "panel_id", "full_name", "kind", "office", "party", "starts_on", "council__name")
        .order_by("-kind", "council__name", "full_name", "pk")
    )
    return (
        Panel.objects.select_related("force_area", "host_authority")
        .only("pk", "name", "lead_adviser", "force_area__code", "force_area__name", "host_authority__name")
        .prefetch_related(Prefetch("memberships", queryset=members, to_attr="members_on_day"))
    )


def members_in_post(panel: Panel, *, on: datetime.date) -> QuerySet[Membership]:
    return panel.memberships.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


# The statutory calendar's reads: each query is compiled once per shape (pcc_portal.core.querytemplates), as the
# calendar is one of the panel's most visited pages and building its queries cost more than running them.


def precept_year_of(panel: Panel, year: int) -> PreceptYear | None:
    """Return the panel's precept timetable record for year (2026 for 2026/27), or None if none is recorded."""
    found = template_objects(("panels.precept_year", year), partial(_precept_year_query, year=year), panel_id=panel.pk)
    return found[0] if found else None


def _precept_year_query(*, year: int, panel_id: int) -> QuerySet[PreceptYear]:
    # The year is part of the key: a stand-in for it would be out of a small integer's range.
    return PreceptYear.objects.filter(panel_id=panel_id, year=year).order_by("pk")[:1]


def latest_hearings(panel: Panel, *, size: int = 20) -> list[ConfirmationHearing]:
    """Return the panel's latest `size` confirmation hearings, newest notification first, each with its veto votes
    in vote_list (newest first)."""
    hearings = template_objects(
        ("panels.latest_hearings", size), partial(_hearings_query, size=size), panel_id=panel.pk
    )
    by_pk = {}
    for hearing in hearings:
        hearing.vote_list = []
        by_pk[hearing.pk] = hearing
    if by_pk:
        for row in template_rows("panels.hearing_votes", _hearing_votes_query, hearing_ids=list(by_pk)):
            by_pk[row["hearing_id"]].vote_list.append(
                VetoVote(
                    hearing_id=row["hearing_id"],
                    votes_for_veto=row["votes_for_veto"],
                    members_in_post=row["members_in_post"],
                )
            )
    return hearings


def _hearings_query(*, size: int, panel_id: int) -> QuerySet[ConfirmationHearing]:
    return ConfirmationHearing.objects.filter(panel_id=panel_id).order_by("-notified_on")[:size]


def _hearing_votes_query(*, hearing_ids) -> QuerySet:
    return (
        VetoVote.objects.filter(hearing_id__in=hearing_ids)
        .order_by("-voted_on")
        .values("hearing_id", "votes_for_veto", "members_in_post")
    )


def latest_veto_votes(panel: Panel, *, size: int = 20) -> list[VetoVote]:
    """Return the panel's latest `size` veto votes, newest first."""
    return template_objects(("panels.latest_votes", size), partial(_votes_query, size=size), panel_id=panel.pk)


def _votes_query(*, size: int, panel_id: int) -> QuerySet[VetoVote]:
    return VetoVote.objects.filter(panel_id=panel_id).order_by("-voted_on")[:size]


def members_in_post_count(panel: Panel, *, on: datetime.date) -> int:
    """Return how many members the panel has in post on the day (members_in_post's rule)."""
    rows = template_rows("panels.members_in_post_count", _members_in_post_count_query, panel_id=panel.pk, on=on)
    return rows[0]["n"] if rows else 0


def _members_in_post_count_query(*, panel_id: int, on: datetime.date) -> QuerySet:
    return (
        Membership.objects.filter(panel_id=panel_id, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by()
        .values("panel_id")
        .annotate(n=Count("pk"))
    )


def annual_report_meetings(user, panel: Panel, *, size: int = 5) -> list[Meeting]:
    """Return the panel's latest `size` annual report meetings that the user sees (meetings_visible_to's rule)."""
    areas = _insider_area_ids(user)
    return template_objects(
        ("panels.annual_report_meetings", size),
        partial(_annual_report_meetings_query, size=size),
        panel_id=panel.pk,
        insider_ids=None if areas is None else sorted(areas),
    )


def _annual_report_meetings_query(*, size: int, panel_id: int, insider_ids) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(panel_id=panel_id, kind=Meeting.Kind.ANNUAL_REPORT)
    return _seen_by_insiders_of(meetings, None if insider_ids is None else frozenset(insider_ids)).order_by(
        "-starts_at"
    )[:size]


def area_councils(panel: Panel) -> QuerySet[Organisation]:
    return councils_in_area(panel.force_area_id).order_by("name")


def composition_warnings(
    panel: Panel, *, on: datetime.date | None = None, members: list[Membership] | None = None
) -> list[str]:
    """Return the Schedule 6 checks the membership in post fails, as plain sentences."""
    on = on or timezone.localdate()
    if members is None:
        members = list(members_in_post(panel, on=on).select_related("council"))
    councils = list(area_councils(panel).only("pk", "name"))  # only their names are written
    warnings: list[str] = []
    councillors = [m for m in members if m.kind == Membership.Kind.COUNCILLOR]
    co_opted = [m for m in members if m.kind == Membership.Kind.CO_OPTED]
    expected = panel.councillor_seats or statutory.statutory_councillor_seats(len(councils))
    if len(councillors) != expected:
        warnings.append(f"The panel has {len(councillors)} councillor members; it should have {expected}.")
    if len(co_opted) != panel.co_opted_seats:
        warnings.append(f"The panel has {len(co_opted)} co-opted members; it should have {panel.co_opted_seats}.")
    appointed = {m.council_id for m in councillors}
    missing = [c.name for c in councils if c.pk not in appointed]
    if missing:
        warnings.append("No councillor member from: " + ", ".join(missing) + ".")
    for member in co_opted:
        if member.bar == Membership.Bar.AREA_COUNCILLOR and panel.co_opted_seats <= 2:
            warnings.append(f"{member.full_name} is a councillor in the area and may not be a co-opted member.")
        elif member.bar and member.bar != Membership.Bar.COMMISSIONER:
            warnings.append(f"{member.full_name} may not be co-opted: {member.get_bar_display().lower()}.")
    for member in members:
        if member.bar == Membership.Bar.COMMISSIONER:
            warnings.append(f"{member.full_name} is the Commissioner and cannot sit on the panel.")
    if len(members) > 20:
        warnings.append(
            f"The panel has {len(members)} members; more than 20 is beyond the usual reading of Schedule 6."
        )
    return warnings


def balanced_appointment(panel: Panel, *, on: datetime.date | None = None) -> dict:
    """Return seats per council against population share, and seats per party against the councils' make-up."""
    on = on or timezone.localdate()
    councils = list(area_councils(panel))
    councillors = list(
        members_in_post(panel, on=on).filter(kind=Membership.Kind.COUNCILLOR).values("council_id", "party")
    )
    seats_by_council: dict[int, int] = {}
    panel_parties: dict[str, int] = {}
    for row in councillors:
        seats_by_council[row["council_id"]] = seats_by_council.get(row["council_id"], 0) + 1
        party = row["party"] or "No party recorded"
        panel_parties[party] = panel_parties.get(party, 0) + 1
    populations = {c.name: c.population or 0 for c in councils}
    seats = {c.name: seats_by_council.get(c.pk, 0) for c in councils}
    council_parties: dict[str, int] = {}
    for row in CouncilPartySeats.objects.filter(council__in=[c.pk for c in councils]).values("party", "seats"):
        council_parties[row["party"]] = council_parties.get(row["party"], 0) + row["seats"]
    return {
        "councils": statutory.seat_balance(populations, seats),
        "parties": statutory.party_balance(panel_parties, council_parties),
        "has_party_data": bool(council_parties),
    }


def seat_model(panel: Panel, *, size: int) -> list[statutory.SeatShare]:
    """Propose `size` councillor seats by largest remainder on population, one at least each."""
    populations = {c.name: c.population or 0 for c in area_councils(panel)}
    return statutory.seat_balance(populations, statutory.allocate_seats(populations, size))


def plan_drafts_shared_with(panel: Panel):
    """Return the area's plan versions currently before the panel (shared, or out to consultation)."""
    from plans.models import PlanVersion

    return (
        PlanVersion.objects.filter(
            plan__force_area_id=panel.force_area_id,
            status__in=[PlanVersion.Status.SHARED, PlanVersion.Status.CONSULTATION],
        )
        .select_related("plan")
        .order_by("-plan__period_start", "-number")
    )


def host_authorities_for(user) -> QuerySet[Organisation]:
    """Return the councils an administrator may name as a new panel's host authority."""
    from partners.models import OrganisationType

    if not (user.is_authenticated and user.is_administrator):
        return Organisation.objects.none()
    return Organisation.objects.filter(org_type__in=OrganisationType.councils(), is_active=True).order_by("name")

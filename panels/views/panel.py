"""Panel views: membership, balance, statutory calendar, complaints."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import template_localtime
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.dates import long_date, short_date, weekday_date
from pcc_portal.core.links import path_for, path_maker
from pcc_portal.core.markdown import render_markdown

from .. import calendar as statutory
from .. import selectors, services
from ..forms import (
    ComplaintForm,
    ComplaintStatusForm,
    HearingForm,
    HearingOutcomeForm,
    MembershipForm,
    PreceptYearForm,
    SeatModelForm,
    VetoVoteForm,
)
from ..models import PreceptYear, VetoVote
from ..permissions import (
    can_manage_panel,
    can_view_complaints,
    is_insider_of,
)
from .common import error_messages, managed_panel_for, panel_for

PRECEPT_STEP_FIELDS = {
    "proposed": "proposed_precept_received_on",
    "report": "panel_report_on",
    "revised": "revised_precept_received_on",
    "second_report": "second_report_on",
    "final": "final_precept_issued_on",
}


@login_required
@require_GET
def panel_list(request: HttpRequest) -> HttpResponse:
    panels = selectors.panels_visible_to(request.user)
    return render(request, "panels/panel_list.html", {"panels": panels})


@login_required
@require_GET
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    panel = panel_for(request.user, pk)
    today = timezone.localdate()
    insider = is_insider_of(request.user, panel.force_area_id)
    members = list(selectors.members_in_post(panel, on=today).select_related("council"))
    can_manage = can_manage_panel(request.user, panel)
    # What the page writes of each member, meeting and report is worked out here, once per list, rather than by
    # the template per row: labels, dates as the page words them and links, without a reverse() each.
    for member in members:
        member.kind_text, member.office_text = member.get_kind_display(), member.get_office_display()
        member.council_text = (member.council.name if member.council else "") or "Co-opted by the panel"
        member.party_text = member.party or "–"
        member.since_text = short_date(member.starts_on)
        member.edit_url = path_for("panels:membership_edit", pk=panel.pk, membership_pk=member.pk) if can_manage else ""
    meetings, reports = selectors.panel_page_lists(request.user, panel)
    meeting_path, report_path = path_maker("panels:meeting_detail"), path_maker("panels:panel_report_detail")
    for meeting in meetings:
        meeting.url, meeting.kind_text = meeting_path(meeting.pk), meeting.get_kind_display()
        meeting.date_text = weekday_date(template_localtime(meeting.starts_at))
    for report in reports:
        report.url, report.sent_text = report_path(report.pk), long_date(report.sent_on)
    context = {
        "panel": panel,
        "insider": insider,
        "can_manage": can_manage,
        "members": members,
        "warnings": selectors.composition_warnings(panel, on=today, members=members) if insider else [],
        "meetings": meetings,
        "reports": reports,
        "secretariat": panel.secretariat.all(),
        "plan_drafts": selectors.plan_drafts_shared_with(panel)[:10] if insider else [],
    }
    return render(request, "panels/panel_detail.html", context)


@login_required
@require_GET
def panel_balance(request: HttpRequest, pk: int) -> HttpResponse:
    """The balanced appointment report, and a seat model for a chosen panel size."""
    panel = panel_for(request.user, pk)
    if not is_insider_of(request.user, panel.force_area_id):
        raise Http404
    form = SeatModelForm(request.GET or None)
    model, model_error = None, ""
    if form.is_bound and form.is_valid():
        try:
            model = selectors.seat_model(panel, size=form.cleaned_data["size"])
        except ValueError as error:
            model_error = str(error)
            form.add_error("size", model_error)
    context = {
        "panel": panel,
        "balance": selectors.balanced_appointment(panel),
        "form": form,
        "model": model,
    }
    return render(request, "panels/panel_balance.html", context)


def _vote_row(vote: VetoVote) -> dict:
    """Return what the calendar writes of a veto vote."""
    return {
        "name": str(vote),
        "votes_for_veto": vote.votes_for_veto,
        "members_in_post": vote.members_in_post,
        "threshold": vote.threshold,
        "carried": vote.carried,
    }


def _hearing_rows(hearings, *, managed: bool) -> list[dict]:
    """Return what the calendar writes of each hearing, worked out once: its dates as the page words them, its
    votes' text, its recommendation as HTML and, for those who manage the panel, the link to its outcome."""
    outcome_url = path_maker("panels:hearing_outcome")
    rows = []
    for hearing in hearings:
        rows.append(
            {
                "pk": hearing.pk,
                "name": str(hearing),
                "notified_on": long_date(hearing.notified_on),
                "hearing_on": long_date(hearing.hearing_on) if hearing.hearing_on else "",
                "report_due_on": weekday_date(hearing.report_due_on),
                "reported_on": long_date(hearing.reported_on) if hearing.reported_on else "",
                "reported_late": hearing.reported_late,
                "veto_available": hearing.veto_available,
                "vetoed": hearing.vetoed,
                "votes": "".join(
                    f": {vote.votes_for_veto} of {vote.members_in_post} in post voted to veto; {vote.threshold} needed"
                    for vote in hearing.vote_list
                ),
                "has_recommendation": bool(hearing.recommendation),
                "recommendation": render_markdown(hearing.recommendation) if hearing.recommendation else "",
                "outcome_url": outcome_url(hearing.pk) if managed else "",
            }
        )
    return rows


@login_required
@require_GET
def panel_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    panel = panel_for(request.user, pk)
    if not is_insider_of(request.user, panel.force_area_id):
        raise Http404
    try:
        year = int(request.GET.get("year", ""))
        if not 2012 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = statutory.live_precept_year(timezone.localdate())
    precept_year = selectors.precept_year_of(panel, year)
    today = timezone.localdate()
    manage = can_manage_panel(request.user, panel)
    context = {
        "panel": panel,
        "year": year,
        "year_label": statutory.financial_year_label(year),
        "steps": [
            (step, getattr(precept_year, PRECEPT_STEP_FIELDS[step.key]) if precept_year else None)
            for step in statutory.precept_timetable(year)
        ],
        "precept_year": precept_year,
        "hearings": _hearing_rows(selectors.latest_hearings(panel, size=20), managed=manage),
        "votes": [_vote_row(vote) for vote in selectors.latest_veto_votes(panel, size=20)],
        "members_in_post": selectors.members_in_post_count(panel, on=today),
        "vote_form": VetoVoteForm(initial={"voted_on": today}) if manage else None,
        "annual_report_meetings": selectors.annual_report_meetings(request.user, panel, size=5),
    }
    context["threshold"] = statutory.veto_threshold(context["members_in_post"])
    return render(request, "panels/panel_calendar.html", context)


@login_required
@require_POST
def veto_vote_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = managed_panel_for(request.user, pk)
    form = VetoVoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        precept_year = None
        if data["matter"] == VetoVote.Matter.PRECEPT:
            precept_year = services.precept_year_ensure(panel=panel, year=data["voted_on"].year)
        try:
            vote = services.veto_vote_record(
                user=request.user,
                panel=panel,
                matter=data["matter"],
                voted_on=data["voted_on"],
                votes_for_veto=data["votes_for_veto"],
                precept_year=precept_year,
            )
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            outcome = "carried" if vote.carried else "not carried"
            messages.success(
                request,
                f"Vote recorded: {vote.votes_for_veto} of {vote.members_in_post} members voted to veto; "
                f"{vote.threshold} needed, so the veto is {outcome}.",
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
    return redirect("panels:calendar", pk=panel.pk)


@login_required
@require_GET
def complaint_list(request: HttpRequest, pk: int) -> HttpResponse:
    panel = panel_for(request.user, pk)
    if not can_view_complaints(request.user, panel):
        raise Http404
    complaints = selectors.complaints_visible_to(request.user).filter(panel=panel)
    context = {"panel": panel, "complaints": complaints, "status_form": ComplaintStatusForm()}
    return render(request, "panels/complaint_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, pk: int, membership_pk: int | None = None) -> HttpResponse:
    """Add a member, or change one (an end date, a new office)."""
    panel = managed_panel_for(request.user, pk)
    membership = get_object_or_404(panel.memberships.all(), pk=membership_pk) if membership_pk else None
    form = MembershipForm(request.POST or None, instance=membership, councils=selectors.area_councils(panel))
    if request.method == "POST" and form.is_valid():
        try:
            if membership is None:
                services.membership_create(user=request.user, panel=panel, **form.cleaned_data)
            else:
                services.membership_update(user=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            verb = "added to" if membership is None else "updated on"
            messages.success(request, f"{form.cleaned_data['full_name']} {verb} the panel.")
            return redirect(panel)
    context = {"panel": panel, "form": form, "membership": membership}
    return render(request, "panels/membership_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = panel_for(request.user, pk)
    if not can_view_complaints(request.user, panel):
        raise Http404
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_create(user=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "Complaint recorded.")
            return redirect("panels:complaint_list", pk=panel.pk)
    return render(request, "panels/complaint_form.html", {"panel": panel, "form": form})


@login_required
@require_POST
def complaint_status(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(selectors.complaints_visible_to(request.user), pk=pk)
    form = ComplaintStatusForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_transition(user=request.user, complaint=complaint, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, f"Complaint is now “{complaint.get_status_display()}”.")
    else:
        messages.error(request, "Choose a status.")
    return redirect("panels:complaint_list", pk=complaint.panel_id)


@login_required
@require_http_methods(["GET", "POST"])
def hearing_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = managed_panel_for(request.user, pk)
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.hearing_create(user=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request, f"Hearing recorded: the panel must report by {hearing.report_due_on:%A %-d %B %Y}."
            )
            return redirect("panels:calendar", pk=panel.pk)
    return render(request, "panels/hearing_form.html", {"panel": panel, "form": form})


@require_http_methods(["GET", "POST"])
def hearing_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat records the panel's report on a proposed appointment; anyone else: 404 (public included)."""
    hearing = get_object_or_404(selectors.hearings_managed_by(request.user), pk=pk)
    vote = hearing.votes.first()
    initial = {
        "reported_on": hearing.reported_on or timezone.localdate(),
        "recommendation": hearing.recommendation,
        "vetoed": hearing.vetoed,
        "votes_for_veto": vote.votes_for_veto if vote else None,
    }
    form = HearingOutcomeForm(request.POST or None, initial=initial, hearing=hearing)
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.hearing_outcome_record(user=request.user, hearing=hearing, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                for message in error.messages:
                    form.add_error(None, message)
        else:
            outcome = "vetoed the appointment" if hearing.vetoed else "reported"
            messages.success(request, f"Outcome recorded: the panel {outcome} on {hearing.reported_on:%-d %B %Y}.")
            if hearing.reported_late:
                messages.warning(
                    request,
                    f"The statutory period was exceeded: the panel had to report by "
                    f"{hearing.report_due_on:%A %-d %B %Y} (3 weeks starting on the day of notification).",
                )
            return redirect(reverse("panels:calendar", kwargs={"pk": hearing.panel_id}) + f"#hearing-{hearing.pk}")
    context = {
        "panel": hearing.panel,
        "hearing": hearing,
        "form": form,
        "members_in_post": selectors.members_in_post(hearing.panel, on=timezone.localdate()).count(),
    }
    context["threshold"] = statutory.veto_threshold(context["members_in_post"])
    return render(request, "panels/hearing_outcome_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def precept_year_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    panel = managed_panel_for(request.user, pk)
    if not 2012 <= year <= 2100:
        raise Http404
    precept_year = selectors.precept_year_of(panel, year) or PreceptYear(panel=panel, year=year)
    form = PreceptYearForm(request.POST or None, instance=precept_year)
    if request.method == "POST" and form.is_valid():
        try:
            services.precept_year_record(user=request.user, precept_year=precept_year, **form.cleaned_data)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Precept {precept_year.label} dates saved.")
            return redirect(reverse("panels:calendar", kwargs={"pk": panel.pk}) + f"?year={year}")
    context = {"panel": panel, "form": form, "year_label": statutory.financial_year_label(year), "year": year}
    return render(request, "panels/precept_year_form.html", context)

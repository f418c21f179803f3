"""Thin views: find what the user may see, call a service, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.pdf.views import document_pdf_response

from . import calendar as statutory
from . import selectors, services
from .documents import agenda_report_context
from .forms import (
    AgendaItemForm,
    AgendaReportForm,
    ComplaintForm,
    ComplaintStatusForm,
    DeclarationForm,
    HearingForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    PanelReportForm,
    PreceptYearForm,
    RecommendationFormSet,
    ReportParagraphFormSet,
    ResponseForm,
    SeatModelForm,
    VetoVoteForm,
)
from .models import AgendaReport, ConfirmationHearing, Meeting, PanelReport, PreceptYear, Recommendation, VetoVote
from .permissions import (
    can_edit_papers,
    can_manage_panel,
    can_respond_to_recommendation,
    can_view_complaints,
    is_insider_of,
)


def _panel_for(user, pk: int):
    return get_object_or_404(selectors.panels_visible_to(user), pk=pk)


def _managed_panel_for(user, pk: int):
    panel = _panel_for(user, pk)
    if not can_manage_panel(user, panel):
        raise Http404
    return panel


def _error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


@login_required
@require_GET
def panel_list(request: HttpRequest) -> HttpResponse:
    panels = selectors.panels_visible_to(request.user)
    return render(request, "panels/panel_list.html", {"panels": panels})


@login_required
@require_GET
def panel_detail(request: HttpRequest, pk: int) -> HttpResponse:
    panel = _panel_for(request.user, pk)
    today = timezone.localdate()
    insider = is_insider_of(request.user, panel.force_area_id)
    members = list(selectors.members_in_post(panel, on=today).select_related("council"))
    context = {
        "panel": panel,
        "insider": insider,
        "can_manage": can_manage_panel(request.user, panel),
        "members": members,
        "warnings": selectors.composition_warnings(panel, on=today) if insider else [],
        "meetings": selectors.meetings_visible_to(request.user).filter(panel=panel)[:20],
        "reports": selectors.panel_reports_visible_to(request.user).filter(panel=panel)[:20],
        "secretariat": panel.secretariat.all(),
        "plan_drafts": selectors.plan_drafts_shared_with(panel)[:10] if insider else [],
    }
    return render(request, "panels/panel_detail.html", context)


@login_required
@require_GET
def panel_balance(request: HttpRequest, pk: int) -> HttpResponse:
    """The balanced appointment report, and a seat model for a chosen panel size."""
    panel = _panel_for(request.user, pk)
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


PRECEPT_STEP_FIELDS = {
    "proposed": "proposed_precept_received_on",
    "report": "panel_report_on",
    "revised": "revised_precept_received_on",
    "second_report": "second_report_on",
    "final": "final_precept_issued_on",
}


def _precept_year_default(today: datetime.date) -> int:
    """Until the precept is issued on 1 March the current year's timetable is live; after it, next year's."""
    return today.year if today < datetime.date(today.year, 3, 2) else today.year + 1


@login_required
@require_GET
def panel_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    panel = _panel_for(request.user, pk)
    if not is_insider_of(request.user, panel.force_area_id):
        raise Http404
    try:
        year = int(request.GET.get("year", ""))
        if not 2012 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = _precept_year_default(timezone.localdate())
    precept_year = PreceptYear.objects.filter(panel=panel, year=year).first()
    today = timezone.localdate()
    context = {
        "panel": panel,
        "year": year,
        "year_label": statutory.financial_year_label(year),
        "steps": [
            (step, getattr(precept_year, PRECEPT_STEP_FIELDS[step.key]) if precept_year else None)
            for step in statutory.precept_timetable(year)
        ],
        "precept_year": precept_year,
        "hearings": ConfirmationHearing.objects.filter(panel=panel).prefetch_related("votes")[:20],
        "votes": VetoVote.objects.filter(panel=panel)[:20],
        "members_in_post": selectors.members_in_post(panel, on=today).count(),
        "vote_form": VetoVoteForm(initial={"voted_on": today}) if can_manage_panel(request.user, panel) else None,
        "annual_report_meetings": selectors.meetings_visible_to(request.user).filter(
            panel=panel, kind=Meeting.Kind.ANNUAL_REPORT
        )[:5],
    }
    context["threshold"] = statutory.veto_threshold(context["members_in_post"])
    return render(request, "panels/panel_calendar.html", context)


@login_required
@require_POST
def veto_vote_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = _managed_panel_for(request.user, pk)
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
            for message in _error_messages(error):
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
    panel = _panel_for(request.user, pk)
    if not can_view_complaints(request.user, panel):
        raise Http404
    complaints = selectors.complaints_visible_to(request.user).filter(panel=panel)
    context = {"panel": panel, "complaints": complaints, "status_form": ComplaintStatusForm()}
    return render(request, "panels/complaint_list.html", context)


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Meetings the user may see: the public sees those whose papers are published."""
    meetings = selectors.meetings_visible_to(request.user).order_by("-starts_at")[:50]
    return render(request, "panels/meeting_list.html", {"meetings": meetings})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    insider = is_insider_of(request.user, meeting.panel.force_area_id)
    items = (
        selectors.agenda_items_visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("report")
        .order_by("number")
    )
    context = {
        "meeting": meeting,
        "panel": meeting.panel,
        "can_edit_papers": can_edit_papers(request.user, meeting),
        "items": items,
        "insider": insider,
        "can_manage": can_manage_panel(request.user, meeting.panel),
        "attendances": meeting.attendances.select_related("membership") if insider else [],
        "declarations": meeting.declarations.select_related("membership", "agenda_item"),
    }
    return render(request, "panels/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int, meeting_pk: int | None = None) -> HttpResponse:
    """Schedule a meeting, or reschedule one."""
    panel = _managed_panel_for(request.user, pk)
    meeting = get_object_or_404(panel.meetings.all(), pk=meeting_pk) if meeting_pk else None
    initial = {}
    if meeting:
        initial = {"kind": meeting.kind, "starts_at": timezone.localtime(meeting.starts_at), "venue": meeting.venue}
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = services.meeting_create(user=request.user, panel=panel, **form.cleaned_data)
            else:
                meeting = services.meeting_update(user=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Meeting saved. Papers are due by {meeting.papers_due_on:%A %-d %B %Y}.")
            return redirect(meeting)
    return render(request, "panels/meeting_form.html", {"panel": panel, "form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    try:
        services.meeting_publish_papers(user=request.user, meeting=meeting)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, "The papers are published: the meeting's page is now public.")
    return redirect(meeting)


def _agenda_report_for(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.agenda_reports_visible_to(request.user), pk=pk)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _agenda_report_for(request, pk)
    context = {**agenda_report_context(report), "meeting": report.agenda_item.meeting}
    return render(request, "panels/report_detail.html", context)


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _agenda_report_for(request, pk)
    return document_pdf_response(
        request,
        document="panels.agenda_report",
        params={"report_id": report.pk},
        filename=f"agenda-item-{report.agenda_item.number}.pdf",
    )


@require_GET
def panel_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.panel_reports_visible_to(request.user), pk=pk)
    recommendations = selectors.recommendations_for_display(report, request.user)
    context = {
        "report": report,
        "recommendations": recommendations,
        "can_manage": can_manage_panel(request.user, report.panel),
        "can_respond": bool(recommendations) and can_respond_to_recommendation(request.user, recommendations[0]),
        "today": timezone.localdate(),
    }
    return render(request, "panels/panel_report_detail.html", context)


@require_GET
def panel_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.panel_reports_visible_to(request.user), pk=pk)
    params = {"report_id": report.pk}
    if request.user.is_authenticated:
        params["viewer_id"] = request.user.pk
    return document_pdf_response(
        request, document="panels.panel_report", params=params, filename=f"panel-report-{report.pk}.pdf"
    )


@login_required
@require_POST
def panel_report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(selectors.panel_reports_visible_to(request.user), pk=pk)
    try:
        services.panel_report_publish(user=request.user, report=report)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, "The report and the responses given so far are published.")
    return redirect(report)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("report__panel").filter(
            report__in=selectors.panel_reports_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    if not can_respond_to_recommendation(request.user, recommendation):
        raise Http404
    initial = {"response": recommendation.response}
    if recommendation.status != Recommendation.Status.AWAITING:
        initial["status"] = recommendation.status
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_respond(user=request.user, recommendation=recommendation, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Response to recommendation ({recommendation.label}) saved.")
            return redirect(recommendation.report)
    context = {"recommendation": recommendation, "report": recommendation.report, "form": form}
    return render(request, "panels/recommendation_respond.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if not can_manage_panel(request.user, meeting.panel):
        raise Http404
    next_number = (meeting.agenda_items.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = AgendaItemForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_create(user=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Agenda item {form.cleaned_data['number']} added.")
            return redirect(meeting)
    return render(request, "panels/agenda_item_form.html", {"meeting": meeting, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def agenda_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write or revise the report for an agenda item: the header, implications and numbered paragraphs."""
    item = get_object_or_404(selectors.agenda_items_visible_to(request.user), pk=pk)
    if not can_edit_papers(request.user, item.meeting):
        raise Http404
    report = AgendaReport.objects.filter(agenda_item=item).first()
    form = AgendaReportForm(request.POST or None, instance=report, prefix="report")
    formset = ReportParagraphFormSet(request.POST or None, instance=report or AgendaReport(), prefix="paragraphs")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        paragraphs = [
            {name: value for name, value in f.cleaned_data.items() if name not in {"id", "report", "DELETE"}}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            saved = services.agenda_report_save(
                user=request.user, agenda_item=item, fields=form.cleaned_data, paragraphs=paragraphs
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The report is saved.")
            return redirect("panels:report_detail", pk=saved.pk)
    context = {"item": item, "meeting": item.meeting, "form": form, "formset": formset}
    return render(request, "panels/agenda_report_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_create(request: HttpRequest, pk: int, membership_pk: int | None = None) -> HttpResponse:
    """Add a member, or change one (an end date, a new office)."""
    panel = _managed_panel_for(request.user, pk)
    membership = get_object_or_404(panel.memberships.all(), pk=membership_pk) if membership_pk else None
    form = MembershipForm(request.POST or None, instance=membership, councils=selectors.area_councils(panel))
    if request.method == "POST" and form.is_valid():
        try:
            if membership is None:
                services.membership_create(user=request.user, panel=panel, **form.cleaned_data)
            else:
                services.membership_update(user=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
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
    panel = _panel_for(request.user, pk)
    if not can_view_complaints(request.user, panel):
        raise Http404
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_create(user=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
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
            for message in _error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, f"Complaint is now “{complaint.get_status_display()}”.")
    else:
        messages.error(request, "Choose a status.")
    return redirect("panels:complaint_list", pk=complaint.panel_id)


@login_required
@require_http_methods(["GET", "POST"])
def panel_report_edit(request: HttpRequest, pk: int, report_pk: int | None = None) -> HttpResponse:
    """Write the panel's report: its comments and lettered recommendations, with sub-points."""
    panel = _managed_panel_for(request.user, pk)
    report = get_object_or_404(panel.reports.all(), pk=report_pk) if report_pk else None
    form = PanelReportForm(request.POST or None, instance=report, panel=panel, prefix="report")
    formset = RecommendationFormSet(
        request.POST or None,
        instance=report or PanelReport(panel=panel),
        prefix="recommendations",
        queryset=Recommendation.objects.select_related("parent").order_by("position"),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        recommendations, removed = [], []
        for f in formset.forms:
            if not f.cleaned_data:
                continue
            if f.cleaned_data.get("DELETE"):
                if f.instance.pk:
                    removed.append(f.instance.pk)
                continue
            data = {k: v for k, v in f.cleaned_data.items() if k not in {"id", "report", "DELETE"}}
            data["instance"] = f.instance if f.instance.pk else None
            recommendations.append(data)
        try:
            saved = services.panel_report_save(
                user=request.user,
                panel=panel,
                report=report,
                fields=form.cleaned_data,
                recommendations=recommendations,
                removed_ids=removed,
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The panel's report is saved.")
            return redirect(saved)
    context = {"panel": panel, "report": report, "form": form, "formset": formset}
    return render(request, "panels/panel_report_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record attendance, decisions and minutes for a meeting."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if not can_manage_panel(request.user, meeting.panel):
        raise Http404
    members = selectors.members_in_post(meeting.panel, on=meeting.meeting_date)
    items = meeting.agenda_items.order_by("number")
    recorded = {a.membership_id: a for a in meeting.attendances.all()}
    initial = {"minutes": meeting.minutes, "minutes_approved": meeting.minutes_approved}
    for membership_id, row in recorded.items():
        initial[f"attendance_{membership_id}"] = row.status
        initial[f"substitute_{membership_id}"] = row.substitute_name
    for item in items:
        initial[f"decision_{item.pk}"] = item.decision
    form = MinutesForm(request.POST or None, initial=initial, members=members, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_record(
                user=request.user,
                meeting=meeting,
                attendance={m.pk: (data[f"attendance_{m.pk}"], data[f"substitute_{m.pk}"]) for m in form.members},
                decisions={i.pk: data[f"decision_{i.pk}"] for i in form.items},
                minutes=data["minutes"],
                minutes_approved=data["minutes_approved"],
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "Attendance, decisions and minutes saved.")
            return redirect(meeting)
    declaration_form = DeclarationForm(meeting=meeting, members=members)
    context = {"meeting": meeting, "form": form, "declaration_form": declaration_form}
    return render(request, "panels/meeting_record.html", context)


@login_required
@require_POST
def declaration_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if not can_manage_panel(request.user, meeting.panel):
        raise Http404
    members = selectors.members_in_post(meeting.panel, on=meeting.meeting_date)
    form = DeclarationForm(request.POST, meeting=meeting, members=members)
    if form.is_valid():
        services.declaration_create(user=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, "Declaration of interest recorded.")
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
    return redirect("panels:meeting_record", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def hearing_create(request: HttpRequest, pk: int) -> HttpResponse:
    panel = _managed_panel_for(request.user, pk)
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hearing = services.hearing_create(user=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request, f"Hearing recorded: the panel must report by {hearing.report_due_on:%A %-d %B %Y}."
            )
            return redirect("panels:calendar", pk=panel.pk)
    return render(request, "panels/hearing_form.html", {"panel": panel, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def precept_year_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    panel = _managed_panel_for(request.user, pk)
    if not 2012 <= year <= 2100:
        raise Http404
    precept_year = PreceptYear.objects.filter(panel=panel, year=year).first() or PreceptYear(panel=panel, year=year)
    form = PreceptYearForm(request.POST or None, instance=precept_year)
    if request.method == "POST" and form.is_valid():
        try:
            services.precept_year_record(user=request.user, precept_year=precept_year, **form.cleaned_data)
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Precept {precept_year.label} dates saved.")
            return redirect(reverse("panels:calendar", kwargs={"pk": panel.pk}) + f"?year={year}")
    context = {"panel": panel, "form": form, "year_label": statutory.financial_year_label(year), "year": year}
    return render(request, "panels/precept_year_form.html", context)

"""Meeting views: agenda, publication, attendance, decisions, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.pdf.views import document_pdf_response

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    DeclarationForm,
    MeetingForm,
    MinutesForm,
)
from ..permissions import (
    can_edit_papers,
    can_manage_panel,
    is_insider_of,
)
from .common import error_messages, managed_panel_for


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
    panel = managed_panel_for(request.user, pk)
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
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Meeting saved. Papers are due by {meeting.papers_due_on:%A %-d %B %Y}.")
            return redirect(meeting)
    return render(request, "panels/meeting_form.html", {"panel": panel, "form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the agenda and papers, after a page that says what becomes public."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    if not can_manage_panel(request.user, meeting.panel):
        raise Http404
    if not is_confirmed(request):
        items = meeting.agenda_items.count()
        return confirmation_page(
            request,
            Confirmation(
                title=f"Publish the agenda for {meeting.panel.name}, {meeting.starts_at:%-d %B %Y}",
                button="Publish the agenda and papers",
                cancel_url=meeting.get_absolute_url(),
                consequences=[
                    f"The agenda ({items} item{'s' * (items != 1)}) and its open reports become public, "
                    "on the meeting's page and in the public calendar.",
                    "Exempt reports stay visible to the panel and the office only.",
                ],
            ),
        )
    try:
        services.meeting_publish_papers(user=request.user, meeting=meeting)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, "The papers are published: the meeting's page is now public.")
    return redirect(meeting)


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
            for message in error_messages(error):
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
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Agenda item {form.cleaned_data['number']} added.")
            return redirect(meeting)
    return render(request, "panels/agenda_item_form.html", {"meeting": meeting, "form": form})


@require_GET
def meeting_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the agenda pack: exempt reports only for the panel's own members and officers."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)
    params = {"meeting_id": meeting.pk}
    if request.user.is_authenticated:
        params["viewer_id"] = request.user.pk
    return document_pdf_response(
        request, document="panels.meeting_agenda", params=params, filename=f"agenda-{meeting.meeting_date}.pdf"
    )

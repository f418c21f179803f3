"""Paper views: agenda reports and the panel's reports with responses, as pages and PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.core.docx_import import DocxUploadForm, docx_to_document
from pcc_portal.pdf.views import document_pdf_response

from .. import selectors, services
from ..documents import agenda_report_context
from ..forms import (
    AgendaReportForm,
    PanelReportForm,
    RecommendationFormSet,
    ReportParagraphFormSet,
    ResponseForm,
)
from ..models import AgendaReport, PanelReport, Recommendation
from ..models.meetings import MAX_REPORT_PARAGRAPHS
from ..permissions import (
    can_edit_papers,
    can_manage_panel,
    can_respond_to_recommendation,
)
from .common import error_messages, managed_panel_for


def _agenda_report_for(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.agenda_reports_visible_to(request.user), pk=pk)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _agenda_report_for(request, pk)
    meeting = report.agenda_item.meeting
    can_edit = can_edit_papers(request.user, meeting)
    context = {
        **agenda_report_context(report),
        "meeting": meeting,
        "can_edit": can_edit,
        "not_brought_across": request.session.pop(IMPORT_NOTES_KEY.format(pk=report.pk), None) if can_edit else None,
    }
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


def _formset_total(data, prefix: str) -> int:
    try:
        return int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return 0


def _without_errors(*forms_) -> None:
    """Show what was typed without judging it: adding a blank paragraph is not a save."""
    for form in forms_:
        form._errors = ErrorDict()
        form.cleaned_data = {}


@login_required
@require_http_methods(["GET", "POST"])
def agenda_report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write or revise the report for an agenda item: its header, then sections and paragraphs in the author's order.

    "Add a paragraph" posts the form back with one more blank paragraph and saves
    nothing, so the form works without JavaScript; the script in
    static/panels/report_form.js does the same in the page.
    """
    item = get_object_or_404(selectors.agenda_items_visible_to(request.user), pk=pk)
    if not can_edit_papers(request.user, item.meeting):
        raise Http404
    report = AgendaReport.objects.filter(agenda_item=item).first()
    data = request.POST or None
    adding = request.method == "POST" and "add_paragraph" in request.POST
    if adding:
        data = request.POST.copy()
        total = _formset_total(data, "paragraphs")
        if total < MAX_REPORT_PARAGRAPHS:
            data["paragraphs-TOTAL_FORMS"] = str(total + 1)
        else:
            messages.warning(request, f"A report takes at most {MAX_REPORT_PARAGRAPHS} paragraphs.")
    form = AgendaReportForm(data, instance=report, prefix="report")
    formset = ReportParagraphFormSet(data, instance=report or AgendaReport(), prefix="paragraphs")
    if adding:
        _without_errors(form, *formset.forms)
        formset._non_form_errors = formset.error_class()
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        paragraphs = [
            {"id": f.instance.pk, **{name: f.cleaned_data.get(name, "") for name in services.PARAGRAPH_FIELDS}}
            for f in formset.ordered_forms
        ]
        try:
            saved = services.agenda_report_save(
                user=request.user, agenda_item=item, fields=form.cleaned_data, paragraphs=paragraphs
            )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The report is saved.")
            return redirect("panels:report_detail", pk=saved.pk)
    context = {"item": item, "meeting": item.meeting, "report": report, "form": form, "formset": formset}
    return render(request, "panels/agenda_report_form.html", context)


IMPORT_NOTES_KEY = "panels:report-from-word:{pk}"


@login_required
@require_http_methods(["GET", "POST"])
def agenda_report_from_word(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an item's report from a Word file, then show it with what could not be brought across."""
    item = get_object_or_404(selectors.agenda_items_visible_to(request.user), pk=pk)
    if not can_edit_papers(request.user, item.meeting):
        raise Http404
    existing = AgendaReport.objects.filter(agenda_item=item).first()
    form = DocxUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not existing and form.is_valid():
        document = docx_to_document(form.cleaned_data["document"])
        try:
            saved = services.agenda_report_from_word(user=request.user, agenda_item=item, document=document)
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            request.session[IMPORT_NOTES_KEY.format(pk=saved.pk)] = document.not_brought_across
            messages.success(request, "The report is made from your Word file. Check it, then edit what needs it.")
            return redirect("panels:report_detail", pk=saved.pk)
    context = {"item": item, "meeting": item.meeting, "existing": existing, "form": form}
    return render(request, "panels/agenda_report_from_word.html", context)


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
@require_http_methods(["GET", "POST"])
def panel_report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the panel's feedback (its report and recommendations) out in public, after a confirmation page."""
    report = get_object_or_404(selectors.panel_reports_visible_to(request.user), pk=pk)
    if not can_manage_panel(request.user, report.panel):
        raise Http404
    if not is_confirmed(request):
        recommendations = report.recommendations.count()
        return confirmation_page(
            request,
            Confirmation(
                title=f"Publish {report.title}",
                button="Publish the report and responses",
                cancel_url=report.get_absolute_url(),
                consequences=[
                    f"The panel's report and its {recommendations} recommendation{'s' * (recommendations != 1)} "
                    "become public, with the Commissioner's responses given so far.",
                    "Responses given later are published as they arrive.",
                ],
            ),
        )
    try:
        services.panel_report_publish(user=request.user, report=report)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, "The report and the responses given so far are published.")
    return redirect(report)


@login_required
@require_http_methods(["GET", "POST"])
def panel_report_edit(request: HttpRequest, pk: int, report_pk: int | None = None) -> HttpResponse:
    """Write the panel's report: its comments and lettered recommendations, with sub-points."""
    panel = managed_panel_for(request.user, pk)
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
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The panel's report is saved.")
            return redirect(saved)
    context = {"panel": panel, "report": report, "form": form, "formset": formset}
    return render(request, "panels/panel_report_form.html", context)


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
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, f"Response to recommendation ({recommendation.label}) saved.")
            return redirect(recommendation.report)
    context = {"recommendation": recommendation, "report": recommendation.report, "form": form}
    return render(request, "panels/recommendation_respond.html", context)

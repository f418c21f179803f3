"""Paper views: agenda reports and the panel's reports with responses, as pages and PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.confirm import Confirmation, confirmation_page, is_confirmed
from pcc_portal.core.docx_import import DocxUploadForm, docx_to_document
from pcc_portal.pdf.views import document_pdf_response

from .. import selectors, services
from ..documents import agenda_report_context
from ..forms import (
    AgendaReportForm,
    AppendixArrangeForm,
    AppendixForm,
    CommentsResponseForm,
    CommissionerResponseForm,
    PanelReportForm,
    RecommendationFormSet,
    ReportParagraphFormSet,
)
from ..models import AgendaReport, Panel, PanelReport, Recommendation, ReportAppendix
from ..models.meetings import MAX_REPORT_PARAGRAPHS
from ..permissions import (
    can_edit_papers,
    can_manage_appendices,
    can_manage_panel,
    can_respond_to_recommendation,
    can_respond_to_report,
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


@login_required
@require_http_methods(["GET", "POST"])
def report_appendices(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a report's appendices, retitle and reorder them."""
    report = _agenda_report_for(request, pk)
    if not can_manage_appendices(request.user, report):
        raise Http404
    appendices = list(report.appendices.order_by("position", "pk"))
    upload_form = AppendixForm(request.POST or None, request.FILES or None, prefix="add")
    arrange_form = AppendixArrangeForm(appendices=appendices, prefix="arrange")
    if request.method == "POST":
        if upload_form.is_valid():
            try:
                appendix = services.appendix_add(
                    user=request.user,
                    report=report,
                    title=upload_form.cleaned_data["title"],
                    upload=upload_form.cleaned_data["file"],
                )
            except ValidationError as error:
                for message in error_messages(error):
                    upload_form.add_error("file", message)
            else:
                messages.success(request, f"Appendix {appendix.position} added: {appendix.title}.")
                return redirect("panels:report_appendices", pk=report.pk)
        status = 400
    else:
        status = 200
    context = {"report": report, "item": report.agenda_item, "meeting": report.agenda_item.meeting}
    context |= {"appendices": appendices, "upload_form": upload_form, "arrange_form": arrange_form}
    return render(request, "panels/report_appendices.html", context, status=status)


@login_required
@require_POST
def report_appendices_arrange(request: HttpRequest, pk: int) -> HttpResponse:
    report = _agenda_report_for(request, pk)
    if not can_manage_appendices(request.user, report):
        raise Http404
    form = AppendixArrangeForm(request.POST, appendices=report.appendices.order_by("position", "pk"), prefix="arrange")
    if form.is_valid():
        try:
            services.appendices_arrange(user=request.user, report=report, titles=form.titles(), order=form.order())
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, "The appendices are saved in the order shown.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"Appendices not saved: {message}")
    return redirect("panels:report_appendices", pk=report.pk)


@login_required
@require_POST
def appendix_remove(request: HttpRequest, pk: int) -> HttpResponse:
    appendix = get_object_or_404(
        ReportAppendix.objects.select_related("report__agenda_item__meeting__panel").filter(
            report__in=selectors.agenda_reports_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    try:
        services.appendix_remove(user=request.user, appendix=appendix)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, f"Appendix removed: {appendix.title}.")
    return redirect("panels:report_appendices", pk=appendix.report_id)


@require_GET
def appendix_download(request: HttpRequest, pk: int) -> FileResponse:
    """An appendix for whoever may read its report: an exempt report's appendices are never public."""
    appendix = get_object_or_404(
        ReportAppendix.objects.filter(report__in=selectors.agenda_reports_visible_to(request.user).values("pk")),
        pk=pk,
    )
    name = appendix.file.name.rsplit("/", 1)[-1]
    response = FileResponse(appendix.file.open("rb"), as_attachment=appendix.kind != "pdf", filename=name)
    response["Cache-Control"] = "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
    tracked = selectors.recommendation_tracker(request.user, reports=[report])[0]
    context = {
        "report": report,
        "tracked": tracked,
        "not_brought_across": request.session.pop(WORD_NOTES_KEY.format(pk=report.pk), None),
        "can_manage": can_manage_panel(request.user, report.panel),
        "can_respond": can_respond_to_report(request.user, report),
        "today": timezone.localdate(),
    }
    return render(request, "panels/panel_report_detail.html", context)


@require_GET
def recommendation_tracker(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recommendation of the panel the reader may see, with responses, position, owner and due date."""
    panel = get_object_or_404(Panel.objects.select_related("force_area"), pk=pk)
    tracked = selectors.recommendation_tracker(
        request.user, reports=selectors.panel_tracker_reports(request.user, panel)
    )
    context = {"panel": panel, "tracked": tracked, "today": timezone.localdate()}
    return render(request, "panels/recommendation_tracker.html", context)


@require_GET
def recommendation_tracker_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    panel = get_object_or_404(Panel.objects.all(), pk=pk)
    params = {"panel_id": panel.pk}
    if request.user.is_authenticated:
        params["viewer_id"] = request.user.pk
    return document_pdf_response(
        request,
        document="panels.recommendation_tracker",
        params=params,
        filename=f"recommendations-{panel.force_area.code}.pdf",
    )


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


def _response_report_for(request: HttpRequest, pk: int) -> PanelReport:
    report = get_object_or_404(selectors.panel_reports_visible_to(request.user), pk=pk)
    if not can_respond_to_report(request.user, report):
        raise Http404
    return report


@login_required
@require_http_methods(["GET", "POST"])
def response_edit(request: HttpRequest, pk: int, response_pk: int | None = None) -> HttpResponse:
    """The OPCC writes a response: to one or several recommendations, or to a whole section."""
    report = _response_report_for(request, pk)
    response = get_object_or_404(report.responses.all(), pk=response_pk) if response_pk else None
    recommendations = report.recommendations.order_by("position")
    headings = list(recommendations.exclude(heading="").values_list("heading", flat=True))
    initial = {}
    if response is not None:
        answered = list(response.recommendations.all())
        initial = {
            "recommendations": [r.pk for r in answered],
            "section_heading": response.section_heading,
            "text": response.text,
            "status": next((r.status for r in answered if r.status != Recommendation.Status.AWAITING), None),
        }
    elif chosen := request.GET.get("recommendation", "").strip():
        initial["recommendations"] = [chosen] if chosen.isdigit() else []
    form = CommissionerResponseForm(
        request.POST or None, initial=initial, recommendations=recommendations, headings=headings
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.response_save(
                user=request.user,
                report=report,
                recommendations=list(data["recommendations"]),
                section_heading=data["section_heading"],
                text=data["text"],
                status=data["status"],
                response=response,
            )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The Commissioner's response is saved.")
            return redirect(report)
    context = {"report": report, "form": form, "response": response}
    return render(request, "panels/response_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comments_response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The OPCC writes the Commissioner's response to the panel's comments."""
    report = _response_report_for(request, pk)
    form = CommentsResponseForm(request.POST or None, initial={"comments_response": report.comments_response})
    if request.method == "POST" and form.is_valid():
        try:
            services.comments_response_save(
                user=request.user, report=report, text=form.cleaned_data["comments_response"]
            )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, "The response to the panel's comments is saved.")
            return redirect(report)
    return render(request, "panels/comments_response_form.html", {"report": report, "form": form})


@login_required
@require_GET
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Respond to one recommendation: its own response if it has one, else a new one for it."""
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("report__panel").filter(
            report__in=selectors.panel_reports_visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    if not can_respond_to_recommendation(request.user, recommendation):
        raise Http404
    own = [r for r in recommendation.responses.all() if not r.section_heading]
    if len(own) == 1:
        return redirect("panels:response_edit", pk=recommendation.report_id, response_pk=own[0].pk)
    return redirect(
        reverse("panels:response_create", kwargs={"pk": recommendation.report_id})
        + f"?recommendation={recommendation.pk}"
    )


WORD_NOTES_KEY = "panels:word-notes:{pk}"


@login_required
@require_http_methods(["GET", "POST"])
def panel_report_from_word(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a draft recommendations register from a Word file, then show what did not come across."""
    from pcc_portal.core.docx_import import DocxUploadForm, docx_to_document

    panel = managed_panel_for(request.user, pk)
    form = DocxUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            document = docx_to_document(form.cleaned_data["document"])
            try:
                report = services.panel_report_from_word(user=request.user, panel=panel, document=document)
            except ValidationError as error:
                for message in error_messages(error):
                    form.add_error("document", message)
            else:
                request.session[WORD_NOTES_KEY.format(pk=report.pk)] = document.not_brought_across
                messages.success(
                    request,
                    f"A draft with {report.recommendations.count()} recommendations was made from the Word file. "
                    "Check it against the document, then edit and publish it.",
                )
                return redirect(report)
    return render(request, "panels/panel_report_from_word.html", {"panel": panel, "form": form}, status=status)

"""Transparency pages: public registers for every visitor, management pages for the area's OPCC staff.

Thin views: find the area (404 if unknown), check access (404 when refused),
read through a selector, call a service, render or redirect.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pcc_portal.accounts.models import ForceArea
from pcc_portal.pdf.views import document_pdf_response

from . import selectors, services, spend_import
from .forms import (
    ContractForm,
    DecisionForm,
    GiftForm,
    InspectionReportForm,
    InterestForm,
    PublicationEntryForm,
    SpendUploadForm,
)
from .models import Contract, Decision, Gift, InspectionReport, Interest
from .permissions import can_manage_transparency, can_see_exempt_part
from .schedule import CLASSES

PAGE_SIZE = 50
SPEND_PAGE_SIZE = 100


def _area(code: str) -> ForceArea:
    return get_object_or_404(ForceArea, code=code)


def _managed_area(request: HttpRequest, code: str) -> ForceArea:
    area = _area(code)
    if not can_manage_transparency(request.user, area):
        raise Http404
    return area


def _page(request: HttpRequest, items, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _context(request: HttpRequest, area: ForceArea, **extra) -> dict[str, Any]:
    return {"area": area, "can_manage": can_manage_transparency(request.user, area), **extra}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/index.html", {"areas": selectors.areas_with_transparency()})


@require_GET
def area_page(request: HttpRequest, code: str) -> HttpResponse:
    """Every class of the publication scheme, its last-updated date and link, and the scorecard."""
    area = _area(code)
    scorecard, statuses = selectors.scorecard_for(area)
    context = _context(
        request,
        area,
        scorecard=scorecard,
        statuses=statuses,
        illustrative=selectors.has_illustrative_content(area),
    )
    return render(request, "transparency/area_page.html", context)


@require_GET
def decision_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    entries = selectors.decision_register(request.user, area=area)
    return render(request, "transparency/decision_list.html", _context(request, area, page=_page(request, entries)))


@require_GET
def decision_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    area = _area(code)
    decision = get_object_or_404(selectors.decisions_visible_to(request.user, area=area), pk=pk)
    context = _context(request, area, decision=decision, show_exempt=can_see_exempt_part(request.user, decision))
    return render(request, "transparency/decision_detail.html", context)


@require_GET
def decision_pdf(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    area = _area(code)
    decision = get_object_or_404(selectors.decisions_visible_to(request.user, area=area), pk=pk)
    return document_pdf_response(
        request,
        document="transparency.decision_notice",
        params={"decision_id": decision.pk},
        filename=f"decision-{decision.reference.replace('/', '-')}.pdf",
    )


@require_GET
def interest_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    page = _page(request, selectors.interests_visible_to(request.user, area=area))
    return render(request, "transparency/interest_list.html", _context(request, area, page=page))


@require_GET
def gift_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    page = _page(request, selectors.gifts_visible_to(request.user, area=area))
    return render(request, "transparency/gift_list.html", _context(request, area, page=page))


def _month(request: HttpRequest) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        return None


@require_GET
def spend_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    uploads = list(selectors.spend_uploads_of(area))
    month = _month(request) or (uploads[0].month if uploads else None)
    upload = next((u for u in uploads if u.month == month), None)
    items = selectors.spend_items_of(area, month=month) if upload else []
    context = _context(
        request, area, uploads=uploads, upload=upload, page=_page(request, items, SPEND_PAGE_SIZE), month=month
    )
    return render(request, "transparency/spend_list.html", context)


def _csv(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def spend_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    month = _month(request)
    rows = spend_import.spend_rows(selectors.spend_items_of(area, month=month).iterator())
    suffix = f"-{month:%Y-%m}" if month else ""
    return _csv(spend_import.to_csv(spend_import.SPEND_COLUMNS, rows), f"spending-over-500-{area.code}{suffix}.csv")


@require_GET
def contract_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    page = _page(request, selectors.contracts_visible_to(request.user, area=area))
    return render(request, "transparency/contract_list.html", _context(request, area, page=page))


@require_GET
def contract_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    # The public file: published contracts only, whoever asks.
    contracts = selectors.contracts_visible_to(request.user, area=area).filter(is_published=True)
    rows = spend_import.contract_rows(contracts)
    return _csv(spend_import.to_csv(spend_import.CONTRACT_COLUMNS, rows), f"contracts-over-10000-{area.code}.csv")


@require_GET
def inspection_list(request: HttpRequest, code: str) -> HttpResponse:
    area = _area(code)
    page = _page(request, selectors.inspections_visible_to(request.user, area=area))
    return render(request, "transparency/inspection_list.html", _context(request, area, page=page))


@login_required
@require_GET
def manage(request: HttpRequest, code: str) -> HttpResponse:
    """The staff view: the schedule with what is out of date, and every record, published or not."""
    area = _managed_area(request, code)
    scorecard, statuses = selectors.scorecard_for(area)
    user = request.user
    context = _context(
        request,
        area,
        scorecard=scorecard,
        statuses=statuses,
        decisions=selectors.decisions_visible_to(user, area=area)[:PAGE_SIZE],
        interests=selectors.interests_visible_to(user, area=area)[:PAGE_SIZE],
        gifts=selectors.gifts_visible_to(user, area=area)[:PAGE_SIZE],
        contracts=selectors.contracts_visible_to(user, area=area)[:PAGE_SIZE],
        inspections=selectors.inspections_visible_to(user, area=area)[:PAGE_SIZE],
        uploads=selectors.spend_uploads_of(area)[:24],
    )
    return render(request, "transparency/manage.html", context)


@dataclass(frozen=True)
class RecordKind:
    model: type
    form: type
    label: str
    save: Any
    argument: str
    queryset: Any


RECORD_KINDS = {
    "decisions": RecordKind(
        Decision, DecisionForm, "decision", services.decision_save, "decision", selectors.decisions_visible_to
    ),
    "interests": RecordKind(
        Interest, InterestForm, "interest", services.interest_save, "interest", selectors.interests_visible_to
    ),
    "gifts": RecordKind(Gift, GiftForm, "gift or hospitality", services.gift_save, "gift", selectors.gifts_visible_to),
    "contracts": RecordKind(
        Contract, ContractForm, "contract", services.contract_save, "contract", selectors.contracts_visible_to
    ),
    "inspections": RecordKind(
        InspectionReport,
        InspectionReportForm,
        "HMICFRS report",
        services.inspection_save,
        "report",
        selectors.inspections_visible_to,
    ),
}


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, code: str, kind: str, pk: int | None = None) -> HttpResponse:
    area = _managed_area(request, code)
    spec = RECORD_KINDS.get(kind)
    if spec is None:
        raise Http404
    instance = get_object_or_404(spec.queryset(request.user, area=area), pk=pk) if pk else spec.model(force_area=area)
    extra = {"user": request.user, "area": area} if spec.form is ContractForm else {}
    form = spec.form(request.POST or None, instance=instance, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(user=request.user, area=area, **{spec.argument: form.save(commit=False)})
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"The {spec.label} was saved.")
            return redirect("transparency:manage", code=area.code)
    context = _context(request, area, form=form, spec=spec, kind=kind, instance=instance)
    return render(request, "transparency/record_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Record when a class the portal does not hold was last published, and where."""
    area = _managed_area(request, code)
    item = CLASSES.get(key)
    if item is None or item.computed:
        raise Http404
    current = next(s for s in selectors.schedule_for(area) if s.publication_class.key == key)
    initial = {"last_published_on": current.last_published, "url": current.url}
    form = PublicationEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.publication_entry_save(user=request.user, area=area, publication_class=key, **form.cleaned_data)
        messages.success(request, f"“{item.label}” was updated.")
        return redirect("transparency:manage", code=area.code)
    context = _context(request, area, form=form, item=item)
    return render(request, "transparency/entry_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def spend_upload(request: HttpRequest, code: str) -> HttpResponse:
    """Upload a month's spending: first a dry run with every row's errors, then the import, all or nothing."""
    area = _managed_area(request, code)
    form = SpendUploadForm(request.POST or None, request.FILES or None)
    plan, error = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, month = upload.read(), form.cleaned_data["month"]
        try:
            if request.POST.get("action") == "import":
                plan = services.spend_import(user=request.user, area=area, data=data, filename=upload.name, month=month)
                if plan.ok:
                    messages.success(
                        request, f"Imported {len(plan.rows)} payments over £500 for {month:%B %Y} (£{plan.total:,.2f})."
                    )
                    return redirect("transparency:spend_list", code=area.code)
            else:
                plan = spend_import.spend_import_plan(data=data, filename=upload.name, month=month)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    failed = bool(form.errors or error or (plan and not plan.ok))
    context = _context(request, area, form=form, plan=plan, error=error, columns=spend_import.SPEND_COLUMNS)
    return render(request, "transparency/spend_upload.html", context, status=422 if failed else 200)

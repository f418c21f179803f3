"""Transition pages. Thin views: check access (404 when refused), call a service, render or redirect."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.models import ForceArea
from pcc_portal.core import spreadsheets
from pcc_portal.core.dates import long_date, short_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.paginators import KeysFirstPaginator

from . import selectors, services
from .forms import (
    BulkForm,
    DecisionForm,
    EvidenceForm,
    MilestoneForm,
    ProgrammeForm,
    RiskForm,
    TransferItemFilter,
    TransferItemForm,
    WorkstreamForm,
    WorkstreamStatusForm,
    organisation_choices,
)
from .heatmap import heat_map
from .models import (
    KIND_LABELS,
    STATUS_LABELS,
    Decision,
    Milestone,
    Risk,
    TransferEvidence,
    TransferItem,
    TransitionProgramme,
    Workstream,
    receiver_text,
)
from .permissions import can_accept_item, can_manage_transition, can_read_programme

PAGE_SIZE = 50
OVERDUE_SHOWN = 25  # the rest are a filter away on the register
CHECKLIST_SHOWN = 100


def _today() -> date:
    return timezone.localdate()


def _programme(request: HttpRequest, pk: int, *, level: str = "read") -> TransitionProgramme:
    """Return the programme if the user may read it (or open its register, or manage it); else 404."""
    qs = {
        "read": selectors.programmes_readable_by,
        "register": selectors.programmes_visible_to,
        "manage": selectors.programmes_managed_by,
    }[level](request.user)
    return get_object_or_404(qs, pk=pk)


def _context(request: HttpRequest, programme: TransitionProgramme, **extra) -> dict:
    return {
        "programme": programme,
        "can_manage": can_manage_transition(request.user, programme.force_area_id),
        "can_read": can_read_programme(request.user, programme),
        **extra,
    }


def _save(form, save):
    """Run the service; a ValidationError becomes form errors (nothing is saved)."""
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errs in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form.add_error(None, error)
        return None


# Programmes -----------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    programmes = list(
        selectors.programmes_visible_to(request.user).annotate(item_count=Count("items")).order_by("-transfer_date")
    )
    if not programmes and not request.user.is_administrator and not request.user.area_ids:
        raise Http404
    manageable = ForceArea.objects.filter(pk__in=request.user.area_ids) if not request.user.is_administrator else None
    areas = [a for a in (manageable or []) if can_manage_transition(request.user, a.pk)]
    return render(request, "transition/home.html", {"programmes": programmes, "areas": areas})


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest, code: str) -> HttpResponse:
    area = get_object_or_404(ForceArea, code=code)
    if not can_manage_transition(request.user, area.pk):
        raise Http404
    return _programme_form(request, area=area, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, level="manage")
    return _programme_form(request, area=programme.force_area, instance=programme)


def _programme_form(request, *, area, instance):
    form = ProgrammeForm(request.POST or None, instance=instance, user=request.user, area=area)
    if request.method == "POST" and form.is_valid():
        programme = _save(form, lambda: services.programme_save(programme=form.instance, user=request.user))
        if programme is not None:
            messages.success(request, "The programme is saved; its statutory milestones are up to date.")
            return redirect(programme)
    return render(request, "transition/programme_form.html", {"form": form, "area": area, "programme": instance})


@login_required
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    if not can_read_programme(request.user, programme):
        # A partner user opens only the register rows naming their organisation.
        return redirect("transition:register", pk=programme.pk)
    return render(
        request,
        "transition/programme_detail.html",
        _context(
            request,
            programme,
            workstreams=selectors.workstreams_of(programme),
            milestones=selectors.milestones_of(programme),
            today=_today(),
            days_to_transfer=(programme.transfer_date - _today()).days,
        ),
    )


@login_required
@require_POST
def programme_propose(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, level="manage")
    result = services.register_propose(programme=programme, user=request.user)
    messages.success(
        request,
        f"Register brought up to date: {result.created} new rows, {result.refreshed} refreshed, "
        f"{result.unchanged} unchanged, {result.gone} whose source is no longer live.",
    )
    return redirect("transition:register", pk=programme.pk)


# Workstreams ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def workstream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workstream = get_object_or_404(
        Workstream.objects.select_related("programme", "lead"),
        pk=pk,
        programme__in=selectors.programmes_readable_by(request.user),
    )
    programme = workstream.programme
    can_manage = can_manage_transition(request.user, programme.force_area_id)
    form = WorkstreamStatusForm(request.POST or None, initial={"rag": workstream.rag})
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            workstream.rag, workstream.rag_reason = form.cleaned_data["rag"], form.cleaned_data["rag_reason"]
            if _save(form, lambda: services.workstream_save(workstream=workstream, user=request.user)):
                messages.success(request, "The workstream's status is updated.")
                return redirect(workstream)
            workstream.refresh_from_db()
    return render(
        request,
        "transition/workstream_detail.html",
        _context(
            request,
            programme,
            workstream=workstream,
            form=form,
            changes=workstream.status_changes.select_related("changed_by"),
            milestones=workstream.milestones.select_related("owner"),
            risks=workstream.risks.select_related("owner"),
            item_count=workstream.items.count(),
        ),
    )


def _part_form(request, *, programme, form_class, instance, title, done_url, **form_kwargs):
    form = form_class(request.POST or None, instance=instance, programme=programme, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        saver = services.workstream_save if isinstance(form.instance, Workstream) else None
        if saver:
            saved = _save(form, lambda: saver(workstream=form.instance, user=request.user))
        else:
            saved = _save(form, lambda: services.object_save(obj=form.instance, user=request.user))
        if saved is not None:
            messages.success(request, f"{title} saved.")
            return redirect(done_url(saved))
    return render(request, "transition/part_form.html", _context(request, programme, form=form, title=title))


def _part_view(model, form_class, title, done):
    """Make the create and edit views of something inside a programme (workstream, milestone, risk, decision)."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def create(request, pk):
        programme = _programme(request, pk, level="manage")
        return _part_form(
            request, programme=programme, form_class=form_class, instance=None, title=title, done_url=done
        )

    @login_required
    @require_http_methods(["GET", "POST"])
    def edit(request, pk):
        obj = get_object_or_404(
            model.objects.select_related("programme"),
            pk=pk,
            programme__in=selectors.programmes_managed_by(request.user),
        )
        return _part_form(
            request, programme=obj.programme, form_class=form_class, instance=obj, title=title, done_url=done
        )

    return create, edit


workstream_create, workstream_edit = _part_view(Workstream, WorkstreamForm, "Workstream", lambda o: o)
milestone_create, milestone_edit = _part_view(Milestone, MilestoneForm, "Milestone", lambda o: o.get_absolute_url())
risk_create, risk_edit = _part_view(Risk, RiskForm, "Risk or issue", lambda o: o.get_absolute_url())
decision_create, decision_edit = _part_view(Decision, DecisionForm, "Decision", lambda o: o.get_absolute_url())


# Risks and decisions --------------------------------------------------------------------------


@login_required
@require_GET
def risk_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    risks = list(selectors.risks_of(programme))
    return render(
        request,
        "transition/risk_list.html",
        _context(request, programme, risks=risks, heat=heat_map([r for r in risks if r.status != "closed"])),
    )


@login_required
@require_GET
def decision_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    return render(
        request,
        "transition/decision_list.html",
        _context(request, programme, decisions=selectors.decisions_of(programme)),
    )


# The register ---------------------------------------------------------------------------------


def _register_rows(request, programme):
    """Return the register's filter and the receiver choices of the organisations it offers (built once a page)."""
    organisations = selectors.receiver_organisations(request.user, programme).values_list("pk", "name")
    receivers = organisation_choices(organisations)
    filterset = TransferItemFilter(
        request.GET or None,
        queryset=selectors.items_visible_to(request.user, programme).order_by("kind", "title", "pk"),
        programme=programme,
        receivers=receivers,
    )
    return filterset, receivers


# What a register page shows of each row, read as plain values: the rest (notes, history of edits, owner) stays
# in the database, and no model instance is built for a row, its workstream or its organisations.
REGISTER_COLUMNS = (
    "pk",
    "title",
    "kind",
    "status",
    "receiver_kind",
    "due_on",
    "day_one_critical",
    "source_live",
    "accepted_at",
    "workstream__name",
    "counterparty__name",
    "receiver_organisation__name",
)


@login_required
@require_GET
def register(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, level="register")
    filterset, receivers = _register_rows(request, programme)
    page = KeysFirstPaginator(filterset.qs.values(*REGISTER_COLUMNS), PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = can_manage_transition(request.user, programme.force_area_id)
    # Each row's link, due date and labels are written here, once per page, rather than by the template per row.
    page.object_list = list(page.object_list)
    item_path = path_maker("transition:item_detail")
    for item in page.object_list:
        kind = item["receiver_kind"]
        item.update(
            url=item_path(item["pk"]),
            due_text=short_date(item["due_on"]) if item["due_on"] else "—",
            kind_label=KIND_LABELS.get(item["kind"], item["kind"]),
            status_label=STATUS_LABELS.get(item["status"], item["status"]),
            workstream_text=item["workstream__name"] or "—",
            counterparty_text=item["counterparty__name"] or "—",
            receiver_text=(
                receiver_text(kind, item["receiver_organisation__name"], successor_name=programme.successor_name)
                if kind
                else ""
            ),
            selectable=can_manage,  # a checkbox for the bulk change
        )
    query = request.GET.copy()
    query.pop("page", None)
    bulk_form = BulkForm(programme=programme, user=request.user, receivers=receivers) if can_manage else None
    return render(
        request,
        "transition/register.html",
        _context(request, programme, filter=filterset, page=page, query=query.urlencode(), bulk_form=bulk_form),
    )


EXPORT_HEADER = [
    "Kind",
    "Title",
    "Workstream",
    "Counterparty",
    "Receiving body",
    "Status",
    "Owner",
    "Due",
    "Day-one critical",
    "Amount (£)",
    "Retention rule",
    "Posts",
    "Accepted",
    "Source live",
    "Notes",
]


def _export_rows(items):
    for item in items:
        yield [
            item.kind_label,
            item.title,
            item.workstream.name if item.workstream_id else "",
            item.counterparty.name if item.counterparty_id else "",
            item.receiver_label(),
            item.status_label,
            str(item.owner) if item.owner_id else "",
            item.due_on.isoformat() if item.due_on else "",
            "yes" if item.day_one_critical else "no",
            "" if item.amount is None else f"{item.amount:.2f}",
            item.retention,
            "" if item.post_count is None else str(item.post_count),
            item.accepted_at.date().isoformat() if item.accepted_at else "",
            "yes" if item.source_live else "no",
            item.notes,
        ]


@login_required
@require_GET
def register_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    programme = _programme(request, pk, level="register")
    filterset, _ = _register_rows(request, programme)
    rows = _export_rows(filterset.qs.iterator(chunk_size=500))
    name = f"transfer-register-{programme.pk}"
    if fmt == "csv":
        response = HttpResponse(spreadsheets.csv_bytes(EXPORT_HEADER, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        spreadsheets.xlsx_bytes(EXPORT_HEADER, rows, sheet="Transfer register"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_POST
def register_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """First post: show what will change and ask to confirm; the confirmed post changes every row or none."""
    programme = _programme(request, pk, level="manage")
    form = BulkForm(request.POST, programme=programme, user=request.user)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) + form.errors.get("items", []):
            messages.error(request, error)
        for field in ("status", "receiver", "close_reason"):
            for error in form.errors.get(field, []):
                messages.error(request, f"{form.fields[field].label}: {error}")
        return redirect("transition:register", pk=programme.pk)
    data = form.cleaned_data
    items = data["items"]
    if not data.get("confirm"):
        return render(
            request,
            "transition/register_bulk_confirm.html",
            _context(request, programme, form=form, items=items.select_related("programme")[:50], count=len(items)),
        )
    try:
        count = services.items_bulk_update(
            programme=programme,
            item_ids=[i.pk for i in items],
            user=request.user,
            status=data.get("status") or "",
            receiver_kind=data["receiver_kind"],
            receiver_organisation=data["receiver_organisation"],
            reason=data.get("close_reason") or "",
        )
    except ValidationError as error:
        messages.error(request, "Nothing was changed. " + " ".join(error.messages))
    else:
        messages.success(request, f"{count} row{'s' if count != 1 else ''} changed.")
    return redirect("transition:register", pk=programme.pk)


@login_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_user(request.user, pk)
    if item is None:
        raise Http404
    return render(
        request,
        "transition/item_detail.html",
        _context(
            request,
            item.programme,
            item=item,
            evidence=item.evidence.select_related("uploaded_by"),
            evidence_form=EvidenceForm(),
            status_changes=item.status_changes.select_related("changed_by"),
            can_accept=can_accept_item(request.user, item),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk, level="manage")
    return _item_form(request, programme=programme, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        TransferItem.objects.select_related("programme"),
        pk=pk,
        programme__in=selectors.programmes_managed_by(request.user),
    )
    return _item_form(request, programme=item.programme, instance=item)


def _item_form(request, *, programme, instance):
    status_was = instance.status if instance is not None else None  # before the post is bound to it
    form = TransferItemForm(request.POST or None, instance=instance, programme=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        item = _save(
            form,
            lambda: services.item_save(
                item=form.instance,
                user=request.user,
                changed_fields=form.changed_data,
                status_was=form.cleaned_data.get("status_was") or status_was,
                status_note=form.cleaned_data.get("status_note") or "",
            ),
        )
        if item is not None:
            messages.success(request, "The register row is saved.")
            return redirect(item)
    return render(request, "transition/item_form.html", _context(request, programme, form=form, item=instance))


@login_required
@require_POST
def item_accept(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_for_user(request.user, pk)
    if item is None:
        raise Http404
    try:
        services.item_accept(item=item, user=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You have accepted this row for the successor body.")
    return redirect(item)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        TransferItem.objects.select_related("programme"),
        pk=pk,
        programme__in=selectors.programmes_managed_by(request.user),
    )
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        services.evidence_add(
            item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], user=request.user
        )
        messages.success(request, "Evidence uploaded.")
        return redirect(item)
    return render(
        request,
        "transition/item_detail.html",
        _context(
            request,
            item.programme,
            item=item,
            evidence=item.evidence.select_related("uploaded_by"),
            evidence_form=form,
            status_changes=item.status_changes.select_related("changed_by"),
            can_accept=False,
        ),
        status=400,
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(TransferEvidence.objects.select_related("item"), pk=pk)
    if selectors.item_for_user(request.user, evidence.item_id) is None:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True)


# Readiness ------------------------------------------------------------------------------------


@login_required
@require_GET
def readiness(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    today = _today()
    # Each listed row's link, date and labels are written here, once per page, rather than by the template per row;
    # the rows are read as plain values.
    item_path = path_maker("transition:item_detail")
    overdue = list(
        selectors.overdue_items(programme, today=today).values("pk", "title", "due_on", "status")[:OVERDUE_SHOWN]
    )
    for item in overdue:
        item.update(
            url=item_path(item["pk"]),
            due_text=long_date(item["due_on"]),
            status_text=STATUS_LABELS.get(item["status"], item["status"]).lower(),
        )
    checklist = list(
        selectors.day_one_checklist(programme).values(
            "pk", "title", "status", "receiver_kind", "receiver_organisation__name"
        )[:CHECKLIST_SHOWN]
    )
    for item in checklist:
        item.update(
            url=item_path(item["pk"]),
            is_ready=item["status"] == TransferItem.Status.READY,
            receiver_text=receiver_text(
                item["receiver_kind"], item["receiver_organisation__name"], successor_name=programme.successor_name
            ),
            status_text=STATUS_LABELS.get(item["status"], item["status"]).lower(),
        )
    return render(
        request,
        "transition/readiness.html",
        _context(
            request,
            programme,
            readiness=selectors.readiness_of(programme, today=today),
            overdue=overdue,
            overdue_milestones=selectors.overdue_milestones(programme, today=today),
            checklist=checklist,
            today=today,
        ),
    )


# Public summary -------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "transition/public_list.html", {"programmes": selectors.published_programmes()})


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        selectors.published_programmes().prefetch_related(
            Prefetch("workstreams", queryset=Workstream.objects.order_by("order", "name")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
        ),
        pk=pk,
    )
    return render(request, "transition/public_detail.html", {"programme": programme, "today": _today()})

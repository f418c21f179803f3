"""Export and import of organisations and contacts.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from .. import transfer
from ..forms import (
    ImportForm,
)
from ..selectors import (
    contacts_visible_to,
    organisations_visible_to,
)
from .common import managed_area_or_404

EXPORT_FORMATS = {"csv", "xlsx"}


def _download(data: bytes, *, filename: str, fmt: str) -> HttpResponse:
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
@require_GET
def organisations_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    organisations = organisations_visible_to(request.user).filter(force_areas=area).select_related("parent")
    rows = transfer.organisation_rows(organisations.order_by("name"))
    if fmt == "csv":
        data = transfer.to_csv(transfer.ORGANISATION_COLUMNS, rows)
    else:
        data = transfer.to_xlsx(transfer.ORGANISATION_COLUMNS, rows, sheet="Organisations")
    return _download(data, filename=f"organisations-{area.code}", fmt=fmt)


@login_required
@require_GET
def contacts_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    if fmt not in EXPORT_FORMATS:
        raise Http404
    contacts = (
        contacts_visible_to(request.user)
        .filter(organisation__force_areas=area, organisation__is_active=True, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "full_name")
    )
    rows = transfer.contact_rows(contacts)
    if fmt == "csv":
        data = transfer.to_csv(transfer.CONTACT_COLUMNS, rows)
    else:
        data = transfer.to_xlsx(transfer.CONTACT_COLUMNS, rows, sheet="Contacts")
    return _download(data, filename=f"contacts-{area.code}", fmt=fmt)


IMPORTS = {
    "organisations": (transfer.organisations_import_plan, transfer.organisations_import, transfer.ORGANISATION_COLUMNS),
    "contacts": (transfer.contacts_import_plan, transfer.contacts_import, transfer.CONTACT_COLUMNS),
}


@login_required
@require_http_methods(["GET", "POST"])
def organisations_import_view(request: HttpRequest, code: str, kind: str = "organisations") -> HttpResponse:
    """Upload a CSV: first a dry run that shows what would change, then the import itself."""
    area = managed_area_or_404(request, code)
    check, run, columns = IMPORTS[kind]
    form = ImportForm(request.POST or None, request.FILES or None)
    plan, error = None, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            if request.POST.get("action") == "import":
                plan = run(data=data, area=area)
                if plan.ok:
                    messages.success(
                        request, f"Imported {len(plan.created)} new and {len(plan.updated)} updated {kind}."
                    )
                    return redirect("partners:organisation_list", code=area.code)
            else:
                plan = check(data=data, area=area)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "partners/organisation_import.html",
        {"form": form, "area": area, "plan": plan, "error": error, "columns": columns, "kind": kind},
        status=200 if plan is None or plan.ok else 422,
    )

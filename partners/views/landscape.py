"""The partnership landscape of an area, as a page and a PDF.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from pcc_portal.core.links import path_maker
from pcc_portal.pdf.views import document_pdf_response, start_pdf_job

from ..permissions import can_manage_area_partners
from ..selectors import (
    landscape,
)
from .common import readable_area_or_404


@login_required
@require_GET
def landscape_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = readable_area_or_404(request, code)
    context = {**landscape(area=area), "can_manage": can_manage_area_partners(request.user, area.pk)}
    organisation_path = path_maker("partners:organisation_detail")  # once per page, not a reverse() per row
    for group in context["by_partnership_area"]:
        for organisation in group["organisations"]:
            organisation.url = organisation_path(organisation.pk)
    return render(request, "partners/landscape_detail.html", context)


@login_required
@require_GET
def landscape_pdf(request: HttpRequest, code: str) -> HttpResponse:
    area = readable_area_or_404(request, code)
    return document_pdf_response(
        request,
        document="partners.landscape",
        params={"area_id": area.pk},
        filename=f"partnership-landscape-{area.code}.pdf",
    )


@login_required
@require_POST
def landscape_pdf_job(request: HttpRequest, code: str) -> HttpResponse:
    """Prepare the landscape PDF in the background (large areas) and follow its progress."""
    area = readable_area_or_404(request, code)
    return start_pdf_job(request, document="partners.landscape", params={"area_id": area.pk})

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.documents import can_view_area_directory
from pcc_portal.accounts.forms import AreaContactForm, EmailAuthenticationForm
from pcc_portal.accounts.models import ForceArea
from pcc_portal.accounts.permissions import can_edit_area_contact, can_view_force_area
from pcc_portal.accounts.selectors import (
    area_contact_for,
    area_contacts_published,
    force_areas_listed_for,
    force_areas_visible_to,
)
from pcc_portal.accounts.services import area_contact_save
from pcc_portal.pdf.views import document_pdf_response, start_pdf_job

from . import legal
from .registry import DashboardPanel, app_configs_with


class HomeView(auth_views.LoginView):
    """The front page: the sign-in form, or the dashboard once signed in."""

    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


AREA_CODE_MARK = "area-code-mark-7351908460"  # no area's code (a slug the path shows as it is)
NATION_LABELS = dict(ForceArea.Nation.choices)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show what needs the user's attention, gathered from every app."""
    areas = force_areas_listed_for(request.user)  # first: the boxes then know the user's areas without a query
    # Each area's link from one reverse() (an area code is a slug, which a path holds as it is), and its nation's
    # label by dict lookup: an administrator's dashboard lists every area.
    path = reverse("core:area_detail", kwargs={"code": AREA_CODE_MARK})
    for area in areas:
        area.url = path.replace(AREA_CODE_MARK, area.code)
        area.nation_label = NATION_LABELS.get(area.nation, area.nation)
    panels: list[DashboardPanel] = []
    for config in app_configs_with("dashboard_panels"):
        panels.extend(config.dashboard_panels(request.user))
    panels.sort(key=lambda p: (p.order, p.title))
    return render(request, "core/dashboard.html", {"panels": panels, "areas": areas})


@login_required
@require_GET
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Show a force area's overview; another area's page does not exist for the user."""
    area = get_object_or_404(force_areas_visible_to(request.user), code=code)
    if not can_view_force_area(request.user, area):
        raise Http404
    context = {
        "area": area,
        "can_view_directory": can_view_area_directory(request.user, area_id=area.pk),
        "can_edit_contact": can_edit_area_contact(request.user, area),
    }
    return render(request, "core/area_detail.html", context)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer the load balancer: the database must respond."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def area_directory_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Download the area's directory of portal users as a PDF."""
    area = get_object_or_404(force_areas_visible_to(request.user), code=code)
    return document_pdf_response(
        request,
        document="accounts.area_directory",
        params={"area_id": area.pk},
        filename=f"directory-{area.code}.pdf",
    )


@login_required
@require_POST
def area_directory_pdf_job(request: HttpRequest, code: str) -> HttpResponse:
    """Prepare the area's directory in the background and follow its progress."""
    area = get_object_or_404(force_areas_visible_to(request.user), code=code)
    return start_pdf_job(request, document="accounts.area_directory", params={"area_id": area.pk})


@login_required
@require_http_methods(["GET", "POST"])
def area_contact_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Let the area's OPCC staff change the contact details the legal pages publish."""
    area = get_object_or_404(force_areas_visible_to(request.user), code=code)
    if not can_edit_area_contact(request.user, area):
        raise Http404
    form = AreaContactForm(request.POST or None, instance=area_contact_for(area))
    if request.method == "POST" and form.is_valid():
        area_contact_save(area=area, data=form.cleaned_data)
        messages.success(
            request, "Contact details saved. The privacy notice and accessibility statement show them now."
        )
        return redirect("core:area_detail", code=area.code)
    return render(request, "core/area_contact_form.html", {"area": area, "form": form})


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """Show the privacy notice with each area's data controller and data protection officer."""
    return render(request, "core/privacy.html", {"contacts": area_contacts_published(), "legal": legal})


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Show the accessibility statement the 2018 accessibility regulations require."""
    return render(request, "core/accessibility.html", {"contacts": area_contacts_published(), "legal": legal})

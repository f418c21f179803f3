"""Partnerships and boards, their members and terms of reference.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services
from ..forms import (
    PartnershipForm,
    PartnershipMemberForm,
)
from ..permissions import can_manage_area_partners
from ..selectors import (
    managed_areas_of,
    partnership_members,
    partnership_members_managed_by,
    partnerships_in_area,
    partnerships_visible_to,
)
from .common import managed_area_or_404, readable_area_or_404


@login_required
@require_GET
def partnership_list(request: HttpRequest, code: str) -> HttpResponse:
    area = readable_area_or_404(request, code)
    return render(
        request,
        "partners/partnership_list.html",
        {
            "area": area,
            "partnerships": partnerships_in_area(user=request.user, area=area),
            "can_manage": can_manage_area_partners(request.user, area.pk),
        },
    )


@login_required
@require_GET
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    members = partnership_members()
    partnership = get_object_or_404(
        partnerships_visible_to(request.user)
        .select_related("force_area", "parent")
        .prefetch_related(Prefetch("members", queryset=members), "subgroups"),
        pk=pk,
    )
    return render(
        request,
        "partners/partnership_detail.html",
        {"partnership": partnership, "can_manage": can_manage_area_partners(request.user, partnership.force_area_id)},
    )


@login_required
@require_GET
def partnership_terms(request: HttpRequest, pk: int) -> FileResponse:
    """Download a board's terms of reference: only for those who may see the board."""
    partnership = get_object_or_404(partnerships_visible_to(request.user).exclude(terms_of_reference=""), pk=pk)
    return FileResponse(partnership.terms_of_reference.open("rb"), as_attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest, code: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    return _partnership_form(request, area=area, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).filter(force_area__in=managed_areas_of(request.user)), pk=pk
    )
    return _partnership_form(request, area=partnership.force_area, instance=partnership)


def _partnership_form(request, *, area, instance):
    form = PartnershipForm(request.POST or None, request.FILES or None, instance=instance, area=area)
    if request.method == "POST" and form.is_valid():
        partnership = form.save()
        messages.success(request, f"{partnership.name} saved.")
        return redirect(partnership)
    return render(request, "partners/partnership_form.html", {"form": form, "area": area, "partnership": instance})


@login_required
@require_http_methods(["GET", "POST"])
def partnership_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        partnerships_visible_to(request.user).filter(force_area__in=managed_areas_of(request.user)), pk=pk
    )
    return _member_form(request, partnership=partnership, instance=None)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        partnership_members_managed_by(request.user).select_related("partnership", "organisation", "representative"),
        pk=pk,
    )
    return _member_form(request, partnership=member.partnership, instance=member)


def _member_form(request, *, partnership, instance):
    # The name as saved: a bound form writes the posted choice onto the instance.
    member_name = instance.organisation.name if instance else ""
    form = PartnershipMemberForm(request.POST or None, instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.partnership_member_save(member=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            verb = "saved" if instance else "added"
            messages.success(request, f"{member.organisation.name} {verb} as {member.get_role_display().lower()}.")
            return redirect(partnership)
    return render(
        request,
        "partners/partnership_member_form.html",
        {"partnership": partnership, "form": form, "member": instance, "member_name": member_name},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def partnership_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        partnership_members_managed_by(request.user).select_related("partnership", "organisation"), pk=pk
    )
    partnership = member.partnership
    services.partnership_member_remove(member=member)
    messages.success(request, f"{member.organisation.name} removed from {partnership.name}.")
    return redirect(partnership)

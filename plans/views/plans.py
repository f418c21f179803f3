"""Plan lists and plan pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from pcc_portal.core.links import path_maker

from .. import permissions, services
from ..forms import (
    CompareForm,
    PlanEditForm,
    PlanForm,
)
from ..models import Plan
from ..selectors import (
    plan_list_for,
    plans_visible_to,
    public_versions,
    versions_of_plan_for,
)
from ..timetable import plan_timetable
from .base import _errors_to_form

PUBLIC_PAGE_SIZE = 50


# Lists


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(
        plan_list_for(request.user).values(
            "pk", "title", "period_start", "period_end", "commissioner", "visible_versions", area=F("force_area__name")
        )
    )
    # Each row's link and period are worked out here, once per list, rather than by the template per row.
    plan_path = path_maker("plans:plan_detail")
    for plan in plans:
        plan["url"] = plan_path(plan["pk"])
        plan["period"] = f"{date_format(plan['period_start'], 'j M Y')} to {date_format(plan['period_end'], 'j M Y')}"
    return render(
        request,
        "plans/plan_list.html",
        {"plans": plans, "can_create": permissions.can_create_plan(request.user)},
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """Issued plans, for everyone."""
    page = Paginator(public_versions(), PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/public_list.html", {"versions": page.object_list, "page": page})


# Plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_plan(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "first_label"}
        try:
            plan = services.plan_create(user=request.user, first_label=form.cleaned_data["first_label"], **data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Plan created with an empty first draft.")
            return redirect(plan)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    versions = list(versions_of_plan_for(request.user, plan))
    can_manage = permissions.can_manage_plan(request.user, plan)
    context = {
        "plan": plan,
        "versions": versions,
        "timetable": plan_timetable(plan, versions),
        "can_manage": can_manage,
        "compare_form": CompareForm(
            versions=versions,
            initial={"old": versions[-2].pk, "new": versions[-1].pk} if len(versions) > 1 else None,
        ),
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=pk)
    if not permissions.can_manage_plan(request.user, plan):
        raise PermissionDenied
    form = PlanEditForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, "Plan details saved.")
            return redirect(plan)
    return render(request, "plans/plan_edit.html", {"form": form, "plan": plan})

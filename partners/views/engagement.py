"""The engagement log: meetings with partners and their follow-up actions.

Thin views: check access (404 when refused), call a service, render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.core.dates import long_date, short_date
from pcc_portal.core.links import path_maker

from .. import services
from ..filters import EngagementFilter
from ..forms import (
    EngagementForm,
    FollowUpActionForm,
)
from ..selectors import (
    actions_visible_to,
    engagement_log,
    engagements_visible_to,
    partner_names_of,
)
from .common import PAGE_SIZE, managed_area_or_404, paginate


@login_required
@require_GET
def engagement_list(request: HttpRequest, code: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    filterset = EngagementFilter(request.GET, queryset=engagement_log(user=request.user, area=area))
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    planned = list(filterset.qs.filter(held_on__gt=today).order_by("held_on")[:PAGE_SIZE])
    held = paginate(request, filterset.qs.filter(held_on__lte=today))
    held.object_list = list(held.object_list)
    # Each row's link, date and partners are written here, once per list, rather than by the template per row; the
    # partners' names of both lists in one query.
    engagement_path = path_maker("partners:engagement_detail")
    names = partner_names_of(e.pk for e in (*planned, *held.object_list))
    for rows, date_text, separator in ((planned, long_date, ", "), (held.object_list, short_date, "; ")):
        for engagement in rows:
            engagement.url = engagement_path(engagement.pk)
            engagement.held_text = date_text(engagement.held_on)
            engagement.with_text = separator.join(names.get(engagement.pk, ()))
    return render(
        request,
        "partners/engagement_list.html",
        {
            "area": area,
            "filter": filterset,
            "planned": planned,
            "held": held,
            "query": query.urlencode(),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def engagement_create(request: HttpRequest, code: str) -> HttpResponse:
    area = managed_area_or_404(request, code)
    form = EngagementForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        engagement = services.engagement_save(
            engagement=form.save(commit=False),
            organisations=form.cleaned_data["organisations"],
            partner_attendees=form.cleaned_data["partner_attendees"],
            user=request.user,
        )
        messages.success(request, "Engagement recorded.")
        return redirect(engagement)
    return render(request, "partners/engagement_form.html", {"form": form, "area": area})


@login_required
@require_http_methods(["GET", "POST"])
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(engagements_visible_to(request.user).select_related("force_area"), pk=pk)
    area = engagement.force_area
    form = EngagementForm(request.POST or None, instance=engagement, area=area)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_save(
                engagement=form.save(commit=False),
                organisations=form.cleaned_data["organisations"],
                partner_attendees=form.cleaned_data["partner_attendees"],
                organisations_offered=form.fields["organisations"].queryset,
                partner_attendees_offered=form.fields["partner_attendees"].queryset,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Engagement saved.")
            return redirect(engagement)
    return render(request, "partners/engagement_form.html", {"form": form, "area": area, "engagement": engagement})


@login_required
@require_http_methods(["GET", "POST"])
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(
        engagements_visible_to(request.user)
        .select_related("force_area", "partnership")
        .prefetch_related("organisations", "partner_attendees", "actions"),
        pk=pk,
    )
    form = FollowUpActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Follow-up action added.")
            return redirect(engagement)
    return render(
        request,
        "partners/engagement_detail.html",
        {"engagement": engagement, "action_form": form, "today": timezone.localdate()},
    )


@login_required
@require_POST
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(actions_visible_to(request.user).select_related("engagement"), pk=pk)
    try:
        services.action_complete(action=action)
    except services.InvalidTransition as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, "Action marked done.")
    return redirect(action.engagement)

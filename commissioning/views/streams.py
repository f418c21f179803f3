"""Funding streams and their formula allocations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pcc_portal.accounts.selectors import force_areas_visible_to
from pcc_portal.core.dates import date_names, short_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.templatetags.portal import pence

from .. import permissions, selectors, services
from ..charts import bar_chart
from ..forms import AllocationForm, StreamForm
from ..models import Allocation, Grant
from .common import _errors, _staff_only


@login_required
@require_http_methods(["GET", "POST"])
def stream_create(request: HttpRequest) -> HttpResponse:
    visible = force_areas_visible_to(request.user)
    areas = visible.filter(pk__in=[a.pk for a in visible if permissions.is_commissioner_staff(request.user, a.pk)])
    if not areas.exists():
        raise Http404
    form = StreamForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            stream = services.stream_create(
                user=request.user,
                force_area=form.cleaned_data["force_area"],
                name=form.cleaned_data["name"],
                financial_year=form.cleaned_data["financial_year"],
                budget_pence=form.cleaned_data["budget"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"{stream} created.")
            return redirect(stream)
    return render(request, "commissioning/stream_form.html", {"form": form})


@login_required
@require_GET
def stream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    # Each grant as the table's row: read as values and written once here (link, amount, period), not as a grant
    # and its recipient object for each of hundreds of rows.
    grant_path, names = path_maker("commissioning:grant_detail"), date_names()
    grants = [
        {
            "reference": reference,
            "title": title,
            "url": grant_path(pk),
            "recipient_name": recipient_name,
            "amount_text": pence(amount_pence),
            "period_text": f"{short_date(start_date, names)} to {short_date(end_date, names)}",
        }
        for pk, reference, title, recipient_name, amount_pence, start_date, end_date in stream.grants.values_list(
            "pk", "reference", "title", "recipient__name", "amount_pence", "start_date", "end_date"
        )
    ]
    context = {
        "stream": stream,
        "allocations": stream.allocations.annotate(lines_count=Count("lines")),
        "rounds": stream.rounds.annotate(applications_count=Count("applications")),
        "grants": grants,
        "granted": stream.grants.exclude(status=Grant.Status.TERMINATED).aggregate(t=Sum("amount_pence"))["t"] or 0,
    }
    return render(request, "commissioning/stream_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    kind = request.POST.get("recipients_kind") or request.GET.get("kind") or "councils"
    organisations = list(selectors.organisations_for_allocation(stream.force_area_id, kind).prefetch_related("covers"))
    form = AllocationForm(
        request.POST or None,
        organisations=organisations,
        populations={o.pk: services.population_of(o) for o in organisations},
        initial={"recipients_kind": kind, "total": stream.budget_pence},
    )
    if request.method == "POST" and form.is_valid():
        try:
            allocation = services.allocation_preview(
                user=request.user,
                stream=stream,
                title=form.cleaned_data["title"],
                total_pence=form.cleaned_data["total"],
                floor_pence=form.cleaned_data["floor"] or 0,
                recipients=organisations,
                weights=form.weights(),
                populations=form.populations(),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.info(request, "Check the preview, then lock the allocation.")
            return redirect(allocation)
    return render(
        request,
        "commissioning/allocation_form.html",
        {"form": form, "stream": stream, "organisations": organisations, "kind": kind},
    )


@login_required
@require_GET
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.select_related("stream", "stream__force_area", "locked_by").filter(
            stream__in=selectors.streams_visible_to(request.user)
        ),
        pk=pk,
    )
    _staff_only(request, allocation.stream.force_area_id)
    lines = list(allocation.lines.select_related("organisation"))
    total_population = sum(line.population for line in lines)
    context = {
        "allocation": allocation,
        "lines": lines,
        "sum_pence": sum(line.amount_pence for line in lines),
        "total_population": total_population,
        "chart": bar_chart(
            title=f"{allocation.title}: amount per recipient",
            rows=[(line.organisation.name, line.amount_pence) for line in lines],
            chart_id="allocation-chart",
        ),
    }
    return render(request, "commissioning/allocation_detail.html", context)


@login_required
@require_POST
def allocation_lock(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.filter(stream__in=selectors.streams_visible_to(request.user)), pk=pk
    )
    _staff_only(request, allocation.stream.force_area_id)
    try:
        services.allocation_lock(user=request.user, allocation=allocation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Allocation locked.")
    return redirect(allocation)


@login_required
@require_POST
def allocation_discard(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = get_object_or_404(
        Allocation.objects.filter(stream__in=selectors.streams_visible_to(request.user)), pk=pk
    )
    _staff_only(request, allocation.stream.force_area_id)
    try:
        services.allocation_discard(user=request.user, allocation=allocation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(allocation)
    messages.success(request, "Draft allocation discarded.")
    return redirect(allocation.stream)

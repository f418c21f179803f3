"""Funding rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pcc_portal.core.links import path_maker
from pcc_portal.core.templatetags.portal import pence
from plans.models import Priority

from .. import permissions, selectors
from ..forms import ApplicationStartForm, RoundForm
from ..models import Application, Criterion, Question
from .common import _staff_only


def _area_priorities(area_id: int):
    """Return the priorities of the latest version of each of the area's plans."""
    from django.db.models import Max

    from plans.models import PlanVersion

    latest = (
        PlanVersion.objects.filter(plan__force_area_id=area_id)
        .values("plan_id")
        .annotate(latest=Max("number"))
        .values_list("plan_id", "latest")
    )
    condition = Q(pk__in=[])
    for plan_id, number in latest:
        condition |= Q(version__plan_id=plan_id, version__number=number)
    return Priority.objects.filter(condition, no_longer_priority=False).select_related("version__plan")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    stream = get_object_or_404(selectors.streams_visible_to(request.user), pk=pk)
    _staff_only(request, stream.force_area_id)
    form = RoundForm(request.POST or None, priorities=_area_priorities(stream.force_area_id))
    if request.method == "POST" and form.is_valid():
        from django.db import transaction

        from ..models import Round

        data = form.cleaned_data
        criteria = [line.strip() for line in data["criteria"].splitlines() if line.strip()]
        if not criteria:
            form.add_error("criteria", "Give at least one criterion.")
        else:
            with transaction.atomic():
                round_ = Round(
                    stream=stream,
                    title=data["title"],
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    eligibility=data["eligibility"],
                    max_award_pence=data["max_award"],
                )
                round_.full_clean()
                round_.save()
                round_.priorities.set(data["priorities"])
                for i, text in enumerate(line.strip() for line in data["questions"].splitlines() if line.strip()):
                    Question.objects.create(round=round_, text=text[:500], position=i)
                for i, title in enumerate(criteria):
                    Criterion.objects.create(round=round_, title=title[:200], position=i)
            messages.success(request, "Round created.")
            return redirect(round_)
    return render(request, "commissioning/round_form.html", {"form": form, "stream": stream})


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(
        selectors.rounds_visible_to(request.user).prefetch_related("priorities", "questions", "criteria"), pk=pk
    )
    is_staff = permissions.is_commissioner_staff(request.user, round_.stream.force_area_id)
    organisation = selectors.organisation_of(request.user)
    # Each application as the table's row: read as values and written once here (link, amount, status), not as an
    # application and its organisation object for each of a round's hundreds.
    application_path, statuses = path_maker("commissioning:application_detail"), dict(Application.Status.choices)
    applications = [
        {
            "url": application_path(pk),
            "title": title,
            "organisation_name": organisation_name,
            "requested_text": pence(amount_requested_pence),
            "status_text": statuses.get(status, status),
        }
        for pk, title, organisation_name, amount_requested_pence, status in selectors.applications_visible_to(
            request.user
        )
        .filter(round=round_)
        .order_by("organisation__name")
        .values_list("pk", "title", "organisation__name", "amount_requested_pence", "status")
    ]
    can_apply, reason = permissions.can_apply(request.user, round_, organisation=organisation)
    context = {
        "round": round_,
        "is_staff": is_staff,
        "applications": applications,
        "can_apply": can_apply,
        "apply_reason": reason,
        "start_form": ApplicationStartForm(),
    }
    return render(request, "commissioning/round_detail.html", context)

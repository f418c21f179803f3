"""The commissioning overview: spend, grants ending, overdue returns; a partner's own work."""

from django.contrib.auth.decorators import login_required
from django.db.models import Func, IntegerField, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pcc_portal.accounts.models import Role
from pcc_portal.core.dates import long_date, short_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.templatetags.portal import pence

from .. import selectors
from ..charts import bar_chart
from ..models import Application
from .common import LIST_LIMIT


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff: the overview of spend, grants ending and overdue returns. Partner: their own work."""
    user = request.user
    grants = selectors.grants_visible_to(user)
    # The longest overdue, each carrying the count of them all: one query instead of a list and a count. The
    # count is a scalar subquery, run once, so only the shown rows are joined to their grants (a window count
    # joined every overdue return of the nation first).
    overdue_returns = selectors.overdue_returns(selectors.returns_visible_to(user))
    overdue = list(
        overdue_returns.select_related(None)
        .select_related("grant__recipient")
        .only("period_start", "period_end", "due_date", "grant__title", "grant__recipient__name")
        .annotate(
            overdue_count=Subquery(
                overdue_returns.order_by().values(count=Func("pk", function="COUNT", output_field=IntegerField()))
            )
        )[:LIST_LIMIT]
    )
    # Each row's link, dates and labels are worked out here, once per list, rather than by the template per row.
    return_path = path_maker("commissioning:return_detail")
    for item in overdue:
        item.url = return_path(item.pk)
        item.period_text = f"{short_date(item.period_start)} to {short_date(item.period_end)}"
        item.due_text = short_date(item.due_date)
    applications = list(
        selectors.applications_visible_to(user)
        .select_related(None)
        .select_related("organisation", "round")
        .only("title", "status", "organisation__name", "round__title")
        .order_by("-updated_at")[:50]
    )
    application_path = path_maker("commissioning:application_detail")
    statuses = dict(Application.Status.choices)
    for application in applications:
        application.url = application_path(application.pk)
        application.status_label = statuses.get(application.status, application.status)
    open_rounds = list(
        selectors.rounds_visible_to(user)
        .select_related(None)
        .only("title", "closes_at")
        .filter(closes_at__gt=timezone.now())
        .order_by("closes_at")
    )
    round_path = path_maker("commissioning:round_detail")
    for round_ in open_rounds:
        round_.url = round_path(round_.pk)
        closes_at = timezone.localtime(round_.closes_at)
        round_.closes_text = f"{long_date(closes_at)}, {closes_at:%H:%M}"
    context = {
        "applications": applications,
        "open_rounds": open_rounds,
        "overdue": overdue,
        "overdue_count": overdue[0].overdue_count if overdue else 0,
        "returns_due": selectors.returns_due_for(user)
        .select_related(None)
        .select_related("grant")
        .only("due_date", "grant__title")
        .filter(due_date__gte=timezone.localdate())[:LIST_LIMIT],
        "to_assess": selectors.applications_to_assess(user)
        .select_related(None)
        .select_related("organisation")
        .only("title", "organisation__name"),
        "is_staff_view": user.is_administrator or user.role == Role.OPCC_STAFF,
    }
    if context["is_staff_view"]:
        spend = selectors.spend_overview(grants)
        for row in (*spend["by_type"], *spend["by_area"]):
            row["total_text"] = pence(row["total"])
        context["spend"] = spend
        context["chart"] = bar_chart(
            title="Grant spend by plan priority",
            rows=[(row["label"], row["total"]) for row in spend["by_priority"]],
            chart_id="spend-by-priority",
        )
        ending_soon = list(
            selectors.grants_ending_soon(grants)
            .select_related(None)
            .select_related("recipient")
            .only("title", "end_date", "recipient__name")[:LIST_LIMIT]
        )
        grant_path = path_maker("commissioning:grant_detail")
        for grant in ending_soon:
            grant.url, grant.end_text = grant_path(grant.pk), long_date(grant.end_date)
        context["ending_soon"] = ending_soon
        # A stream's grants are its area's, so the visible grants' totals by stream are what each stream granted.
        streams = list(
            selectors.streams_visible_to(user)
            .only("name", "financial_year", "budget_pence", "force_area__name")
            .order_by("-financial_year", "name", "force_area__name", "pk")  # same-named streams: by area
        )
        stream_path = path_maker("commissioning:stream_detail")
        for stream in streams:
            stream.granted = spend["by_stream"].get(stream.pk)
            stream.url, stream.label = stream_path(stream.pk), str(stream)
            stream.budget_text, stream.granted_text = pence(stream.budget_pence), pence(stream.granted or 0)
        context["streams"] = streams
    else:
        context["grants"] = (
            grants.select_related(None)
            .only("title", "amount_pence", "start_date", "end_date")
            .order_by("-end_date")[:LIST_LIMIT]
        )
    return render(request, "commissioning/overview.html", context)

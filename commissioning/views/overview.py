"""The commissioning overview: spend, grants ending, overdue returns; a partner's own work."""

from django.contrib.auth.decorators import login_required
from django.db.models import Func, IntegerField, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pcc_portal.accounts.models import Role

from .. import selectors
from ..charts import bar_chart
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
    context = {
        "applications": selectors.applications_visible_to(user)
        .select_related(None)
        .select_related("organisation", "round")
        .only("title", "status", "organisation__name", "round__title")
        .order_by("-updated_at")[:50],
        "open_rounds": selectors.rounds_visible_to(user)
        .select_related(None)
        .only("title", "closes_at")
        .filter(closes_at__gt=timezone.now())
        .order_by("closes_at"),
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
        context["spend"] = spend
        context["chart"] = bar_chart(
            title="Grant spend by plan priority",
            rows=[(row["label"], row["total"]) for row in spend["by_priority"]],
            chart_id="spend-by-priority",
        )
        context["ending_soon"] = (
            selectors.grants_ending_soon(grants)
            .select_related(None)
            .select_related("recipient")
            .only("title", "end_date", "recipient__name")[:LIST_LIMIT]
        )
        # A stream's grants are its area's, so the visible grants' totals by stream are what each stream granted.
        streams = list(
            selectors.streams_visible_to(user)
            .only("name", "financial_year", "budget_pence", "force_area__name")
            .order_by("-financial_year", "name", "force_area__name", "pk")  # same-named streams: by area
        )
        for stream in streams:
            stream.granted = spend["by_stream"].get(stream.pk)
        context["streams"] = streams
    else:
        context["grants"] = (
            grants.select_related(None)
            .only("title", "amount_pence", "start_date", "end_date")
            .order_by("-end_date")[:LIST_LIMIT]
        )
    return render(request, "commissioning/overview.html", context)

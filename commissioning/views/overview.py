"""The commissioning overview: spend, grants ending, overdue returns; a partner's own work."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from pcc_portal.accounts.models import Role

from .. import selectors
from ..charts import bar_chart
from ..models import Grant
from .common import LIST_LIMIT


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff: the overview of spend, grants ending and overdue returns. Partner: their own work."""
    user = request.user
    grants = selectors.grants_visible_to(user)
    returns = selectors.returns_visible_to(user)
    context = {
        "applications": selectors.applications_visible_to(user).order_by("-updated_at")[:50],
        "open_rounds": selectors.rounds_visible_to(user).filter(closes_at__gt=timezone.now()).order_by("closes_at"),
        "ending_soon": selectors.grants_ending_soon(grants)[:LIST_LIMIT],
        "overdue": selectors.overdue_returns(returns)[:LIST_LIMIT],
        "overdue_count": selectors.overdue_returns(returns).count(),
        "returns_due": selectors.returns_due_for(user).filter(due_date__gte=timezone.localdate())[:LIST_LIMIT],
        "to_assess": selectors.applications_to_assess(user),
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
        context["streams"] = (
            selectors.streams_visible_to(user)
            .annotate(granted=Sum("grants__amount_pence", filter=~Q(grants__status=Grant.Status.TERMINATED)))
            .order_by("-financial_year", "name")
        )
    else:
        context["grants"] = grants.order_by("-end_date")[:LIST_LIMIT]
    return render(request, "commissioning/overview.html", context)

"""The commissioning overview: spend, grants ending, overdue returns; a partner's own work."""

from django.contrib.auth.decorators import login_required
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
from ..models import Application, FundingStream
from .common import LIST_LIMIT


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Staff: the overview of spend, grants ending and overdue returns. Partner: their own work."""
    user = request.user
    grants = selectors.grants_visible_to(user)
    today = timezone.localdate()
    # The lists are read as plain rows, each with its link, dates and labels written here once per list rather
    # than by the template per row: the overview shows some 600 values, and a model instance per row (and per
    # joined row) cost more than reading them. Their queries are compiled once per shape (the selectors').
    return_path = path_maker("commissioning:return_detail")
    overdue = [
        {
            "url": return_path(row["pk"]),
            "grant": {"title": row["grant__title"], "recipient": {"name": row["grant__recipient__name"]}},
            "period_text": f"{short_date(row['period_start'])} to {short_date(row['period_end'])}",
            "due_text": short_date(row["due_date"]),
            "overdue_count": row["overdue_count"],
        }
        for row in selectors.overview_overdue(user, today=today, limit=LIST_LIMIT)
    ]
    application_path = path_maker("commissioning:application_detail")
    statuses = dict(Application.Status.choices)
    applications = [
        {
            "url": application_path(pk),
            "title": title,
            "organisation": {"name": organisation_name},
            "round": {"title": round_title},
            "status_label": statuses.get(status, status),
        }
        for pk, title, status, organisation_name, round_title in (
            row.values() for row in selectors.overview_applications(user, limit=50)
        )
    ]
    round_path = path_maker("commissioning:round_detail")
    open_rounds = []
    for row in selectors.overview_open_rounds(user, now=timezone.now()):
        pk, title, closes_at = row.values()
        closes_at = timezone.localtime(closes_at)
        open_rounds.append(
            {"url": round_path(pk), "title": title, "closes_text": f"{long_date(closes_at)}, {closes_at:%H:%M}"}
        )
    context = {
        "applications": applications,
        "open_rounds": open_rounds,
        "overdue": overdue,
        "overdue_count": overdue[0]["overdue_count"] if overdue else 0,
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
        spend = selectors.spend_overview_for(user)
        for row in (*spend["by_type"], *spend["by_area"]):
            row["total_text"] = pence(row["total"])
        context["spend"] = spend
        context["chart"] = bar_chart(
            title="Grant spend by plan priority",
            rows=[(row["label"], row["total"]) for row in spend["by_priority"]],
            chart_id="spend-by-priority",
        )
        grant_path = path_maker("commissioning:grant_detail")
        context["ending_soon"] = [
            {"url": grant_path(pk), "title": title, "recipient": {"name": recipient_name}, "end_text": long_date(end)}
            for pk, title, end, recipient_name in (
                row.values() for row in selectors.overview_ending_soon(user, today=today, limit=LIST_LIMIT)
            )
        ]
        # A stream's grants are its area's, so the visible grants' totals by stream are what each stream granted.
        stream_path = path_maker("commissioning:stream_detail")
        context["streams"] = [
            {
                "url": stream_path(pk),
                "label": FundingStream.label_of(name, financial_year),
                "force_area": {"name": area_name},
                "budget_text": pence(budget_pence),
                "granted_text": pence(spend["by_stream"].get(pk) or 0),
            }
            for pk, name, financial_year, budget_pence, area_name in (
                row.values() for row in selectors.overview_streams(user)
            )
        ]
    else:
        context["grants"] = (
            grants.select_related(None)
            .only("title", "amount_pence", "start_date", "end_date")
            .order_by("-end_date")[:LIST_LIMIT]
        )
    return render(request, "commissioning/overview.html", context)

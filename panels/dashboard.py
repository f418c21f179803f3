"""The panels box on the dashboard: the next meeting, its papers due date, overdue responses."""

from django.utils import timezone

from pcc_portal.core.registry import DashboardPanel

from .permissions import can_use_panels
from .selectors import meetings_visible_to, overdue_recommendations


def dashboard_panels(user) -> list[DashboardPanel]:
    if not can_use_panels(user):
        return []
    now = timezone.now()
    meetings = meetings_visible_to(user).filter(starts_at__gte=now).select_related("panel__force_area")
    if not user.is_administrator:
        meetings = meetings.filter(panel__force_area_id__in=user.area_ids)
    # Only what the box prints: the panel's name, and its area's nation for the papers' due date.
    upcoming = list(
        meetings.only("starts_at", "papers_published_on", "panel__name", "panel__force_area__nation").order_by(
            "starts_at"
        )[:3]
    )
    overdue = list(
        overdue_recommendations(user)
        .select_related(None)
        .select_related("report")
        .only("label", "response_due_on", "report__title")
        .order_by("response_due_on")[:5]
    )
    context = {"meetings": upcoming, "overdue": overdue, "overdue_count": len(overdue)}
    return [
        DashboardPanel(
            title="Police and Crime Panel", template="panels/partials/dashboard.html", context=context, order=30
        )
    ]

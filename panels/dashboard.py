"""The panels box on the dashboard: the next meeting, its papers due date, overdue responses."""

from django.utils import timezone

from pcc_portal.core.registry import DashboardPanel

from .permissions import can_use_panels
from .selectors import dashboard_upcoming_and_overdue


def dashboard_panels(user) -> list[DashboardPanel]:
    if not can_use_panels(user):
        return []
    # Only what the box prints: the panel's name, and its area's nation for the papers' due date.
    upcoming, overdue = dashboard_upcoming_and_overdue(user, now=timezone.now())
    context = {"meetings": upcoming, "overdue": overdue, "overdue_count": len(overdue)}
    return [
        DashboardPanel(
            title="Police and Crime Panel", template="panels/partials/dashboard.html", context=context, order=30
        )
    ]

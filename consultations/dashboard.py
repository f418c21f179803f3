"""Dashboard panels: open consultations for a partner, responses to analyse for staff."""

from django.db.models import CharField, OuterRef, Subquery, Value
from django.utils import timezone

from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role
from pcc_portal.core.registry import DashboardPanel

from .models import Response
from .selectors import consultations_open_for, dashboard_consultations_to_analyse


def panels_for(user) -> list[DashboardPanel]:
    if not (user.is_authenticated and user.is_active):
        return []
    now = timezone.now()
    panels = []
    if user.role == Role.PARTNER:
        organisation = organisation_of(user)
        # With the organisation's own response's status (one response per organisation) in the same query.
        own_status = Value(None, output_field=CharField())
        if organisation is not None:
            own = Response.objects.filter(consultation=OuterRef("pk"), organisation=organisation).order_by()
            own_status = Subquery(own.values("status")[:1])
        consultations = list(
            consultations_open_for(user, at=now)
            .only("title", "closes_at")
            .annotate(own_status=own_status)
            .order_by("closes_at")[:10]
        )
        panels.append(
            DashboardPanel(
                title="Consultations open to you",
                template="consultations/partials/dashboard_partner.html",
                context={"consultations": consultations, "organisation": organisation},
                order=40,
            )
        )
    if user.is_administrator or user.role == Role.OPCC_STAFF:
        consultations = dashboard_consultations_to_analyse(user, now=now)
        panels.append(
            DashboardPanel(
                title="Consultation responses to analyse",
                template="consultations/partials/dashboard_staff.html",
                context={"consultations": consultations},
                order=40,
            )
        )
    return panels

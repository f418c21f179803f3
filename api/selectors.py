"""Reads for the API: every queryset starts from the owning app's selector for the user.

An anonymous caller (no token) gets what the portal shows a visitor: published records only.
A token's owner gets what the portal shows them, so their own area's records that are not public.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from commissioning import selectors as commissioning
from commissioning.models import Decision as GrantDecision
from commissioning.models import Grant
from consultations import selectors as consultations
from consultations.models import Consultation, Response
from panels import selectors as panels
from panels.models import AgendaItem, Meeting, Panel, Recommendation
from partners import selectors as partners
from partners.models import Bulletin
from pcc_portal.accounts.models import ForceArea
from plans import selectors as plans
from plans.models import PlanVersion
from transition import selectors as transition
from transition.models import TransitionProgramme
from transparency import selectors as transparency
from transparency.models import Decision as TransparencyDecision


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _filtered(qs: QuerySet, *, area_field: str, date_field: str, area=None, since=None, until=None) -> QuerySet:
    if area:
        qs = qs.filter(**{f"{area_field}__code": area})
    if since:
        qs = qs.filter(**{f"{date_field}__gte": since})
    if until:
        qs = qs.filter(**{f"{date_field}__lte": until})
    return qs


def areas() -> QuerySet[ForceArea]:
    return ForceArea.objects.order_by("name")


def panels_list(*, area: str | None = None) -> QuerySet[Panel]:
    """Every panel (public bodies: the same for every caller), with the members in post today."""
    qs = panels.panels_published(on=timezone.localdate()).order_by("force_area__name", "pk")
    return _filtered(qs, area_field="force_area", date_field="", area=area)


def meetings(user, **filters) -> QuerySet[Meeting]:
    qs = panels.meetings_visible_to(user).order_by("-starts_at", "pk")
    return _filtered(qs, area_field="panel__force_area", date_field="starts_at__date", **filters)


def agenda_items(user, **filters) -> QuerySet[AgendaItem]:
    qs = (
        panels.agenda_items_visible_to(user)
        .select_related("report")
        .order_by("-meeting__starts_at", "meeting_id", "number", "pk")
    )
    return _filtered(qs, area_field="meeting__panel__force_area", date_field="meeting__starts_at__date", **filters)


def recommendations(user, **filters) -> QuerySet[Recommendation]:
    reports = panels.panel_reports_visible_to(user).values("pk")
    qs = (
        Recommendation.objects.filter(report__in=reports)
        .select_related("report", "report__panel", "report__panel__force_area")
        .prefetch_related("responses")
    )
    qs = qs.order_by("-report__sent_on", "report_id", "position", "pk")
    return _filtered(qs, area_field="report__panel__force_area", date_field="report__sent_on", **filters)


def plan_versions(user, **filters) -> QuerySet[PlanVersion]:
    qs = plans.versions_visible_to(user).select_related("plan", "plan__force_area").order_by("-issued_at", "-pk")
    return _filtered(qs, area_field="plan__force_area", date_field="plan__period_start", **filters)


def bulletins(user, **filters) -> QuerySet[Bulletin]:
    qs = partners.bulletins_visible_to(user).select_related("force_area").order_by("-issue_date", "-pk")
    return _filtered(qs, area_field="force_area", date_field="issue_date", **filters)


def consultations_for(user, **filters) -> QuerySet[Consultation]:
    qs = consultations.consultations_visible_to(user).select_related("force_area").order_by("-closes_at", "-pk")
    return _filtered(qs, area_field="force_area", date_field="closes_at__date", **filters)


def consultation_responses(user, **filters) -> QuerySet[Response]:
    qs = (
        consultations.responses_visible_to(user)
        .select_related("consultation", "consultation__force_area", "organisation")
        .order_by("-submitted_at", "-pk")
    )
    return _filtered(qs, area_field="consultation__force_area", date_field="submitted_at__date", **filters)


def grants(user, **filters) -> QuerySet[Grant]:
    # Both selectors read the one table: OR-ing their conditions lets the register be read in its index's order,
    # where `pk IN (subquery)` joined the table to itself and sorted every grant for each page.
    qs = commissioning.published_grants()
    if _signed_in(user):
        qs = qs | commissioning.grants_visible_to(user)
    qs = (
        qs.prefetch_related(None)
        .select_related("recipient", "stream", "force_area")
        .order_by("-award_date", "reference", "pk")
    )
    return _filtered(qs, area_field="force_area", date_field="award_date", **filters)


def grant_decisions(user, **filters) -> QuerySet[GrantDecision]:
    condition = Q(pk__in=commissioning.published_decisions().values("pk"))
    if _signed_in(user):
        condition |= Q(application__in=commissioning.applications_visible_to(user).values("pk"))
    qs = (
        GrantDecision.objects.filter(condition)
        .select_related("application", "application__organisation", "application__round__stream__force_area")
        .order_by("-decided_at", "-pk")
    )
    return _filtered(qs, area_field="application__round__stream__force_area", date_field="decided_at__date", **filters)


def transition_programmes(user, **filters) -> QuerySet[TransitionProgramme]:
    condition = Q(pk__in=transition.published_programmes().values("pk"))
    if _signed_in(user):
        condition |= Q(pk__in=transition.programmes_readable_by(user).values("pk"))
    qs = TransitionProgramme.objects.filter(condition).select_related("force_area").order_by("transfer_date", "pk")
    return _filtered(qs, area_field="force_area", date_field="transfer_date", **filters)


def transparency_decisions(user, *, area: ForceArea, since=None, until=None) -> QuerySet[TransparencyDecision]:
    qs = transparency.decisions_visible_to(user, area=area).order_by("-decided_on", "-pk")
    return _filtered(qs, area_field="force_area", date_field="decided_on", since=since, until=until)

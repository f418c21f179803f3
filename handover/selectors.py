"""Reads for briefings and handover packs, scoped to the asking user.

The briefing is what a visitor may read: every section is gathered through
the owning app's own selector with an anonymous user, so nothing reaches a
candidate that the public could not see.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.urls import reverse

from pcc_portal.accounts.models import ForceArea, Role

from .models import Answer, Briefing, Candidate, Question


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def managed_area_ids(user) -> frozenset[int] | None:
    """Return the areas whose briefings the user manages; None means every area."""
    if not _active(user):
        return frozenset()
    if user.is_administrator:
        return None
    if user.role == Role.OPCC_STAFF:
        return user.area_ids
    return frozenset()


def briefings_visible_to(user) -> QuerySet[Briefing]:
    """Published briefings for everyone; drafts for the area's staff."""
    qs = Briefing.objects.select_related("force_area")
    areas = managed_area_ids(user)
    if areas is None:
        return qs
    return qs.filter(Q(published_at__isnull=False) | Q(force_area_id__in=areas))


def briefings_managed_by(user) -> QuerySet[Briefing]:
    qs = Briefing.objects.select_related("force_area")
    areas = managed_area_ids(user)
    if areas is None:
        return qs
    return qs.filter(force_area_id__in=areas)


def areas_for_new_briefing(user) -> QuerySet[ForceArea]:
    areas = managed_area_ids(user)
    if areas is None:
        return ForceArea.objects.order_by("name")
    return ForceArea.objects.filter(pk__in=areas).order_by("name")


def candidates_of(briefing: Briefing) -> QuerySet[Candidate]:
    """Every registration (for staff), with how many questions each asked."""
    return briefing.candidates.annotate(question_count=Count("questions")).order_by("status", "name")


def confirmed_candidates(briefing_id: int) -> QuerySet[Candidate]:
    return Candidate.objects.filter(briefing_id=briefing_id, status=Candidate.Status.CONFIRMED).order_by("pk")


def _ordered_answers():
    return Prefetch("answers", queryset=Answer.objects.order_by("answered_at", "pk"))


def answered_questions(briefing: Briefing) -> list[Question]:
    """Questions with at least one answer, as the public sees them (no names)."""
    return list(
        briefing.questions.filter(answers__isnull=False)
        .distinct()
        .prefetch_related(_ordered_answers())
        .order_by("asked_at", "pk")
    )


def questions_for_staff(briefing: Briefing) -> list[Question]:
    return list(
        briefing.questions.select_related("candidate").prefetch_related(_ordered_answers()).order_by("asked_at", "pk")
    )


def questions_of_candidate(candidate: Candidate) -> list[Question]:
    return list(candidate.questions.prefetch_related(_ordered_answers()).order_by("asked_at", "pk"))


# --- What the briefing shows: published information only ---------------------------------------


@dataclass
class BriefingSection:
    key: str
    number: int
    title: str
    source_label: str
    source_url: str
    data: dict = field(default_factory=dict)
    note: str = ""


def _plan_section(area: ForceArea, visitor) -> dict:
    from plans.selectors import versions_visible_to

    version = (
        versions_visible_to(visitor).filter(plan__force_area=area).select_related("plan").order_by("-issued_at").first()
    )
    if version is None:
        return {"version": None}
    priorities = list(version.priorities.filter(no_longer_priority=False).order_by("position", "pk"))
    budget = sum(p.resources_pence or 0 for p in priorities)
    return {
        "version": version,
        "plan": version.plan,
        "sections": list(version.sections.order_by("position", "pk").only("heading", "key", "position")),
        "priorities": priorities,
        "aligned_budget_pence": budget,
    }


def _precept_section(area: ForceArea, visitor, election_year: int) -> dict:
    from panels import calendar as statutory
    from panels.models import PanelReport
    from panels.selectors import panel_reports_visible_to

    reports = list(
        panel_reports_visible_to(visitor)
        .filter(panel__force_area=area, subject=PanelReport.Subject.PRECEPT, is_published=True)
        .order_by("-sent_on")[:5]
    )
    first_year = election_year + 1
    return {
        "reports": reports,
        "first_year_label": statutory.financial_year_label(first_year),
        "timetable": statutory.precept_timetable(first_year),
    }


def _partnership_section(area: ForceArea) -> dict:
    from partners.models import Partnership, PartnershipArea
    from partners.selectors import organisations_in_area

    counts = dict(
        organisations_in_area(area.pk)
        .order_by()
        .values_list("partnership_area")
        .annotate(n=Count("pk", distinct=True))
        .values_list("partnership_area", "n")
    )
    by_area = [(label, counts[value]) for value, label in PartnershipArea.choices if counts.get(value)]
    boards = list(
        Partnership.objects.filter(force_area=area, is_active=True).order_by("name").values_list("name", flat=True)
    )
    return {"by_area": by_area, "organisation_count": sum(counts.values()), "boards": boards}


def _commissioning_section(area: ForceArea) -> dict:
    from commissioning.selectors import published_grants

    grants = published_grants().filter(force_area=area).order_by()
    totals = grants.aggregate(count=Count("pk"), total=Sum("amount_pence"))
    streams = list(
        grants.values("stream__name", "stream__financial_year")
        .annotate(count=Count("pk"), total=Sum("amount_pence"))
        .order_by("-stream__financial_year", "stream__name")
    )
    return {"count": totals["count"] or 0, "total_pence": totals["total"] or 0, "streams": streams}


def _panel_section(area: ForceArea, visitor) -> dict:
    from panels.models import Recommendation
    from panels.selectors import meetings_visible_to, panel_reports_visible_to

    meetings = meetings_visible_to(visitor).filter(panel__force_area=area, papers_published_on__isnull=False)
    published_recs = Prefetch(
        "recommendations",
        queryset=Recommendation.objects.filter(is_published=True, parent=None)
        .annotate(last_responded_on=Max("responses__responded_on"))
        .order_by("position"),
        to_attr="published_recommendations",
    )
    reports = list(
        panel_reports_visible_to(visitor)
        .filter(panel__force_area=area, is_published=True)
        .prefetch_related(published_recs)
        .order_by("-sent_on")[:10]
    )
    return {
        "meeting_count": meetings.count(),
        "meetings": list(meetings.order_by("-starts_at")[:8]),
        "reports": reports,
    }


def briefing_sections(briefing: Briefing) -> list[BriefingSection]:
    """Return the numbered sections of the briefing, from what a visitor may read."""
    area = briefing.force_area
    visitor = AnonymousUser()
    plan = _plan_section(area, visitor)
    sections = [
        BriefingSection(
            "plan",
            0,
            "The Police and Crime Plan",
            "The issued plan",
            plan["version"].get_absolute_url() if plan["version"] else reverse("plans:plan_list"),
            plan,
        ),
        BriefingSection(
            "precept",
            0,
            "The precept and the budget",
            "Published precept reports of the panel",
            reverse("panels:meeting_list"),
            _precept_section(area, visitor, briefing.election_date.year),
        ),
        BriefingSection(
            "partnerships",
            0,
            "The partnership landscape",
            "The partnership landscape (for signed-in partners of the area)",
            reverse("partners:landscape", kwargs={"code": area.code}),
            _partnership_section(area),
            note=(
                "The full partnership landscape (contacts, members and governance of each board) is for "
                "signed-in partners of the area; this is a summary: how many organisations work with the "
                "office in each partnership area, and the partnership boards by name."
            ),
        ),
        BriefingSection(
            "commissioning",
            0,
            "Commissioning and grants",
            "The public register of grants",
            reverse("commissioning:register") + f"?area={area.code}",
            _commissioning_section(area),
            note="Funding rounds are announced to the area's partners; the public register shows grants awarded.",
        ),
        BriefingSection(
            "panel",
            0,
            "The Police and Crime Panel",
            "Published meetings and papers",
            reverse("panels:meeting_list"),
            _panel_section(area, visitor),
        ),
    ]
    for number, section in enumerate(sections, start=1):
        section.number = number
    return sections

"""Reads of plans, versions and comments, always scoped to the asking user."""

from django.db.models import Count, Prefetch, Q, QuerySet

from partners.models import OrganisationType
from partners.selectors import organisations_in_area, responsible_authorities_in_area
from pcc_portal.accounts.models import Role

from .models import Comment, Plan, PlanVersion

S = PlanVersion.Status

PUBLIC = Q(issued_at__isnull=False, status__in=[S.ISSUED, S.SUPERSEDED])
# A panel sees a version from the moment it is shared with it.
SHARED_WITH_PANEL = Q(status__in=[S.SHARED, S.CONSULTATION, S.ISSUED]) | Q(status=S.SUPERSEDED, shared_at__isnull=False)
# Partners of the area see what has gone out to public consultation or been issued.
OUT_TO_PUBLIC = Q(status__in=[S.CONSULTATION, S.ISSUED]) | Q(status=S.SUPERSEDED, consultation_opens__isnull=False)
PANEL_ROLES = {Role.PANEL_MEMBER, Role.PANEL_SECRETARIAT}


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def versions_visible_to(user) -> QuerySet[PlanVersion]:
    """Return the plan versions the user may read (issued ones are public)."""
    versions = PlanVersion.objects.all()
    if not _signed_in(user):
        return versions.filter(PUBLIC)
    if user.is_administrator:
        return versions
    in_area = Q(plan__force_area_id__in=user.area_ids)
    if user.role == Role.OPCC_STAFF:
        return versions.filter(PUBLIC | in_area)
    if user.role in PANEL_ROLES:
        return versions.filter(PUBLIC | (in_area & SHARED_WITH_PANEL))
    if user.role == Role.PARTNER:
        return versions.filter(PUBLIC | (in_area & OUT_TO_PUBLIC))
    return versions.filter(PUBLIC)


def public_versions() -> QuerySet[PlanVersion]:
    """Return the issued versions anyone may read, newest first."""
    return (
        PlanVersion.objects.filter(PUBLIC)
        .select_related("plan", "plan__force_area")
        .order_by("plan__force_area__name", "-issued_at")
    )


def plans_visible_to(user) -> QuerySet[Plan]:
    """Return plans with at least one version the user may read (all of their area for OPCC staff)."""
    plans = Plan.objects.select_related("force_area")
    if _signed_in(user) and user.is_administrator:
        return plans
    ids = versions_visible_to(user).values("plan_id")
    if _signed_in(user) and user.role == Role.OPCC_STAFF:
        return plans.filter(Q(pk__in=ids) | Q(force_area_id__in=user.area_ids))
    return plans.filter(pk__in=ids)


def plan_list_for(user) -> QuerySet[Plan]:
    """Return the user's plans with counts of the versions they may see, for the plan list."""
    visible = versions_visible_to(user)
    return (
        plans_visible_to(user)
        .annotate(
            visible_versions=Count("versions", filter=Q(versions__in=visible.values("pk")), distinct=True),
        )
        .order_by("force_area__name", "-period_start")
    )


def plan_versions_around(user, pk: int) -> list[PlanVersion]:
    """Return the versions the user may read of version pk's plan, by number; empty if the user may not read pk.

    One query for the version page: the version itself and its readable siblings (for "compare" and "based on").
    """
    versions = (
        versions_visible_to(user)
        .filter(plan__versions__pk=pk)
        .select_related("plan", "plan__force_area", "based_on")
        .order_by("number")
    )
    versions = list(versions)
    return versions if any(v.pk == pk for v in versions) else []


def versions_of_plan_for(user, plan: Plan) -> QuerySet[PlanVersion]:
    return (
        versions_visible_to(user)
        .filter(plan=plan)
        .annotate(open_threads=Count("comments", filter=Q(comments__parent=None, comments__resolved_at=None)))
        .order_by("number")
    )


def comments_visible_to(user) -> QuerySet[Comment]:
    """Return the panel's comments the user may read: OPCC staff and the panel of the area, administrators."""
    comments = Comment.objects.all()
    if not _signed_in(user):
        return comments.none()
    if user.is_administrator:
        return comments
    if user.role == Role.OPCC_STAFF:
        return comments.filter(version__plan__force_area_id__in=user.area_ids)
    if user.role in PANEL_ROLES:
        return comments.filter(version__plan__force_area_id__in=user.area_ids).filter(
            version__in=versions_visible_to(user).values("pk")
        )
    return comments.none()


def comment_threads_for(user, version: PlanVersion) -> QuerySet[Comment]:
    """Return the version's top-level comments, each with its replies as a list in reply_list, in section order."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    return (
        comments_visible_to(user)
        .filter(version=version, parent=None)
        .select_related("author", "resolved_by")  # the section is the page's: ordering by it needs only the join
        # A list attribute, not the replies manager: the manager's prefetch cache cost a queryset clone per thread.
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="reply_list"))
        .order_by("section__position", "section_id", "created_at", "pk")
    )


def versions_awaiting_review(user) -> QuerySet[PlanVersion]:
    """Return versions under panel review in the user's areas, with their open thread counts."""
    if not _signed_in(user) or not (user.role in PANEL_ROLES or user.role == Role.OPCC_STAFF):
        return PlanVersion.objects.none()
    return (
        versions_visible_to(user)
        .filter(status__in=[S.SHARED, S.CONSULTATION], plan__force_area_id__in=user.area_ids)
        .select_related("plan", "plan__force_area")
        .annotate(open_threads=Count("comments", filter=Q(comments__parent=None, comments__resolved_at=None)))
        .order_by("consultation_closes", "pk")
    )


def distribution_recipient_count(version: PlanVersion) -> int:
    """Return how many organisations an issued version goes to: the police force and the responsible authorities."""
    area_id = version.force_area_id
    forces = organisations_in_area(area_id).filter(org_type=OrganisationType.POLICE_FORCE)
    authorities = responsible_authorities_in_area(area_id)
    return len(set(forces.values_list("pk", flat=True)) | set(authorities.values_list("pk", flat=True)))

"""Reads of plans, versions and comments, always scoped to the asking user."""

from functools import partial

from django.db import router
from django.db.models import Count, Q, QuerySet

from partners.models import OrganisationType
from partners.selectors import organisations_in_area, responsible_authorities_in_area
from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.core.querytemplates import template_rows

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
    return PlanVersion.objects.filter(visible_to(user))


def visible_to(user) -> Q:
    """Return versions_visible_to's rule as a condition on a version: filtered with directly, not by `pk__in` a
    subquery of versions_visible_to (which joins the plans a second time)."""
    if not _signed_in(user):
        return PUBLIC
    return seen_in_areas(role=user.role, administrator=user.is_administrator, area_ids=user.area_ids)


def _versions_seen_by(*, role: str, administrator: bool, area_ids) -> QuerySet[PlanVersion]:
    """Return the plan versions a signed-in user of the role and areas may read (versions_visible_to's rule)."""
    return PlanVersion.objects.filter(seen_in_areas(role=role, administrator=administrator, area_ids=area_ids))


def seen_in_areas(*, role: str, administrator: bool, area_ids) -> Q:
    """Return the condition on a version that a signed-in user of the role and areas may read it
    (versions_visible_to's rule)."""
    if administrator:
        return Q()
    in_area = Q(plan__force_area_id__in=area_ids)
    if role == Role.OPCC_STAFF:
        return PUBLIC | in_area
    if role in PANEL_ROLES:
        return PUBLIC | (in_area & SHARED_WITH_PANEL)
    if role == Role.PARTNER:
        return PUBLIC | (in_area & OUT_TO_PUBLIC)
    return PUBLIC


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


_AROUND = {  # the columns of each model the version page reads: all of them, as select_related() read them
    "": [f.attname for f in PlanVersion._meta.concrete_fields],
    "plan__": [f.attname for f in Plan._meta.concrete_fields],
    "plan__force_area__": [f.attname for f in ForceArea._meta.concrete_fields],
    "based_on__": [f.attname for f in PlanVersion._meta.concrete_fields],
}


def plan_versions_around(user, pk: int) -> list[PlanVersion]:
    """Return the versions the user may read of version pk's plan, by number, each with its plan, the plan's area
    and the version it is based on; empty if the user may not read pk.

    One query for the version page: the version itself and its readable siblings (for "compare" and "based on"),
    compiled once per role (pcc_portal.core.querytemplates): building it cost more than running it.
    """
    versions = _versions_with_plans(user, "plans.versions_around", version_id=pk)
    return versions if any(v.pk == pk for v in versions) else []


def plan_versions_for(user, plan_pk: int) -> list[PlanVersion]:
    """Return the versions of plan plan_pk the user may read, by number, each with its plan, the plan's area and
    the version it is based on (versions_visible_to's rule).

    One query for the compare page, compiled once per role as plan_versions_around's.
    """
    return _versions_with_plans(user, "plans.versions_of_plan", plan_id=plan_pk)


def _versions_with_plans(user, name: str, **where: int) -> list[PlanVersion]:
    """Return the rows of _versions_around_query(**where) for the user as versions with their plan, its area and the
    version each is based on, selected as select_related() selects them."""
    if _signed_in(user):
        key = (name, user.role, user.is_administrator)
        build = partial(_versions_around_query, role=user.role, administrator=user.is_administrator)
        area_ids = user.area_ids
    else:
        key, build, area_ids = (name, None, False), partial(_versions_around_query, role=None), ()
    db = router.db_for_read(PlanVersion)
    versions = []
    for row in template_rows(key, build, area_ids=area_ids, **where):
        version, plan, area, based_on = (
            model.from_db(db, names, [row[prefix + name] for name in names])
            for model, (prefix, names) in zip((PlanVersion, Plan, ForceArea, PlanVersion), _AROUND.items(), strict=True)
        )
        Plan.force_area.field.set_cached_value(plan, area)
        PlanVersion.plan.field.set_cached_value(version, plan)
        PlanVersion.based_on.field.set_cached_value(version, based_on if version.based_on_id is not None else None)
        versions.append(version)
    return versions


def _versions_around_query(
    *, role: str | None, administrator: bool = False, area_ids, version_id: int | None = None, plan_id=None
) -> QuerySet:
    """Return the rows of _versions_with_plans: the versions a user of the role (None: signed out) may read of the
    plan of version_id (or of plan plan_id), with the columns of their plan, its area and the version each is
    based on."""
    if role is None:
        versions = versions_visible_to(None)
    else:
        versions = _versions_seen_by(role=role, administrator=administrator, area_ids=area_ids)
    versions = (
        versions.filter(plan_id=plan_id) if version_id is None else versions.filter(plan__versions__pk=version_id)
    )
    columns = [prefix + name for prefix, names in _AROUND.items() for name in names]
    return versions.order_by("number").values(*columns)


def version_parts(version_ids: list[int], columns: dict[type, tuple[str, ...]]) -> dict[type, dict[int, list[dict]]]:
    """Return the parts of the versions of each model in `columns` (sections, priorities, objectives) as rows of
    those columns, {model: {version id: rows}}, each version's rows in their order on its page (position, then pk).

    One query per model for every version asked (compiled once, pcc_portal.core.querytemplates).
    """
    parts = {}
    for model, names in columns.items():
        by_version = {pk: [] for pk in version_ids}
        key = ("plans.version_parts", model.__name__, names)
        for row in template_rows(key, partial(_parts_query, model, names), ids=version_ids):
            by_version[row["version_id"]].append(row)
        parts[model] = by_version
    return parts


def _parts_query(model, names: tuple[str, ...], *, ids) -> QuerySet:
    parts = model.objects.filter(version_id__in=ids).order_by("version_id", "position", "pk")
    return parts.values("version_id", *names)


def versions_of_plan_for(user, plan: Plan) -> QuerySet[PlanVersion]:
    return versions_visible_to(user).filter(plan=plan).annotate(open_threads=_open_threads()).order_by("number")


def comments_visible_to(user) -> QuerySet[Comment]:
    """Return the panel's comments the user may read: OPCC staff and the panel of the area, administrators."""
    if not _signed_in(user):
        return Comment.objects.none()
    return _comments_seen_by(role=user.role, administrator=user.is_administrator, area_ids=user.area_ids)


def _comments_seen_by(*, role: str, administrator: bool, area_ids) -> QuerySet[Comment]:
    """Return the comments a signed-in user of the role and areas may read (comments_visible_to's rule)."""
    comments = Comment.objects.all()
    if administrator:
        return comments
    if role == Role.OPCC_STAFF:
        return comments.filter(version__plan__force_area_id__in=area_ids)
    if role in PANEL_ROLES:
        return comments.filter(version__plan__force_area_id__in=area_ids).filter(
            version__in=_versions_seen_by(role=role, administrator=administrator, area_ids=area_ids).values("pk")
        )
    return comments.none()


_THREAD_FIELDS = [f.attname for f in Comment._meta.concrete_fields]
_PEOPLE = ("author", "resolved_by")
_SHOWN = ("full_name", "role")  # in the model's order, as from_db takes them
_PERSON_FIELDS = ["id", *_SHOWN]


def comment_threads_for(user, version: PlanVersion) -> list[Comment]:
    """Return the version's top-level comments in section order, each with its replies as a list in reply_list and
    with the names and roles of its author and resolver (and of each reply's author).

    The version page asks it on every view: both queries are compiled once per role (pcc_portal.core.querytemplates),
    and the rows become comments without a queryset per thread.
    """
    if not _signed_in(user):
        return []
    key = ("plans.comment_threads", user.role, user.is_administrator)
    build = partial(_threads_query, role=user.role, administrator=user.is_administrator)
    rows = template_rows(key, build, area_ids=user.area_ids, version_id=version.pk)
    threads, by_pk = [], {}
    for row in rows:
        thread = _comment(row, _THREAD_FIELDS)
        thread.author = _person(row, "author")
        thread.resolved_by = _person(row, "resolved_by") if row["resolved_by_id"] is not None else None
        thread.reply_list = []
        threads.append(thread)
        by_pk[thread.pk] = thread
    if threads:  # replies of the threads read: the parent is one of them
        for row in template_rows("plans.comment_replies", _replies_query, version_id=version.pk):
            if (thread := by_pk.get(row["parent_id"])) is not None:
                reply = _comment(row, _THREAD_FIELDS)
                reply.author = _person(row, "author")
                thread.reply_list.append(reply)
    return threads


def _comment(row: dict, names: list[str]) -> Comment:
    return Comment.from_db(None, names, [row[name] for name in names])


def _person(row: dict, relation: str) -> User:
    """Return the user of row's relation with the fields a thread shows (the rest deferred)."""
    return User.from_db(None, _PERSON_FIELDS, [row[f"{relation}_id"], *(row[f"{relation}__{name}"] for name in _SHOWN)])


def _threads_query(*, role: str, administrator: bool, area_ids, version_id: int) -> QuerySet:
    """Return the rows of comment_threads_for: the thread's fields, then its author's and resolver's name and role."""
    people = [f"{relation}__{name}" for relation in _PEOPLE for name in _SHOWN]
    return (
        _comments_seen_by(role=role, administrator=administrator, area_ids=area_ids)
        .filter(version_id=version_id, parent=None)
        .order_by("section__position", "section_id", "created_at", "pk")
        .values(*_THREAD_FIELDS, *people)
    )


def _replies_query(*, version_id: int) -> QuerySet:
    """Return the replies to the version's threads, oldest first, with their author's name and role."""
    return (
        Comment.objects.filter(parent__version_id=version_id, parent__parent=None)
        .order_by("created_at", "pk")
        .values(*_THREAD_FIELDS, *(f"author__{name}" for name in _SHOWN))
    )


def _reviews_plans(user) -> bool:
    return _signed_in(user) and (user.role in PANEL_ROLES or user.role == Role.OPCC_STAFF)


def versions_awaiting_review(user) -> QuerySet[PlanVersion]:
    """Return versions under panel review in the user's areas, with their open thread counts."""
    if not _reviews_plans(user):
        return PlanVersion.objects.none()
    versions = _under_review_seen_by(role=user.role, administrator=user.is_administrator, area_ids=user.area_ids)
    return versions.select_related("plan", "plan__force_area").annotate(open_threads=_open_threads())


def _under_review_seen_by(*, role: str, administrator: bool, area_ids) -> QuerySet[PlanVersion]:
    """Return the versions under panel review in the areas that a user of the role may read, soonest closing first."""
    return (
        _versions_seen_by(role=role, administrator=administrator, area_ids=area_ids)
        .filter(status__in=[S.SHARED, S.CONSULTATION], plan__force_area_id__in=area_ids)
        .order_by("consultation_closes", "pk")
    )


def dashboard_versions_awaiting_review(user, *, size: int = 10) -> list[PlanVersion]:
    """Return the first `size` of versions_awaiting_review, with what the dashboard's box prints.

    Every staff and panel dashboard asks it: its query is compiled once per role (pcc_portal.core.querytemplates),
    with the user's areas as the scope.
    """
    if not _reviews_plans(user) or not user.area_ids:
        return []
    key = ("plans.dashboard_versions", user.role, user.is_administrator, size)
    build = partial(_dashboard_versions_query, role=user.role, administrator=user.is_administrator, size=size)
    found = []
    for row in template_rows(key, build, area_ids=user.area_ids):
        version = PlanVersion(
            pk=row["pk"],
            number=row["number"],
            label=row["label"],
            status=row["status"],
            consultation_closes=row["consultation_closes"],
            plan_id=row["plan_id"],
        )
        version.plan = Plan(pk=row["plan_id"], title=row["plan__title"], force_area_id=row["plan__force_area_id"])
        version.plan.force_area = ForceArea(pk=row["plan__force_area_id"], name=row["plan__force_area__name"])
        version.open_threads = row["open_threads"]
        found.append(version)
    return found


def _dashboard_versions_query(*, role: str, administrator: bool, size: int, area_ids) -> QuerySet:
    """Return the rows of dashboard_versions_awaiting_review, as versions_awaiting_review chooses them."""
    versions = _under_review_seen_by(role=role, administrator=administrator, area_ids=area_ids)
    columns = ("number", "label", "status", "consultation_closes", "plan_id", "plan__title", "plan__force_area_id")
    return versions.values("pk", *columns, "plan__force_area__name", open_threads=_open_threads())[:size]


def _open_threads() -> Count:
    """Count a version's threads not yet resolved: its top-level comments without a resolution."""
    return Count("comments", filter=Q(comments__parent=None, comments__resolved_at=None))


def distribution_recipient_count(version: PlanVersion) -> int:
    """Return how many organisations an issued version goes to: the police force and the responsible authorities."""
    area_id = version.force_area_id
    forces = organisations_in_area(area_id).filter(org_type=OrganisationType.POLICE_FORCE)
    authorities = responsible_authorities_in_area(area_id)
    return len(set(forces.values_list("pk", flat=True)) | set(authorities.values_list("pk", flat=True)))

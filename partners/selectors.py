"""Reads of partner records, always scoped to the asking user."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from pcc_portal.accounts.models import ForceArea, Role
from pcc_portal.core.dates import short_date
from pcc_portal.core.links import path_maker
from pcc_portal.core.querytemplates import template_rows

from .models import (
    GOVERNANCE_LABELS,
    MEMBER_ROLE_LABELS,
    Bulletin,
    BulletinArticle,
    BulletinSection,
    Contact,
    Duty,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationDuty,
    OrganisationType,
    Partnership,
    PartnershipMember,
)

# Roles that see an area's partner directory, boards and landscape.
AREA_READER_ROLES = {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.PARTNER}


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def organisation_of(user) -> Organisation | None:
    """Return the organisation a partner user belongs to, if any.

    Every app's selectors ask this on the same request: the answer found is kept on the user object
    (which lives for one request), so the dashboard and what's due look it up once, not once per app.
    """
    if not user.is_authenticated or user.role != Role.PARTNER:
        return None
    found = user.__dict__.get("_partner_organisation")
    if found is not None:
        return found
    contact = Contact.objects.select_related("organisation").filter(user=user, is_active=True).first()
    if contact is None:
        return None  # not kept: a contact record may be linked later in the same test or job
    user.__dict__["_partner_organisation"] = contact.organisation
    return contact.organisation


def partner_users_by_organisation(organisation_ids: Iterable[int], *, user=None) -> dict[int, frozenset[int]]:
    """Return {organisation id: the ids of its active partner users}, for the reminders of what it must do.

    With a user, only that user under their own organisation (no query once organisation_of has answered).
    """
    organisation_ids = set(organisation_ids)
    if user is not None:
        own = organisation_of(user) if _signed_in(user) else None
        return {own.pk: frozenset({user.pk})} if own is not None and own.pk in organisation_ids else {}
    found: dict[int, set[int]] = defaultdict(set)
    if organisation_ids:
        rows = Contact.objects.filter(
            organisation_id__in=organisation_ids,
            is_active=True,
            user__isnull=False,
            user__is_active=True,
            user__role=Role.PARTNER,
        ).values_list("organisation_id", "user_id")
        for organisation_id, user_id in rows:
            found[organisation_id].add(user_id)
    return {organisation_id: frozenset(ids) for organisation_id, ids in found.items()}


def organisations_in_area(area_id: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(force_areas=area_id, is_active=True).distinct()


def responsible_authorities_in_area(area_id: int) -> QuerySet[Organisation]:
    """Return the area's responsible authorities (they receive the issued plan)."""
    return organisations_in_area(area_id).filter(duties__duty=Duty.RESPONSIBLE_AUTHORITY).distinct()


def councils_in_area(area_id: int) -> QuerySet[Organisation]:
    return organisations_in_area(area_id).filter(org_type__in=OrganisationType.councils())


def can_open_partners(user) -> bool:
    """Check, without a query, whether the user may open the partner directory of some area."""
    if not _signed_in(user):
        return False
    return user.is_administrator or (user.role in AREA_READER_ROLES and bool(user.area_ids))


def partner_areas_visible_to(user) -> QuerySet[ForceArea]:
    """Return the force areas whose partner directory the user may read."""
    if not _signed_in(user):
        return ForceArea.objects.none()
    if user.is_administrator:
        return ForceArea.objects.all()
    if user.role not in AREA_READER_ROLES:
        return ForceArea.objects.none()
    return ForceArea.objects.filter(pk__in=user.area_ids)


def managed_area_ids_of(user) -> frozenset[int] | None:
    """Return, without a query, the ids of the areas whose partner records the user manages; None for all."""
    if not _signed_in(user):
        return frozenset()
    if user.is_administrator:
        return None
    return user.area_ids if user.role == Role.OPCC_STAFF else frozenset()


def managed_areas_of(user) -> QuerySet[ForceArea]:
    """Return the areas whose partner records the user manages (OPCC staff, administrators)."""
    if not _signed_in(user):
        return ForceArea.objects.none()
    if user.is_administrator:
        return ForceArea.objects.all()
    if user.role != Role.OPCC_STAFF:
        return ForceArea.objects.none()
    return ForceArea.objects.filter(pk__in=user.area_ids)


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Return the organisations in the user's areas (every one for administrators)."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if user.is_administrator:
        return Organisation.objects.all()
    if user.role not in AREA_READER_ROLES:
        return Organisation.objects.none()
    ids = Organisation.force_areas.through.objects.filter(forcearea_id__in=user.area_ids).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids)


def organisations_editable_by(user) -> QuerySet[Organisation]:
    """Return the organisations whose details the user may change."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if user.is_administrator:
        return Organisation.objects.all()
    if user.role == Role.OPCC_STAFF:
        return organisations_visible_to(user)
    if user.role == Role.PARTNER:
        own = organisation_of(user)
        return Organisation.objects.filter(pk=own.pk) if own else Organisation.objects.none()
    return Organisation.objects.none()


def organisations_managed_by(user) -> QuerySet[Organisation]:
    """Return the organisations the user keeps for the OPCC (e.g. may deactivate): area staff, administrators."""
    if not _signed_in(user):
        return Organisation.objects.none()
    if user.is_administrator:
        return Organisation.objects.all()
    if user.role == Role.OPCC_STAFF:
        return organisations_visible_to(user)
    return Organisation.objects.none()


def contacts_visible_to(user) -> QuerySet[Contact]:
    """Return the contacts the user may see: their areas' for staff, their own organisation's for partners."""
    if not _signed_in(user):
        return Contact.objects.none()
    if user.is_administrator:
        return Contact.objects.all()
    if user.role == Role.OPCC_STAFF:
        return Contact.objects.filter(organisation__in=organisations_visible_to(user))
    if user.role == Role.PARTNER:
        own = organisation_of(user)
        return Contact.objects.filter(organisation=own) if own else Contact.objects.none()
    return Contact.objects.none()


def contacts_editable_by(user) -> QuerySet[Contact]:
    return contacts_visible_to(user)


def organisation_list(*, user, area: ForceArea) -> QuerySet[Organisation]:
    """Return the area's organisations with what the list shows, in constant queries (their duties: duties_of)."""
    active_contacts = (
        Contact.objects.filter(organisation=OuterRef("pk"), is_active=True)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        organisations_visible_to(user)
        .filter(force_areas=area)
        .select_related("parent")
        .annotate(contact_count=Coalesce(Subquery(active_contacts), 0))
        .order_by("name")
    )


def duties_of(organisation_ids) -> dict[int, list[str]]:
    """Return the duties (codes, in order) of each of the organisations, for a page of the organisation list."""
    duties: dict[int, list[str]] = {}
    if organisation_ids:
        rows = OrganisationDuty.objects.filter(organisation_id__in=organisation_ids).order_by("duty")
        for organisation_id, duty in rows.values_list("organisation_id", "duty"):
            duties.setdefault(organisation_id, []).append(duty)
    return duties


def partnership_members() -> QuerySet[PartnershipMember]:
    """Return members in the order a board lists them: chair, vice-chair, then the rest by name."""
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(PartnershipMember.Role.values)),
        output_field=IntegerField(),
    )
    return (
        PartnershipMember.objects.select_related("organisation", "representative")
        .annotate(role_rank=rank)
        .order_by("role_rank", "organisation__name")
    )


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    return Partnership.objects.filter(force_area__in=partner_areas_visible_to(user))


def partnership_members_managed_by(user) -> QuerySet[PartnershipMember]:
    """Return the board members the user may change or remove: on boards of the areas they manage."""
    return PartnershipMember.objects.filter(partnership__force_area__in=managed_areas_of(user))


def partnerships_in_area(*, user, area: ForceArea) -> QuerySet[Partnership]:
    """Return the area's active boards with their number of members (counted in the query)."""
    return (
        partnerships_visible_to(user)
        .filter(force_area=area, is_active=True)
        .select_related("parent")
        .annotate(member_count=Count("members"))
        .order_by("parent_id", "name")
    )


def engagement_log(*, user, area: ForceArea) -> QuerySet[Engagement]:
    """Return the area's engagements, only the columns the log shows, with their number of open actions (counted in
    the query); their partners' names come from partner_names_of."""
    return (
        engagements_visible_to(user)
        .filter(force_area=area)
        .only("pk", "title", "held_on")
        .annotate(
            open_action_count=Count("actions", filter=Q(actions__status=FollowUpAction.Status.OPEN), distinct=True)
        )
        .order_by("-held_on", "title")  # a counting query drops the model's default order
    )


def partner_names_of(engagement_ids: Iterable[int]) -> dict[int, list[str]]:
    """Return the names of each engagement's partner organisations, by name, in one query of names (not an
    organisation and a related manager per engagement)."""
    names: dict[int, list[str]] = {}
    rows = (
        Engagement.organisations.through.objects.filter(engagement_id__in=list(engagement_ids))
        .order_by("organisation__name", "organisation_id")
        .values_list("engagement_id", "organisation__name")
    )
    for engagement_id, name in rows:
        names.setdefault(engagement_id, []).append(name)
    return names


def engagements_visible_to(user) -> QuerySet[Engagement]:
    """The engagement log is the OPCC's private record: staff of the area and administrators."""
    area_ids = managed_area_ids_of(user)
    engagements = Engagement.objects.all()
    return engagements if area_ids is None else engagements.filter(force_area_id__in=area_ids)


def actions_visible_to(user) -> QuerySet[FollowUpAction]:
    return FollowUpAction.objects.filter(engagement__in=engagements_visible_to(user))


def actions_due(*, user, until: date) -> QuerySet[FollowUpAction]:
    """Return open follow-up actions due by the date (overdue ones included)."""
    return (
        actions_visible_to(user)
        .filter(status=FollowUpAction.Status.OPEN, due_on__lte=until)
        .select_related("engagement")
        .order_by("due_on", "pk")
    )


def partnerships_without_agreed_terms(*, user) -> QuerySet[Partnership]:
    """Return the boards still to agree terms of reference: the OPCC's own follow-up list, for those who manage it."""
    return _boards_without_agreed_terms(managed_area_ids_of(user))


def _boards_without_agreed_terms(area_ids) -> QuerySet[Partnership]:
    """Return the active boards still to agree terms in the areas (None: every area)."""
    qs = Partnership.objects.filter(is_active=True).exclude(governance=Partnership.Governance.AGREED)
    return qs if area_ids is None else qs.filter(force_area_id__in=area_ids)


@dataclass(slots=True)
class DashboardAction:
    """An open follow-up action as the dashboard lists it: read as values, its link and date written once."""

    pk: int
    description: str
    owner: str
    due_on: date
    due_text: str  # as the date filter's "j M Y" writes it
    overdue: bool
    engagement_url: str


@dataclass(slots=True)
class DashboardBoard:
    """A board still to agree its terms, as the dashboard lists it: read as values, its link and label written once."""

    pk: int
    name: str
    governance_label: str
    governance_text: str  # the label as the box writes it (lower case)
    force_area_name: str
    url: str


def dashboard_follow_ups(user, *, today: date, until: date) -> tuple[list[DashboardAction], list[DashboardBoard]]:
    """Return the dashboard's first ten open follow-up actions due by the date (overdue: due before today) and first
    ten boards still to agree terms, of the areas the user manages (as actions_due and
    partnerships_without_agreed_terms choose them).

    Every staff dashboard asks both: their queries are compiled once per shape (pcc_portal.core.querytemplates),
    with the user's managed areas (or every area for administrators) as the scope. The rows are read as values, not
    model objects: building twenty model objects cost more than the box's queries.
    """
    area_ids = managed_area_ids_of(user)
    if area_ids == frozenset():
        return [], []
    engagement_path = path_maker("partners:engagement_detail")
    actions = [
        DashboardAction(
            pk=row["pk"],
            description=row["description"],
            owner=row["owner"],
            due_on=row["due_on"],
            due_text=short_date(row["due_on"]),
            overdue=row["due_on"] < today,
            engagement_url=engagement_path(row["engagement_id"]),
        )
        for row in template_rows("partners.dashboard_actions", _dashboard_actions_query, until=until, area_ids=area_ids)
    ]
    board_path = path_maker("partners:partnership_detail")
    boards = []
    for row in template_rows("partners.dashboard_boards", _dashboard_boards_query, area_ids=area_ids):
        label = GOVERNANCE_LABELS.get(row["governance"], row["governance"])
        boards.append(
            DashboardBoard(
                pk=row["pk"],
                name=row["name"],
                governance_label=label,
                governance_text=str(label).lower(),
                force_area_name=row["force_area__name"],
                url=board_path(row["pk"]),
            )
        )
    return actions, boards


def _dashboard_actions_query(*, until: date, area_ids=None) -> QuerySet:
    """Return the rows of dashboard_follow_ups' actions: open, due by the date, in the areas (None: every area).

    The ten are chosen by a subquery the (status, due date, id) index answers alone, then only they are read: in
    one query, every open action due in the nation was read from the table to find an area's.
    """
    actions = FollowUpAction.objects.filter(status=FollowUpAction.Status.OPEN, due_on__lte=until)
    if area_ids is not None:  # every engagement has an area: administrators' scope is every action
        actions = actions.filter(engagement__force_area_id__in=area_ids)
    first = actions.order_by("due_on", "pk").values("pk")[:10]
    return (
        FollowUpAction.objects.filter(pk__in=first)
        .order_by("due_on", "pk")
        .values("pk", "engagement_id", "description", "owner", "due_on")
    )


def _dashboard_boards_query(*, area_ids=None) -> QuerySet:
    """Return the rows of dashboard_follow_ups' boards, in the boards' own order."""
    boards = _boards_without_agreed_terms(area_ids)
    return boards.values("pk", "name", "governance", "force_area_id", "force_area__name")[:10]


def bulletins_managed_by(user) -> QuerySet[Bulletin]:
    """Return the bulletins the user may edit and publish."""
    if not _signed_in(user):
        return Bulletin.objects.none()
    if user.is_administrator:
        return Bulletin.objects.all()
    return Bulletin.objects.filter(force_area__in=managed_areas_of(user))


def published_bulletins() -> QuerySet[Bulletin]:
    """Return the public archive: published bulletins, newest first."""
    return Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED).select_related("publisher")


def bulletins_visible_to(user) -> QuerySet[Bulletin]:
    """Published bulletins for everyone; drafts only for those who manage them."""
    return Bulletin.objects.filter(
        Q(status=Bulletin.Status.PUBLISHED) | Q(pk__in=bulletins_managed_by(user).values("pk"))
    )


def bulletin_publishers_for(user) -> QuerySet[Organisation]:
    """Return who the user may name as a bulletin's publisher.

    The organisations of the areas they manage (their OPCC), and the associations
    and national bodies that publish for many areas (the APCC, a regional association).
    """
    areas = managed_areas_of(user)
    in_areas = Organisation.force_areas.through.objects.filter(forcearea__in=areas).values("organisation_id")
    national = Q(org_type__in=OrganisationType.national_publishers()) if areas.exists() else Q(pk__in=[])
    return Organisation.objects.filter(Q(pk__in=in_areas) | national, is_active=True).order_by("name")


def bulletin_contents(bulletin: Bulletin) -> dict:
    """Return the bulletin's parts in the author's order: sections with their articles, then events.

    Articles in no section (none after the migration, but a section may have gone)
    come first, so that nothing written is left out.
    """
    articles = list(
        BulletinArticle.objects.filter(bulletin=bulletin)
        .select_related("author_organisation")
        .order_by("position", "pk")
    )
    sections = list(BulletinSection.objects.filter(bulletin=bulletin).order_by("position", "pk"))
    for section in sections:
        section.article_list = [a for a in articles if a.section_id == section.pk]
    events = list(bulletin.events.order_by("position", "starts_on"))
    placed = any(section.kind == BulletinSection.Kind.EVENTS for section in sections)
    return {
        "bulletin": bulletin,
        "sections": sections,
        "loose_articles": [a for a in articles if a.section_id is None],
        "events": events,
        "events_at_end": [] if placed else events,
    }


def bulletin_recipients(bulletin: Bulletin) -> QuerySet[Contact]:
    """Return the active, consenting contacts with an email address in the bulletin's audience."""
    org_ids = Organisation.force_areas.through.objects.filter(forcearea_id__in=bulletin.audience.values("pk")).values(
        "organisation_id"
    )
    return (
        Contact.objects.filter(
            is_active=True,
            bulletin_consent=True,
            organisation__is_active=True,
            organisation_id__in=org_ids,
        )
        .exclude(email="")
        .order_by("pk")
    )


@dataclass(slots=True)
class OrganisationName:
    """An organisation as the landscape names it (a member's parent body)."""

    name: str


@dataclass(slots=True)
class LandscapeOrganisation:
    """An organisation as the landscape lists it: read as values, its labels worked out once."""

    pk: int
    name: str
    type_label: str
    partnership_area: str
    population: int | None
    parent: OrganisationName | None
    duty_values: list[str] = field(default_factory=list)
    duty_labels: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    url: str = ""
    # As the page's filters write them (population|intcomma, covered|join:", ", duty_labels|join:"; "), once per
    # row rather than by the template engine for each of hundreds of rows.
    population_text: str = ""
    covered_text: str = ""
    duty_text: str = ""


@dataclass(slots=True)
class RepresentativeName:
    """A member's representative as the landscape names them."""

    full_name: str
    job_title: str


@dataclass(slots=True)
class LandscapeMember:
    """A board member as the landscape lists it: read as values, its role's label worked out once."""

    organisation: OrganisationName
    representative: RepresentativeName | None
    role: str
    role_label: str


def _landscape_members(area: ForceArea, boards: list[Partnership]) -> list[list[LandscapeMember]]:
    """Return each board's members, in partnership_members' order, as rows of what the landscape says of them.

    Only what the landscape says of each member, read as values: an area's boards have hundreds of members, and
    model objects (a member and its organisation each) cost more than the rest of the page. Representatives come in
    a query of their own: joined, the planner hashes every contact in the country to find the few named.
    """
    rows = list(
        partnership_members()
        .filter(partnership__force_area=area, partnership__is_active=True)
        .values("partnership_id", "role", "representative_id", "organisation__name")
    )
    named = {row["representative_id"] for row in rows} - {None}
    representatives = (
        {
            row["pk"]: RepresentativeName(row["full_name"], row["job_title"])
            for row in Contact.objects.filter(pk__in=named).values("pk", "full_name", "job_title")
        }
        if named
        else {}
    )
    by_board: dict[int, list[LandscapeMember]] = {board.pk: [] for board in boards}
    for row in rows:
        by_board[row["partnership_id"]].append(
            LandscapeMember(
                organisation=OrganisationName(row["organisation__name"]),
                representative=representatives.get(row["representative_id"]),
                role=row["role"],
                role_label=MEMBER_ROLE_LABELS.get(row["role"], row["role"]),
            )
        )
    return [by_board[board.pk] for board in boards]


def landscape(*, area: ForceArea, duties: bool = True) -> dict:
    """Gather the area's partnership landscape: organisations by partnership area, boards, and (unless told not
    to: the handover pack lists no duties) the duties."""
    from .models import PartnershipArea

    # Plain rows with their labels worked out once: the page and the PDF read each several times, and an area's
    # hundreds of organisations cost more as model objects (and their parents) than the rest of the page.
    type_labels = dict(OrganisationType.choices)
    organisations = [
        LandscapeOrganisation(
            pk=row["pk"],
            name=row["name"],
            type_label=type_labels.get(row["org_type"], row["org_type"]),
            partnership_area=row["partnership_area"],
            population=row["population"],
            parent=None if row["parent__name"] is None else OrganisationName(row["parent__name"]),
            population_text="" if row["population"] is None else intcomma(row["population"]),
        )
        for row in organisations_in_area(area.pk)
        .order_by("name")
        .values("pk", "name", "org_type", "partnership_area", "population", "parent__name")
    ]
    if duties:
        # Each organisation's duties and the names of those it covers, read as plain rows in one query each
        # (a Prefetch with its own queryset clones that queryset once per organisation).
        # The area's organisations as a subquery, not their ids: a list of hundreds of ids cost more to prepare as
        # parameters than the queries took to run.
        ids = organisations_in_area(area.pk).values("pk")
        duty_values, covered = defaultdict(list), defaultdict(list)
        for organisation_id, duty in (
            OrganisationDuty.objects.filter(organisation_id__in=ids)
            .order_by("duty")
            .values_list("organisation_id", "duty")
        ):
            duty_values[organisation_id].append(duty)
        for organisation_id, name in (
            Organisation.covers.through.objects.filter(from_organisation_id__in=ids)
            .order_by("to_organisation__name")
            .values_list("from_organisation_id", "to_organisation__name")
        ):
            covered[organisation_id].append(name)
        duty_labels = dict(Duty.choices)
        for organisation in organisations:
            organisation.duty_values = duty_values[organisation.pk]
            organisation.duty_labels = [duty_labels.get(duty, duty) for duty in organisation.duty_values]
            organisation.covered = covered[organisation.pk]
            organisation.duty_text = "; ".join(map(str, organisation.duty_labels))
            organisation.covered_text = ", ".join(organisation.covered)
    by_area = []
    for value, label in PartnershipArea.choices:
        members = [o for o in organisations if o.partnership_area == value]
        if members:
            by_area.append({"label": label, "organisations": members})
    holders_by_duty = []
    for value, label in Duty.choices if duties else ():
        holders = [o for o in organisations if value in o.duty_values]
        # The names as one text (the page writes them joined by "; "), not a loop with a forloop test per name.
        names = "; ".join(o.name for o in holders)
        holders_by_duty.append({"label": label, "organisations": holders, "names": names})
    boards = list(
        Partnership.objects.filter(force_area=area, is_active=True)
        .select_related("parent")
        .order_by("parent_id", "name")
    )
    for board, members in zip(boards, _landscape_members(area, boards), strict=True):
        board.member_rows = members
    # Top-level boards first, each followed by its sub-groups.
    ordered = [b for b in boards if b.parent_id is None]
    tree = []
    for board in ordered:
        tree.append(board)
        tree.extend(b for b in boards if b.parent_id == board.pk)
    tree.extend(b for b in boards if b not in tree)
    return {
        "area": area,
        "by_partnership_area": by_area,
        "partnerships": tree,
        "duties": holders_by_duty,
        "organisation_count": len(organisations),
        "without_agreed_terms": [b for b in boards if b.governance != Partnership.Governance.AGREED],
    }

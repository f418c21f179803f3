"""Who is reminded of a deadline, by role in a force area: for everyone (the sweep) or for one user (a page).

Every app's deadline hook names its recipients by role in the deadline's
area (the area's OPCC staff, its panel secretariat...). The reminders sweep
needs everyone, looked up in one query; a page for one user only needs to
know whether that user is among them, which the user's own role and areas
answer without a query.
"""

from collections import defaultdict
from collections.abc import Iterable

from pcc_portal.accounts.models import Role, User


def people_by_area(area_ids: Iterable[int], roles: Iterable[str], *, user=None) -> dict[int, dict[str, frozenset[int]]]:
    """Return {area id: {role: active user ids}} for the roles; with a user, that user alone (no query)."""
    area_ids, roles = set(area_ids), set(roles)
    if user is not None:
        if not (user.is_authenticated and user.is_active and user.role in roles):
            return {}
        return {area_id: {user.role: frozenset({user.pk})} for area_id in area_ids & user.area_ids}
    found: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    if area_ids and roles:
        rows = User.force_areas.through.objects.filter(
            forcearea_id__in=area_ids, user__is_active=True, user__role__in=roles
        ).values_list("forcearea_id", "user_id", "user__role")
        for area_id, user_id, role in rows:
            found[area_id][role].add(user_id)
    return {area_id: {role: frozenset(ids) for role, ids in by_role.items()} for area_id, by_role in found.items()}


def staff_by_area(area_ids: Iterable[int], *, user=None) -> dict[int, frozenset[int]]:
    """Return {area id: its active OPCC staff's ids}; with a user, that user where they are the area's staff."""
    people = people_by_area(area_ids, [Role.OPCC_STAFF], user=user)
    return {area_id: by_role.get(Role.OPCC_STAFF, frozenset()) for area_id, by_role in people.items()}

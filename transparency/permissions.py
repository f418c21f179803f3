"""Who may do what with an area's transparency records: plain functions returning a verdict.

The area's OPCC staff (and administrators) manage the area's records; anyone,
signed in or not, reads what is published; exempt parts of decisions are
never shown beyond the area's staff.
"""

from pcc_portal.accounts.models import Role


def can_manage_transparency(user, area) -> bool:
    """Return whether the user keeps the area's publication scheme (its OPCC staff, or an administrator)."""
    if area is None or not (user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    return user.role == Role.OPCC_STAFF and area.pk in user.area_ids


def can_see_exempt_part(user, decision) -> bool:
    return can_manage_transparency(user, decision.force_area)


def can_view_decision(user, decision) -> bool:
    return decision.is_published or can_manage_transparency(user, decision.force_area)


def can_view_transparency_nav(user) -> bool:
    """Everyone signed in reads published transparency pages; the link sits in their navigation."""
    return bool(user.is_authenticated and user.is_active)

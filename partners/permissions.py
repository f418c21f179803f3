"""Who may do what with partner records: plain functions checked in the views.

Each returns a verdict; views turn a refusal into a 404 so that another
area's or another organisation's records do not appear to exist.
"""

from pcc_portal.accounts.models import Role

from .models import Bulletin, Organisation
from .selectors import organisation_of


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_view_area_partners(user, area_id: int) -> bool:
    """OPCC staff, panel secretariat and members, and partner users of the area; administrators."""
    if not _signed_in(user):
        return False
    if user.is_administrator:
        return True
    return user.role in {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.PARTNER} and user.in_area(
        area_id
    )


def can_manage_area_partners(user, area_id: int) -> bool:
    """OPCC staff of the area and administrators keep the area's partner records."""
    if not _signed_in(user):
        return False
    return user.is_administrator or (user.role == Role.OPCC_STAFF and user.in_area(area_id))


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Area staff edit any of the area's organisations; a partner user only their own."""
    if not _signed_in(user):
        return False
    if user.is_administrator:
        return True
    if user.role == Role.OPCC_STAFF:
        return any(user.in_area(area.pk) for area in organisation.force_areas.all())
    if user.role == Role.PARTNER:
        own = organisation_of(user)
        return own is not None and own.pk == organisation.pk
    return False


def can_view_contacts(user, organisation: Organisation) -> bool:
    return can_edit_organisation(user, organisation)


def can_manage_bulletin(user, bulletin: Bulletin) -> bool:
    """National bulletins: administrators; an OPCC's bulletin: staff of its area."""
    if not _signed_in(user):
        return False
    if user.is_administrator:
        return True
    return bulletin.force_area_id is not None and can_manage_area_partners(user, bulletin.force_area_id)


def can_view_bulletin(user, bulletin: Bulletin) -> bool:
    """Anyone may read a published bulletin; a draft only its managers."""
    return bulletin.status == Bulletin.Status.PUBLISHED or can_manage_bulletin(user, bulletin)


def can_view_landscape(user, *, area_id: int) -> bool:
    return can_view_area_partners(user, area_id)

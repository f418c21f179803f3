"""Who may do what with a transition programme: plain functions checked in the views.

Views turn a refusal into a 404, so another area's programme does not appear to exist.
"""

from pcc_portal.accounts.models import Role

from .models import TransferItem, TransitionProgramme

# Roles that read an area's programme (it is what the panel scrutinises; the successor plans with it).
READER_ROLES = {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.SUCCESSOR_OFFICER}


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_manage_transition(user, area_id: int | None) -> bool:
    """OPCC staff of the area and administrators run the programme."""
    if not _signed_in(user):
        return False
    return user.is_administrator or (user.role == Role.OPCC_STAFF and user.in_area(area_id))


def can_read_programme(user, programme: TransitionProgramme) -> bool:
    """Staff, panel secretariat and members, and successor body officers of the area read everything."""
    if not _signed_in(user):
        return False
    if user.is_administrator:
        return True
    return user.role in READER_ROLES and user.in_area(programme.force_area_id)


def can_open_register(user, programme: TransitionProgramme) -> bool:
    """Readers open the whole register; a partner user of the area opens it to see the rows naming them."""
    if can_read_programme(user, programme):
        return True
    return _signed_in(user) and user.role == Role.PARTNER and user.in_area(programme.force_area_id)


def can_view_transition(user) -> bool:
    """Show the navigation link to anyone who may open some programme."""
    if not _signed_in(user):
        return False
    return user.is_administrator or (user.role in READER_ROLES | {Role.PARTNER} and bool(user.area_ids))


def can_accept_in_area(user, item: TransferItem) -> bool:
    """A successor body officer of the row's area may accept rows for the successor."""
    if not _signed_in(user) or user.role != Role.SUCCESSOR_OFFICER:
        return False
    return user.in_area(item.programme.force_area_id)


def can_accept_item(user, item: TransferItem) -> bool:
    """A successor body officer of the area accepts rows the successor receives, once they are agreed or later."""
    return (
        can_accept_in_area(user, item)
        and item.receiver_kind == TransferItem.Receiver.SUCCESSOR
        and item.status in TransferItem.ACCEPTABLE_STATUSES
        and item.accepted_at is None
    )

"""Who may do what with briefings and handover packs: plain predicates, denied by default."""

from pcc_portal.accounts.models import Role


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_area_staff(user, area_id: int) -> bool:
    """OPCC staff of the area, or an administrator."""
    if not _active(user):
        return False
    if user.is_administrator:
        return True
    return user.role == Role.OPCC_STAFF and area_id in user.area_ids


def can_manage_briefing(user, briefing) -> bool:
    """Write the introduction, publish, answer questions, withdraw candidates."""
    return is_area_staff(user, briefing.force_area_id)


def can_create_briefing(user, area) -> bool:
    return is_area_staff(user, area.pk)


def can_view_briefing(user, briefing) -> bool:
    """A published briefing is public; a draft only for the area's staff."""
    return briefing.is_published or can_manage_briefing(user, briefing)


def can_view_briefing_pdf(user, *, briefing_id: int) -> bool:
    from .models import Briefing

    briefing = Briefing.objects.filter(pk=briefing_id).first()
    return briefing is not None and can_view_briefing(user, briefing)


def can_register_for_briefing(briefing) -> bool:
    return briefing.is_published


PACK_ROLES = {Role.OPCC_STAFF, Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.SUCCESSOR_OFFICER}


def can_view_handover_pack(user, area_id: int) -> bool:
    """The area's OPCC staff, panel secretariat and members, successor body officers; administrators."""
    if not _active(user):
        return False
    if user.is_administrator:
        return True
    return user.role in PACK_ROLES and area_id in user.area_ids


def can_see_packs(user) -> bool:
    """Show the navigation link to those who may open some area's handover pack."""
    if not _active(user):
        return False
    return user.is_administrator or (user.role in PACK_ROLES and bool(user.area_ids))


def is_briefing_staff(user) -> bool:
    """OPCC staff and administrators write briefings (the navigation link)."""
    return _active(user) and (user.is_administrator or user.role == Role.OPCC_STAFF)

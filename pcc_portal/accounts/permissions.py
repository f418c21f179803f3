"""Who may do what, as `rules` predicates shared by every app.

Access is denied by default: a predicate answers True only for the roles and
areas named. Other apps combine these with their own object predicates.
"""

import rules

from .models import Role


def _has_role(user, role: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == role)


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_administrator)


@rules.predicate
def is_opcc_staff(user) -> bool:
    return _has_role(user, Role.OPCC_STAFF)


@rules.predicate
def is_panel_secretariat(user) -> bool:
    return _has_role(user, Role.PANEL_SECRETARIAT)


@rules.predicate
def is_panel_member(user) -> bool:
    return _has_role(user, Role.PANEL_MEMBER)


@rules.predicate
def is_partner_user(user) -> bool:
    return _has_role(user, Role.PARTNER)


@rules.predicate
def is_successor_officer(user) -> bool:
    return _has_role(user, Role.SUCCESSOR_OFFICER)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def in_object_area(user, obj) -> bool:
    """Check that the object's force area is one of the user's."""
    if obj is None or not user.is_authenticated:
        return False
    area_id = getattr(obj, "force_area_id", None)
    if area_id is None and obj.__class__.__name__ == "ForceArea":
        area_id = obj.pk
    return user.in_area(area_id)


is_area_staff = is_opcc_staff & in_object_area

rules.add_perm("accounts.view_force_area", is_administrator | (is_signed_in & in_object_area))


def can_view_force_area(user, area) -> bool:
    """Return whether the user may open the area's overview page."""
    return user.has_perm("accounts.view_force_area", area)


def can_edit_area_contact(user, area) -> bool:
    """Return whether the user may change the area's published contact details: its OPCC staff, or an administrator."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_administrator or (user.role == Role.OPCC_STAFF and user.in_area(area.pk))

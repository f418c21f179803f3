"""Who may do what in commissioning: plain functions returning a verdict."""

from pcc_portal.accounts.models import Role


def is_commissioner_staff(user, area_id: int | None) -> bool:
    """Return whether the user manages commissioning in the area (its OPCC staff, or an administrator)."""
    if not (user.is_authenticated and user.is_active) or area_id is None:
        return False
    if user.is_administrator:
        return True
    return user.role == Role.OPCC_STAFF and area_id in user.area_ids


def can_view_commissioning(user) -> bool:
    """Return whether the commissioning pages are in the user's navigation."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_administrator or user.role in {Role.OPCC_STAFF, Role.PARTNER}


def can_manage_stream(user, stream) -> bool:
    return is_commissioner_staff(user, stream.force_area_id)


def can_lock_allocation(user, allocation) -> bool:
    return is_commissioner_staff(user, allocation.stream.force_area_id) and allocation.status == "draft"


def can_edit_application(user, application, *, organisation=None) -> tuple[bool, str]:
    """Return whether the user may change the application now, and why not."""
    if application.status != application.Status.DRAFT:
        return False, "This application has been submitted and can no longer be changed."
    if application.round.has_closed():
        return False, "The round has closed, so this application can no longer be changed."
    if not application.round.is_open():
        return False, "The round is not open yet."
    if user.role != Role.PARTNER or organisation is None or organisation.pk != application.organisation_id:
        return False, "Only the applying organisation can change its application."
    return True, ""


def can_apply(user, round_, *, organisation) -> tuple[bool, str]:
    if user.role != Role.PARTNER or organisation is None:
        return False, "Only partner organisations can apply."
    if not round_.is_open():
        return False, "This round is not open for applications."
    return True, ""


def can_moderate(user, application) -> bool:
    return is_commissioner_staff(user, application.round.stream.force_area_id)


def can_manage_grant(user, grant) -> bool:
    return is_commissioner_staff(user, grant.force_area_id)


def can_submit_return(user, monitoring_return, *, organisation) -> tuple[bool, str]:
    if monitoring_return.status != monitoring_return.Status.DUE:
        return False, "This return has already been submitted."
    if organisation is None or organisation.pk != monitoring_return.grant.recipient_id:
        return False, "Only the grant's recipient submits its monitoring returns."
    return True, ""

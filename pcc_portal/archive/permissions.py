"""Who may take an area's whole record out of the portal: administrators and the area's OPCC staff."""

from pcc_portal.accounts.models import Role


def can_export_area(user, area) -> bool:
    if not (user.is_authenticated and user.is_active) or area is None:
        return False
    if user.is_administrator:
        return True
    return user.role == Role.OPCC_STAFF and area.pk in user.area_ids


def can_download_archive_job(user, job) -> bool:
    return bool(user.is_authenticated and job.requested_by_id == user.pk and can_export_area(user, job.area))

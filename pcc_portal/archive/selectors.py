from django.db.models import QuerySet

from pcc_portal.accounts.models import ForceArea, Role

from .models import ArchiveJob


def can_export_some_area(user) -> bool:
    """Check, without a query, whether the user may export the record of some area."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_administrator or (user.role == Role.OPCC_STAFF and bool(user.area_ids))


def exportable_areas_for(user) -> QuerySet[ForceArea]:
    """The force areas whose record the user may export."""
    if not (user.is_authenticated and user.is_active):
        return ForceArea.objects.none()
    if user.is_administrator:
        return ForceArea.objects.all()
    if user.role == Role.OPCC_STAFF:
        return ForceArea.objects.filter(pk__in=user.area_ids)
    return ForceArea.objects.none()


def archive_jobs_visible_to(user) -> QuerySet[ArchiveJob]:
    """The user's own packages, for areas they may still export."""
    return ArchiveJob.objects.filter(requested_by_id=user.pk, area__in=exportable_areas_for(user)).select_related(
        "area"
    )

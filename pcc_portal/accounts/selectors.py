"""Reads of users and force areas, always scoped to the asking user."""

from django.db.models import QuerySet

from .models import AreaContact, ForceArea, Role, User


def force_areas_visible_to(user) -> QuerySet[ForceArea]:
    """Return the force areas whose data the user may see."""
    if not user.is_authenticated or not user.is_active:
        return ForceArea.objects.none()
    if user.is_administrator:
        return ForceArea.objects.all()
    return ForceArea.objects.filter(pk__in=user.area_ids)


def users_in_area(*, area_id: int, roles: list[str] | None = None) -> QuerySet[User]:
    """Return active users of an area, optionally only those with given roles."""
    qs = User.objects.filter(is_active=True, force_areas=area_id)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.distinct()


def opcc_staff_in_area(area_id: int) -> QuerySet[User]:
    return users_in_area(area_id=area_id, roles=[Role.OPCC_STAFF])


def area_contacts_published() -> QuerySet[AreaContact]:
    """Return every area's published contact details: public on the legal pages."""
    return AreaContact.objects.select_related("force_area").order_by("force_area__name")


def area_contact_for(area: ForceArea) -> AreaContact | None:
    """Return the area's contact details, or None when none are saved yet."""
    return AreaContact.objects.filter(force_area=area).first()

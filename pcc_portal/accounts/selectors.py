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


def force_areas_listed_for(user) -> list[ForceArea]:
    """Return the force areas the user may see, as force_areas_visible_to does, read at once.

    For a user of some areas, the areas read give User.area_ids too: the pages that list the
    user's areas and then ask every app for the user's deadlines read them once, not twice.
    """
    if not user.is_authenticated or not user.is_active or user.is_administrator or "area_ids" in user.__dict__:
        return list(force_areas_visible_to(user))
    areas = list(user.force_areas.all())
    user.__dict__["area_ids"] = frozenset(area.pk for area in areas)  # the cached_property's value, as it reads it
    return areas


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

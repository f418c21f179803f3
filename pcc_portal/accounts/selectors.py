"""Reads of users and force areas, always scoped to the asking user."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery

from .models import AreaContact, ForceArea, Role, User


class _JoinedIds(Aggregate):
    """SQLite's group_concat: ids joined with commas (PostgreSQL reads them as an array instead)."""

    function = "GROUP_CONCAT"
    output_field = CharField()


def _area_ids_of_outer_user():
    through = User.force_areas.through.objects.filter(user_id=OuterRef("pk")).order_by()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        return ArraySubquery(through.values("forcearea_id"))
    return Subquery(through.values("user_id").annotate(ids=_JoinedIds("forcearea_id")).values("ids"))


def per_page_annotations() -> dict:
    """Return the values each app reads on every signed-in page, as annotations of a user query.

    Apps offer them through their ``signed_in_user_annotations`` hook: {attribute: expression
    on the user's row}; the user then carries each as an attribute.
    """
    from pcc_portal.core.registry import app_configs_with

    annotations = {}
    for config in app_configs_with("signed_in_user_annotations"):
        annotations.update(config.signed_in_user_annotations())
    return annotations


def _user_row(*, user_id: int) -> QuerySet:
    fields = [field.attname for field in User._meta.concrete_fields]
    return (
        User.objects.filter(pk=user_id)
        .order_by()
        .values(*fields, loaded_area_ids=_area_ids_of_outer_user(), **per_page_annotations())
    )


def user_for_request(user_id) -> User | None:
    """Return the user with their force area ids and every app's per-page values, in one query.

    Every signed-in request asks it: its SQL is compiled once per process (core.querytemplates).
    """
    from pcc_portal.core.querytemplates import template_rows

    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    rows = template_rows("accounts.user_for_request", _user_row, user_id=user_id)
    if not rows:
        return None
    row = rows[0]
    ids = row.pop("loaded_area_ids")
    if isinstance(ids, str):  # SQLite's "3,7"
        ids = ids.split(",")
    fields = [field.attname for field in User._meta.concrete_fields]
    user = User.from_db(User.objects.db, fields, [row.pop(name) for name in fields])
    user.__dict__["area_ids"] = frozenset(int(pk) for pk in ids or ())  # the cached_property's value
    for name, value in row.items():  # each app's per-page values
        setattr(user, name, value)
    return user


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

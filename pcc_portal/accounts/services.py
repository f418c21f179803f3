"""Writes to users: creation keeps role and admin access consistent."""

from collections.abc import Iterable

from django.db import transaction

from .models import AreaContact, ForceArea, Role, User


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    role: str,
    password: str | None = None,
    areas: Iterable[ForceArea] = (),
    job_title: str = "",
) -> User:
    """Create a user; only administrators get access to the Django admin."""
    is_admin = role == Role.ADMINISTRATOR
    user = User(
        email=User.objects.normalize_email(email).lower(),
        full_name=full_name,
        role=role,
        job_title=job_title,
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    user.force_areas.set(list(areas))
    return user


AREA_CONTACT_FIELDS = (
    "office_name",
    "address",
    "email",
    "phone",
    "dpo_name",
    "dpo_email",
    "dpo_phone",
    "response_days",
)


@transaction.atomic
def area_contact_save(*, area: ForceArea, data: dict) -> AreaContact:
    """Create or update the area's published contact details."""
    contact = AreaContact.objects.select_for_update().filter(force_area=area).first() or AreaContact(force_area=area)
    for field in AREA_CONTACT_FIELDS:
        setattr(contact, field, data[field])
    contact.full_clean()
    contact.save()
    return contact

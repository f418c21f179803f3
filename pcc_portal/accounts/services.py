"""Writes to users: creation keeps role and admin access consistent."""

from collections.abc import Iterable

from django.db import transaction

from .models import ForceArea, Role, User


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

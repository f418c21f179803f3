"""Writes to users: creation keeps role and admin access consistent."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import AccountInvitation, AreaContact, ForceArea, Role, User

logger = logging.getLogger(__name__)


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


@transaction.atomic
def account_invitation_create(*, user: User, invited_by: User | None) -> AccountInvitation:
    """Write the ledger row for a new user's invitation (the caller queues send_account_invitation)."""
    invitation, _ = AccountInvitation.objects.get_or_create(user=user, defaults={"invited_by": invited_by})
    return invitation


def account_invitation_send(*, invitation_id: int) -> bool:
    """Email the invitation with a link to choose a password; return whether it was sent now.

    The row is claimed with a conditional update before sending, so a repeated or
    concurrent run never sends it twice. The link is the password-reset link.
    """
    claimed = AccountInvitation.objects.filter(
        pk=invitation_id, status__in=[AccountInvitation.Status.PENDING, AccountInvitation.Status.FAILED]
    ).update(status=AccountInvitation.Status.SENDING)
    if not claimed:
        return False
    invitation = AccountInvitation.objects.select_related("user", "invited_by").get(pk=invitation_id)
    user = invitation.user
    link = settings.SITE_URL + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": link,
        "invited_by": invitation.invited_by,
        "areas": list(user.force_areas.values_list("name", flat=True)),
    }
    try:
        send_mail(
            subject="Your PCC Partnership Portal account",
            message=render_to_string("emails/accounts/invitation.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception as exc:  # the ledger records the failure; a later run retries
        logger.exception("Invitation %s to %s failed", invitation_id, user.email)
        AccountInvitation.objects.filter(pk=invitation_id).update(
            status=AccountInvitation.Status.FAILED, error=str(exc)[:500]
        )
        return False
    AccountInvitation.objects.filter(pk=invitation_id).update(
        status=AccountInvitation.Status.SENT, sent_at=timezone.now(), error=""
    )
    return True

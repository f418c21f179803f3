"""Writes: making, revoking and checking API tokens."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import ApiToken
from .permissions import can_hold_tokens

TOKEN_PREFIX = "pcc_"  # noqa: S105 - a marker that makes a leaked token recognisable, not a secret
# Recording every use would write on every request: a minute's precision is enough.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """Return the new token and its secret, which is never stored and never shown again."""
    if not can_hold_tokens(user):
        raise PermissionDenied
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip(), key_hash=hash_token(raw), prefix=raw[:8])
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def authenticate_token(raw: str) -> ApiToken | None:
    """Return the live token whose owner may still hold tokens, recording its use; None otherwise."""
    if not raw or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not can_hold_tokens(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

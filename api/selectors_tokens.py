"""Reads of API tokens: a user only ever sees their own."""

from django.db.models import QuerySet

from .models import ApiToken
from .permissions import can_hold_tokens


def tokens_of(user) -> QuerySet[ApiToken]:
    if not can_hold_tokens(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def live_tokens_of(user) -> QuerySet[ApiToken]:
    return tokens_of(user).filter(revoked_at__isnull=True)

"""Who may hold API tokens: OPCC staff and administrators."""

from pcc_portal.accounts.models import Role


def can_hold_tokens(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_administrator or user.role == Role.OPCC_STAFF)


def can_revoke_token(user, token) -> bool:
    return can_hold_tokens(user) and token.user_id == user.pk

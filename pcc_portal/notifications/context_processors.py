from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request) -> dict:
    """Add the signed-in user's unread count to every page: one query, made only if the page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}

"""Reads: a person's notifications and settings, and who may be told of an event."""

from django.contrib.auth import get_user_model
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery

from .models import Delivery, Notification, NotificationPreference
from .registry import Event, notification_kinds


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def notifications_for(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """Return the user's own notifications, newest first."""
    if not _signed_in(user):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


# The user attribute holding the unread count read with the signed-in user (accounts' user_for_request).
UNREAD_LOADED = "notifications_unread_loaded"


def unread_count_of_outer_user() -> Subquery:
    """Return the unread count of the user on the outer query's row, as an expression (a partial index)."""
    unread = Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True).order_by()
    # COUNT without GROUP BY: one row, 0 when there are none.
    return Subquery(unread.annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=IntegerField())


def unread_count(user) -> int:
    """Return how many of the user's notifications are unread: as read with the signed-in user, else one query."""
    if not _signed_in(user):
        return 0
    loaded = getattr(user, UNREAD_LOADED, None)
    if loaded is not None:
        return loaded
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def forget_loaded_unread_count(user) -> None:
    """Drop the count read with the user, so that this request reads it again after marking some read."""
    if hasattr(user, UNREAD_LOADED):
        delattr(user, UNREAD_LOADED)


def delivery_choices_of(user) -> dict[str, str]:
    """Return the user's choice for every kind ("email" where they have not chosen)."""
    chosen = {}
    if _signed_in(user):
        chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.code: chosen.get(kind.code, Delivery.EMAIL) for kind in notification_kinds()}


def recipients_of(event: Event, *, kind: str) -> list[tuple[int, str]]:
    """Return (user id, delivery) for each person to tell of the event.

    Only active people among the event's recipients, never the person who acted,
    and only those who belong to the event's force area: a second guard behind
    the owning app's selectors, so nobody in another area is ever told.
    """
    ids = set(event.recipient_ids) - {event.actor_id}
    if not ids:
        return []
    people = get_user_model().objects.filter(pk__in=ids, is_active=True)
    if event.area_id is not None:
        people = people.filter(force_areas=event.area_id)
    people_ids = set(people.values_list("pk", flat=True))
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=people_ids, kind=kind).values_list("user_id", "delivery")
    )
    return [(pk, chosen.get(pk, Delivery.EMAIL)) for pk in sorted(people_ids) if chosen.get(pk) != Delivery.OFF]

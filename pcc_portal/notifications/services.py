"""Writes: tell people of events once each, email them or gather a daily digest, mark as read.

Each event reaches each person once: the Notification row is the ledger, written
with INSERT ... ON CONFLICT DO NOTHING on its unique (recipient, key), so running
the task twice adds nothing. An email is claimed by a conditional update
(pending -> sent) before it goes and given back if sending fails; the daily
digest is one NotificationDigest row per person per day, claimed the same way.
This is the ledger pattern of the reminders (pcc_portal.deadlines) and of the
candidates' answers (handover.AnswerDelivery).
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from pcc_portal.deadlines.registry import LONDON

from . import dispatch
from .emails import digest_message, notification_message
from .models import Delivery, Notification, NotificationDigest, NotificationPreference
from .permissions import can_read_notification
from .registry import Event, notification_kind, notification_kinds
from .selectors import forget_loaded_unread_count, recipients_of

logger = logging.getLogger(__name__)

EMAIL_STATE = {
    Delivery.EMAIL: Notification.Email.PENDING,
    Delivery.DIGEST: Notification.Email.DIGEST,
    Delivery.PORTAL: Notification.Email.NONE,
}


def digest_hour() -> time:
    """Return the UK time after which the day's digest goes out (setting NOTIFICATIONS_DIGEST_AT)."""
    return getattr(settings, "NOTIFICATIONS_DIGEST_AT", time(7, 0))


# Telling people -------------------------------------------------------------------


def notify_on_commit(*, kind: str, object_id: int) -> None:
    """Tell the people concerned once the caller's transaction commits (the one line an app's service adds)."""
    notification_kind(kind)  # an unknown kind fails here, in the caller's tests, not later in a worker
    transaction.on_commit(lambda: dispatch.deliver(kind, object_id))


def notifications_record(*, kind: str, event: Event, is_illustrative: bool = False) -> int:
    """Write the event into each recipient's list (once); return how many people were newly told."""
    recipients = recipients_of(event, kind=kind)
    if not recipients:
        return 0
    before = Notification.objects.filter(key=event.key, recipient_id__in=[pk for pk, _ in recipients]).count()
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            key=event.key[:200],
            title=event.title[:300],
            summary=event.summary,
            url=event.url[:500],
            email=Notification.Email.NONE if is_illustrative else EMAIL_STATE[delivery],
            is_illustrative=is_illustrative,
        )
        for pk, delivery in recipients
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    after = Notification.objects.filter(key=event.key, recipient_id__in=[pk for pk, _ in recipients]).count()
    return after - before


def _claim(queryset, *, source: str, **changes) -> bool:
    """Move rows still in `source` (a conditional update: two runs never both win)."""
    return bool(queryset.filter(email=source).update(**changes))


def notifications_email_pending(*, key: str) -> int:
    """Email every notification of the event still waiting to be emailed; return how many were sent."""
    pending = list(
        Notification.objects.filter(key=key, email=Notification.Email.PENDING)
        .select_related("recipient")
        .order_by("pk")
    )
    sent, failure = 0, None
    with get_connection() as connection:
        for notification in pending:
            mine = Notification.objects.filter(pk=notification.pk)
            if not _claim(
                mine, source=Notification.Email.PENDING, email=Notification.Email.SENT, emailed_at=timezone.now()
            ):
                continue  # another run has it
            message = notification_message(notification)
            message.connection = connection
            try:
                message.send()
            except Exception as exc:  # given back, so the task's retry sends it
                logger.warning("Notification email to user %s failed: %s", notification.recipient_id, exc)
                _claim(mine, source=Notification.Email.SENT, email=Notification.Email.PENDING, emailed_at=None)
                failure = exc
                continue
            sent += 1
    if failure is not None:
        raise failure
    return sent


def notification_event_deliver(*, kind: str, object_id: int) -> int:
    """Tell everyone concerned of the event once, and email those who want it at once; return how many were told."""
    event = notification_kind(kind).event(object_id)
    if event is None:
        return 0
    told = notifications_record(kind=kind, event=event)
    notifications_email_pending(key=event.key[:200])
    return told


# The daily digest -----------------------------------------------------------------


@dataclass
class DigestResult:
    emails: int = 0
    lines: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _digest_send_one(*, recipient, day, now: datetime) -> int:
    """Claim the person's digest for the day with its lines, then send it; return the number of lines (0: none)."""
    with transaction.atomic():
        NotificationDigest.objects.bulk_create(
            [NotificationDigest(recipient=recipient, day=day)], ignore_conflicts=True
        )
        digest = NotificationDigest.objects.select_for_update(skip_locked=True).filter(
            recipient=recipient, day=day, sent_at__isnull=True
        )
        digest = digest.first()
        if digest is None:
            return 0  # sent already today, or being sent by another run
        lines = list(
            Notification.objects.filter(
                recipient=recipient, email=Notification.Email.DIGEST, created_at__lte=now
            ).order_by("created_at", "pk")
        )
        if not lines:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in lines]).update(
            email=Notification.Email.SENT, emailed_at=now, digest=digest
        )
        NotificationDigest.objects.filter(pk=digest.pk).update(sent_at=now, lines=len(lines))
    try:
        digest_message(recipient, lines).send()
    except Exception:
        # Given back: the lines wait for the next run, which claims the day again.
        with transaction.atomic():
            Notification.objects.filter(digest=digest).update(
                email=Notification.Email.DIGEST, emailed_at=None, digest=None
            )
            NotificationDigest.objects.filter(pk=digest.pk).update(sent_at=None, lines=0)
        raise
    return len(lines)


def digests_send(*, now: datetime | None = None) -> DigestResult:
    """Send each person who chose the digest one email a day, once the day's digest hour has come."""
    now = now or timezone.now()
    local = now.astimezone(LONDON)
    result = DigestResult()
    if local.time() < digest_hour():
        return result
    waiting = (
        Notification.objects.filter(email=Notification.Email.DIGEST, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for recipient in get_user_model().objects.filter(pk__in=waiting, is_active=True).order_by("pk"):
        try:
            lines = _digest_send_one(recipient=recipient, day=local.date(), now=now)
        except Exception as exc:
            logger.warning("Notification digest to user %s failed: %s", recipient.pk, exc)
            result.failed += 1
            continue
        if lines:
            result.emails += 1
            result.lines += lines
    return result


# The person's own list and settings -------------------------------------------


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of the user's notifications read (marking it twice changes nothing)."""
    if not can_read_notification(user, notification):
        raise PermissionDenied("That notification is not yours.")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    forget_loaded_unread_count(user)
    notification.refresh_from_db(fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; return how many."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    forget_loaded_unread_count(user)
    return marked


@transaction.atomic
def notification_preferences_update(*, user, choices: Mapping[str, str]) -> list[NotificationPreference]:
    """Save how the user hears of each kind (email at once, daily digest, list only, or off)."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied
    known = {kind.code for kind in notification_kinds()}
    unknown = set(choices) - known
    if unknown:
        raise ValidationError(f"Unknown kind of notification: {', '.join(sorted(unknown))}.")
    saved = []
    for code, delivery in choices.items():
        preference = NotificationPreference.objects.filter(user=user, kind=code).first()
        if preference is None:
            if delivery == Delivery.EMAIL:
                continue  # the default: no row needed
            preference = NotificationPreference(user=user, kind=code)
        elif preference.delivery == delivery:
            saved.append(preference)
            continue
        preference.delivery = delivery
        preference.full_clean()
        preference.save()
        saved.append(preference)
    return saved

"""Writes: reminder preferences, calendar feeds, and the reminder sweep.

The sweep sends each reminder exactly once, however many sweeps run at once
and however often a worker dies:

1. schedule: every reminder whose time has come is written to the ledger
   (INSERT ... ON CONFLICT DO NOTHING on the unique (deadline, recipient,
   lead) key), so a second sweep writes nothing new;
2. claim: a batch of pending rows is taken with SELECT ... FOR UPDATE SKIP
   LOCKED and stamped with this run's token and a lease; a concurrent sweep
   skips them;
3. deliver: each email is sent and its row marked sent at once, only while
   the claim is still this run's. A claim left by a crashed worker is taken
   again by a later sweep once its lease has run out.

No ETA or countdown tasks: the beat schedule runs a sweep every 15 minutes
and every reminder's time is worked out again from the deadline, in London
time, so clock changes need no special handling.
"""

import logging
import time as monotonic_time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import conf
from .emails import EmailBodies, digest_message, reminder_message
from .models import CalendarFeed, Reminder, ReminderPreference
from .registry import LONDON, Deadline, collect_deadlines

logger = logging.getLogger(__name__)


# Preferences and feeds -------------------------------------------------------------


@transaction.atomic
def reminder_preference_update(*, user, delivery: str, muted_kinds: Iterable[str]) -> ReminderPreference:
    """Save how the user wants to be reminded."""
    preference, _ = ReminderPreference.objects.select_for_update().get_or_create(user=user)
    preference.delivery = delivery
    preference.muted_kinds = sorted(set(muted_kinds))
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def calendar_feed_create(*, user) -> CalendarFeed:
    """Give the user a new private feed address, revoking the one they had."""
    calendar_feed_revoke(user=user)
    feed = CalendarFeed(user=user)
    feed.full_clean()
    feed.save()
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user) -> int:
    """Revoke the user's feed address: it answers 404 from now on."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def calendar_feed_touch(*, feed: CalendarFeed) -> None:
    """Note when the feed was last fetched (at most once a minute, to spare writes)."""
    now = timezone.now()
    if feed.last_fetched_at is None or now - feed.last_fetched_at > timedelta(minutes=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)


# The sweep ------------------------------------------------------------------------


def lead_label(days: int) -> str:
    return f"{days}d"


def send_time(*, due: datetime, lead_days: int) -> datetime:
    """Return when the reminder `lead_days` before `due` goes out: the set hour, London time.

    The calendar date is taken in London and the hour attached in London, so
    the reminder for the Monday after a clock change still goes at 09:00 local.
    """
    day: date = due.astimezone(LONDON).date() - timedelta(days=lead_days)
    return datetime.combine(day, conf.get("DEADLINES_SEND_AT"), tzinfo=LONDON)


@dataclass
class SweepResult:
    scheduled: int = 0
    superseded: int = 0
    sent: int = 0
    emails: int = 0
    failed: int = 0
    unfinished: bool = False

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _recipients(ids: set[int]) -> dict[int, ReminderPreference | None]:
    """Return the active users among `ids`, each with their preference (or None)."""
    from django.contrib.auth import get_user_model

    active = set(get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    preferences = {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=active)}
    return {pk: preferences.get(pk) for pk in active}


def _ledger_row(item: Deadline, *, recipient_id: int, lead: str, send_at: datetime, **extra) -> Reminder:
    return Reminder(
        deadline_key=item.key,
        recipient_id=recipient_id,
        lead=lead,
        kind=item.kind,
        kind_label=item.kind_label[:200],
        title=item.title[:300],
        url=item.url[:500],
        responsible=item.responsible[:200],
        area_id=item.area_id,
        due=item.due,
        send_at=send_at,
        **extra,
    )


def reminders_schedule(*, now: datetime) -> tuple[int, int]:
    """Write to the ledger every reminder and escalation whose time has come; return (new, superseded).

    Rows already in the ledger are left alone (the unique key), so running
    this twice, or in two sweeps at once, adds nothing.
    """
    leads = sorted(set(conf.get("DEADLINES_LEAD_DAYS")))
    catch_up: timedelta = conf.get("DEADLINES_CATCH_UP")
    escalate_after: timedelta = conf.get("DEADLINES_ESCALATE_AFTER")
    earliest = now - catch_up
    today = now.astimezone(LONDON).date()
    first_day = datetime.combine(earliest.astimezone(LONDON).date(), datetime.min.time(), tzinfo=LONDON)
    start = min(first_day, earliest - escalate_after)
    end = datetime.combine(today + timedelta(days=max(leads) + 1), datetime.min.time(), tzinfo=LONDON)

    # (deadline, [lead days due now], escalation due now)
    due_now: list[tuple[Deadline, list[int], bool]] = []
    people: set[int] = set()
    for item in collect_deadlines(start=start, end=end, strict=False):
        if item.done:
            continue
        lead_days = [
            days
            for days in leads
            if item.due > now and earliest < send_time(due=item.due, lead_days=days) <= now and item.recipient_ids
        ]
        escalate = bool(item.escalate_to_ids) and earliest < item.due + escalate_after <= now
        if lead_days or escalate:
            due_now.append((item, lead_days, escalate))
            people |= set(item.recipient_ids) if lead_days else set()
            people |= set(item.escalate_to_ids) if escalate else set()
    if not due_now:
        return 0, 0

    recipients = _recipients(people)
    existing = set(
        Reminder.objects.filter(send_at__gt=earliest).values_list("deadline_key", "recipient_id", "lead").iterator()
    )
    rows: list[Reminder] = []
    superseded = 0
    for item, lead_days, escalate in due_now:
        for recipient_id in item.recipient_ids if lead_days else ():
            if recipient_id not in recipients:
                continue
            preference = recipients[recipient_id]
            if preference and item.kind in preference.muted_kinds:
                continue
            delivery = Reminder.Delivery.DIGEST if preference and preference.delivery == "digest" else "each"
            # Only the nearest reminder goes out; earlier ones missed together are recorded, not sent.
            for days in lead_days:
                lead = lead_label(days)
                if (item.key, recipient_id, lead) in existing:
                    continue
                status = Reminder.Status.PENDING if days == lead_days[0] else Reminder.Status.SUPERSEDED
                superseded += status == Reminder.Status.SUPERSEDED
                send_at = send_time(due=item.due, lead_days=days)
                rows.append(
                    _ledger_row(
                        item, recipient_id=recipient_id, lead=lead, send_at=send_at, delivery=delivery, status=status
                    )
                )
        for recipient_id in item.escalate_to_ids if escalate else ():
            if recipient_id in recipients and (item.key, recipient_id, Reminder.ESCALATION) not in existing:
                send_at = item.due + escalate_after
                rows.append(_ledger_row(item, recipient_id=recipient_id, lead=Reminder.ESCALATION, send_at=send_at))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows), superseded


def _transition(queryset, *, source: str, target: str, **fields) -> int:
    """Move the rows still in `source` to `target` (a conditional update, safe against races)."""
    if target not in Reminder.TRANSITIONS[source]:
        raise ValueError(f"A reminder cannot go from {source} to {target}.")
    return queryset.filter(status=source).update(status=target, **fields)


def _claimable(now: datetime) -> Q:
    lease_cutoff = now - conf.get("DEADLINES_CLAIM_LEASE")
    return Q(status=Reminder.Status.PENDING, send_at__lte=now) | Q(
        status=Reminder.Status.CLAIMED, claimed_at__lt=lease_cutoff
    )


def reminders_claim(*, now: datetime, run: uuid.UUID, limit: int) -> list[Reminder]:
    """Claim up to `limit` reminders for this run (with all pending digest lines of the same people)."""
    max_attempts = conf.get("DEADLINES_MAX_ATTEMPTS")
    lease_cutoff = now - conf.get("DEADLINES_CLAIM_LEASE")
    with transaction.atomic():
        # A claim that has failed too often stops being retried.
        _transition(
            Reminder.objects.filter(claimed_at__lt=lease_cutoff, attempts__gte=max_attempts),
            source=Reminder.Status.CLAIMED,
            target=Reminder.Status.FAILED,
        )
        claimable = Reminder.objects.select_for_update(skip_locked=True).filter(_claimable(now))
        rows = list(
            claimable.order_by("recipient_id", "send_at", "pk").values_list("pk", "recipient_id", "delivery")[:limit]
        )
        ids = [pk for pk, _, _ in rows]
        digest_people = {person for _, person, delivery in rows if delivery == Reminder.Delivery.DIGEST}
        if digest_people:
            more = claimable.filter(recipient_id__in=digest_people, delivery=Reminder.Delivery.DIGEST)
            ids.extend(more.exclude(pk__in=ids).values_list("pk", flat=True))
        if not ids:
            return []
        claim = {"claim_token": run, "claimed_at": now, "attempts": F("attempts") + 1}
        ours = Reminder.objects.filter(pk__in=ids)
        # A lapsed claim taken over, then the new ones (which the first update cannot touch).
        _transition(
            ours.filter(claimed_at__lt=lease_cutoff),
            source=Reminder.Status.CLAIMED,
            target=Reminder.Status.CLAIMED,
            **claim,
        )
        _transition(ours, source=Reminder.Status.PENDING, target=Reminder.Status.CLAIMED, **claim)
    return list(
        Reminder.objects.filter(pk__in=ids, claim_token=run)
        .select_related("recipient")
        .order_by("recipient_id", "due", "pk")
    )


class _SentMarker:
    """Mark one email's rows sent: a single committed conditional UPDATE, its SQL written once.

    The ORM would compile the same UPDATE again for every email, which cost more than running it.
    Only rows still claimed by this run move (the same transition as `_transition`, checked once).
    """

    def __init__(self, *, run: uuid.UUID):
        if Reminder.Status.SENT not in Reminder.TRANSITIONS[Reminder.Status.CLAIMED]:
            raise ValueError("A claimed reminder cannot be marked sent.")
        self.run = run
        self.table = connection.ops.quote_name(Reminder._meta.db_table)
        self.sql: dict[int, str] = {}  # by number of rows in the email

    def __call__(self, cursor, ids: list[int], *, sent_at: datetime) -> int:
        sql = self.sql.get(len(ids))
        if sql is None:
            # Only the model's own table name is spliced in; every value is a parameter.
            sql = self.sql[len(ids)] = (
                f"UPDATE {self.table} SET status = %s, sent_at = %s, last_error = '' "  # noqa: S608
                f"WHERE id IN ({', '.join(['%s'] * len(ids))}) AND claim_token = %s AND status = %s"
            )
        cursor.execute(sql, [Reminder.Status.SENT, sent_at, *ids, self.run, Reminder.Status.CLAIMED])
        return cursor.rowcount


def _deliver(
    claimed: list[Reminder],
    *,
    run: uuid.UUID,
    clock: Callable[[], datetime],
    result: SweepResult,
    bodies: EmailBodies,
    mark_sent: _SentMarker,
) -> None:
    """Send the claimed reminders, marking each sent the moment it has gone (autocommit: one UPDATE each)."""
    lease: timedelta = conf.get("DEADLINES_CLAIM_LEASE")
    claimed_at = clock()
    groups: list[list[Reminder]] = []
    digests: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in claimed:
        if reminder.delivery == Reminder.Delivery.DIGEST and not reminder.is_escalation:
            digests[reminder.recipient_id].append(reminder)
        else:
            groups.append([reminder])
    groups.extend(digests.values())

    def still_mine(ids: list[int]):
        return Reminder.objects.filter(pk__in=ids, claim_token=run, status=Reminder.Status.CLAIMED)

    email = get_connection()
    with email, connection.cursor() as cursor:
        for group in groups:
            ids = [r.pk for r in group]
            if clock() - claimed_at > lease / 2:
                # Renew the lease before it could run out, and drop anything no longer ours.
                claimed_at = clock()
                still_mine(ids).update(claimed_at=claimed_at)
                ours = set(still_mine(ids).values_list("pk", flat=True))
                group = [r for r in group if r.pk in ours]
                if not group:
                    continue
                ids = [r.pk for r in group]
            if len(group) > 1 or group[0].delivery == Reminder.Delivery.DIGEST:
                message = digest_message(group)
            else:
                message = reminder_message(group[0], bodies=bodies)
            message.connection = email
            try:
                message.send()
            except Exception as exc:
                # Left claimed: another sweep retries once the lease runs out.
                logger.warning("Reminder email to user %s failed: %s", group[0].recipient_id, exc)
                still_mine(ids).update(last_error=str(exc)[:2000])
                result.failed += len(group)
                continue
            result.sent += mark_sent(cursor, ids, sent_at=clock())
            result.emails += 1


def reminders_sweep(*, now: datetime | None = None) -> SweepResult:
    """Write due reminders to the ledger and send every one not yet sent, once."""
    started = monotonic_time.monotonic()
    base = now or timezone.now()

    def clock() -> datetime:
        return base + timedelta(seconds=monotonic_time.monotonic() - started)

    if timezone.is_naive(base):
        raise ValidationError("The sweep needs an aware time.")
    result = SweepResult()
    result.scheduled, result.superseded = reminders_schedule(now=base)
    budget: timedelta = conf.get("DEADLINES_SWEEP_BUDGET")
    run = uuid.uuid4()
    bodies = EmailBodies()
    mark_sent = _SentMarker(run=run)
    while True:
        if clock() - base > budget:
            result.unfinished = True  # the next sweep carries on
            break
        claimed = reminders_claim(now=clock(), run=run, limit=conf.get("DEADLINES_BATCH_SIZE"))
        if not claimed:
            break
        _deliver(claimed, run=run, clock=clock, result=result, bodies=bodies, mark_sent=mark_sent)
    return result

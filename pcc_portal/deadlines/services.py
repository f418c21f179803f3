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

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.db.models.constants import OnConflict
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


def _recipients(ids: set[int]) -> dict[int, tuple[AbstractBaseUser, ReminderPreference | None]]:
    """Return the active users among `ids`, each with their preference (or None)."""
    from django.contrib.auth import get_user_model

    active = {user.pk: user for user in get_user_model().objects.filter(pk__in=ids, is_active=True)}
    preferences = {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=active)}
    return {pk: (user, preferences.get(pk)) for pk, user in active.items()}


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


def _due_rows(*, now: datetime) -> tuple[list[Reminder], int, dict[int, AbstractBaseUser]]:
    """Return the ledger rows of every reminder and escalation whose time has come and is not yet written.

    Also return how many of them are superseded, and the people they go to.
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
        return [], 0, {}

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
            _, preference = recipients[recipient_id]
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
    return rows, superseded, {pk: user for pk, (user, _) in recipients.items()}


class _LedgerInsert:
    """INSERT ... ON CONFLICT DO NOTHING of ledger rows, its SQL written once for each number of rows.

    `bulk_create(ignore_conflicts=True)` compiles every value of every row through the ORM, which cost
    more than the insert itself; here each value goes in as it is, and only dates and the claim token
    are adapted for the database (memoised: a morning's rows share a few of each). The conflict clause
    comes from the backend, as in `bulk_create` (ON CONFLICT DO NOTHING, or INSERT OR IGNORE on SQLite).
    """

    def __init__(self) -> None:
        self.fields = [f for f in Reminder._meta.concrete_fields if not f.primary_key]
        self.adapted: list[bool] = []
        for field in self.fields:
            if isinstance(field, models.DateTimeField | models.UUIDField) or field.choices:
                self.adapted.append(True)  # choices too: a TextChoices member goes in as its value
            elif isinstance(field, models.CharField | models.TextField | models.IntegerField | models.ForeignKey):
                self.adapted.append(False)  # the row holds the value as the database takes it
            else:
                raise TypeError(f"Say how the ledger's field {field.name} is written in one statement.")
        self.sql: dict[tuple[int, bool], str] = {}
        self.memo: dict[tuple[str, object], object] = {}

    def batch_size(self, count: int) -> int:
        if connection.vendor == "postgresql":
            return max(count, 1)  # one array per column: the statement's length does not grow with the rows
        return connection.ops.bulk_batch_size(self.fields, [None] * count) or 1

    def _sql(self, count: int, *, returning: bool) -> str:
        postgresql = connection.vendor == "postgresql"
        sql = self.sql.get((0 if postgresql else count, returning))
        if sql is None:
            ops = connection.ops
            pk = Reminder._meta.pk
            key = [Reminder._meta.get_field(name) for name in ("deadline_key", "recipient", "lead")]
            if postgresql:
                # A statement with a placeholder for every value was parsed again by psycopg each time
                # (it caches only statements of at most 50 parameters): that cost more than the insert.
                arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in self.fields)
                values = f"SELECT * FROM unnest({arrays})"  # noqa: S608 - column types only
            else:
                row = f"({', '.join(['%s'] * len(self.fields))})"
                values = f"VALUES {', '.join([row] * count)}"
            # Only the model's own table and column names are spliced in; every value is a parameter.
            sql = (
                f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(Reminder._meta.db_table)} "
                f"({', '.join(ops.quote_name(f.column) for f in self.fields)}) {values} "
                f"{ops.on_conflict_suffix_sql(self.fields, OnConflict.IGNORE, None, None)} "
                f"{ops.return_insert_columns([pk, *key])[0] if returning else ''}"
            )
            self.sql[(0 if postgresql else count, returning)] = sql
        return sql

    def _value(self, field: models.Field, value):
        if value is None:
            return None
        memo_key = (field.attname, value)
        adapted = self.memo.get(memo_key)
        if adapted is None:
            adapted = self.memo[memo_key] = field.get_db_prep_save(value, connection)
        return adapted

    def __call__(self, rows: list[Reminder], *, returning: bool = False) -> list[Reminder]:
        """Write `rows` (skipping any whose key is taken); with `returning`, return those written, with pks."""
        written: list[Reminder] = []
        created_at = timezone.now()
        size = self.batch_size(len(rows))
        by_column = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), size):
                batch = rows[start : start + size]
                values = []
                for row in batch:
                    row.created_at = created_at
                    for field, adapted in zip(self.fields, self.adapted, strict=True):
                        value = getattr(row, field.attname)
                        values.append(self._value(field, value) if adapted else value)
                width = len(self.fields)
                params = [values[n::width] for n in range(width)] if by_column else values
                cursor.execute(self._sql(len(batch), returning=returning), params)
                if returning:
                    ids = {(key, recipient, lead): pk for pk, key, recipient, lead in cursor.fetchall()}
                    for row in batch:
                        row.pk = ids.get((row.deadline_key, row.recipient_id, row.lead))
                        if row.pk is not None:
                            row._state.adding = False
                            written.append(row)
        return written


def reminders_schedule(*, now: datetime) -> tuple[int, int]:
    """Write to the ledger every reminder and escalation whose time has come; return (new, superseded).

    Rows already in the ledger are left alone (the unique key), so running
    this twice, or in two sweeps at once, adds nothing.
    """
    rows, superseded, _ = _due_rows(now=now)
    _LedgerInsert()(rows)
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
        # Adapted as the ORM would: SQLite takes neither a UUID nor an aware datetime as they are.
        self.run = Reminder._meta.get_field("claim_token").get_db_prep_value(run, connection)
        self.sent_at = Reminder._meta.get_field("sent_at")
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
        sent_at = self.sent_at.get_db_prep_value(sent_at, connection)
        cursor.execute(sql, [Reminder.Status.SENT.value, sent_at, *ids, self.run, Reminder.Status.CLAIMED.value])
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
    """Write due reminders to the ledger and send every one not yet sent, once.

    The reminders of this sweep that go out one by one are written already claimed by it (in
    batches, each with its own lease, as a claim would), so they need no claim of their own;
    a sweep that dies leaves them claimed, and a later sweep takes them once the lease runs out.
    Digest lines and anything left pending (or by a dead sweep) go through `reminders_claim`.
    """
    started = monotonic_time.monotonic()
    base = now or timezone.now()

    def clock() -> datetime:
        return base + timedelta(seconds=monotonic_time.monotonic() - started)

    if timezone.is_naive(base):
        raise ValidationError("The sweep needs an aware time.")
    result = SweepResult()
    budget: timedelta = conf.get("DEADLINES_SWEEP_BUDGET")
    batch_size = conf.get("DEADLINES_BATCH_SIZE")
    run = uuid.uuid4()
    bodies = EmailBodies()
    mark_sent = _SentMarker(run=run)
    write = _LedgerInsert()

    rows, result.superseded, people = _due_rows(now=base)
    result.scheduled = len(rows)
    ours, rest = [], []
    for row in rows:
        single = row.status == Reminder.Status.PENDING and row.delivery == Reminder.Delivery.EACH
        (ours if single and connection.features.can_return_rows_from_bulk_insert else rest).append(row)
    write(rest)
    for start in range(0, len(ours), batch_size):
        if clock() - base > budget:
            write(ours[start:])  # pending: the next sweep sends them
            result.unfinished = True
            return result
        claimed_at = clock()
        batch = ours[start : start + batch_size]
        for row in batch:
            row.status, row.claim_token, row.claimed_at, row.attempts = Reminder.Status.CLAIMED, run, claimed_at, 1
        claimed = write(batch, returning=True)
        for row in claimed:
            row.recipient = people[row.recipient_id]
        _deliver(claimed, run=run, clock=clock, result=result, bodies=bodies, mark_sent=mark_sent)

    while True:
        if clock() - base > budget:
            result.unfinished = True  # the next sweep carries on
            break
        claimed = reminders_claim(now=clock(), run=run, limit=batch_size)
        if not claimed:
            break
        _deliver(claimed, run=run, clock=clock, result=result, bodies=bodies, mark_sent=mark_sent)
    return result

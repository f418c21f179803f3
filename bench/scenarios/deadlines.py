"""Deadlines: the reminder sweep for 10,000 deadlines with 5 recipients each; what's due and feeds.

The domain apps contribute the real deadlines; here a bench-only source
stands in for them (registered into the deadline registry for the run).
The sweep is timed in build() and printed; it is not a page.
"""

import os
import time
from collections import defaultdict
from datetime import datetime, timedelta

from django.test import Client, override_settings

from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines import registry
from pcc_portal.deadlines.models import CalendarFeed, Reminder
from pcc_portal.deadlines.registry import LONDON, Deadline
from pcc_portal.deadlines.services import reminders_sweep

DEADLINES = 10_000
RECIPIENTS_EACH = 5
DUE = datetime(2026, 12, 18, 17, 0, tzinfo=LONDON)
SWEEP_AT = datetime(2026, 12, 11, 9, 0, tzinfo=LONDON)  # the 7-day reminders of every deadline fall due
KINDS = [
    ("plans.issue", "Plan issue"),
    ("panels.papers", "Panel papers due"),
    ("commissioning.return", "Monitoring return"),
]


class BenchSource:
    """Answers like an app's hook, indexed by recipient so a user's lookup is cheap."""

    def __init__(self, items: list[Deadline]):
        self.items = items
        self.by_user: dict[int, list[Deadline]] = defaultdict(list)
        for item in items:
            for pk in item.recipient_ids:
                self.by_user[pk].append(item)

    def deadlines(self, *, start, end, user=None):
        pool = self.items if user is None else self.by_user.get(user.pk, [])
        return [d for d in pool if start <= d.due < end]


_source: BenchSource | None = None
sweep_measured: dict | None = None  # read by bench/run.py: the first sweep, timed against one committed UPDATE


def _install(source: BenchSource) -> None:
    global _source
    _source = source
    real = registry.app_configs_with

    def with_bench(hook: str):
        yield from real(hook)
        if hook == "deadlines" and _source is not None:
            yield _source

    registry.app_configs_with = with_bench


def _deadlines(staff: list[User], *, due: datetime, spread_days: int = 0) -> list[Deadline]:
    items = []
    for n in range(DEADLINES):
        first = (n * RECIPIENTS_EACH) % len(staff)
        people = [staff[(first + i) % len(staff)] for i in range(RECIPIENTS_EACH)]
        kind, label = KINDS[n % len(KINDS)]
        items.append(
            Deadline(
                key=f"{kind}:{n}",
                kind=kind,
                kind_label=label,
                title=f"Bench deadline {n}",
                due=due + timedelta(days=n % spread_days if spread_days else 0, minutes=n % 360),
                url=f"/bench/{n}/",
                area_id=next(iter(people[0].area_ids), None),
                responsible="OPCC",
                recipient_ids=frozenset(p.pk for p in people),
                escalate_to_ids=frozenset({people[0].pk}),
            )
        )
    return items


def build() -> None:
    staff = list(User.objects.filter(role=Role.OPCC_STAFF).prefetch_related("force_areas").order_by("pk"))
    for user in staff:
        user.__dict__["area_ids"] = frozenset(a.pk for a in user.force_areas.all())
    _install(BenchSource(_deadlines(staff, due=DUE)))
    quiet = {
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DEADLINES_SWEEP_BUDGET": timedelta(hours=2),
    }
    if os.environ.get("BENCH_SKIP_SWEEP") == "1":  # bench/load.py: only the pages' data
        _install(BenchSource(_deadlines(staff, due=datetime.now(tz=LONDON) - timedelta(days=5), spread_days=40)))
        CalendarFeed.objects.create(user=staff[0])
        return
    with override_settings(**quiet):
        start = time.perf_counter()
        first = reminders_sweep(now=SWEEP_AT)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = reminders_sweep(now=SWEEP_AT + timedelta(minutes=15))
        second_s = time.perf_counter() - start
    print(
        f"  sweep: {DEADLINES:,} deadlines x {RECIPIENTS_EACH} recipients: {first.sent:,} reminders "
        f"({first.emails:,} emails) in {first_s:.1f} s ({first_s / max(first.sent, 1) * 1000:.2f} ms each)"
        f"{' UNFINISHED' if first.unfinished else ''}"
    )
    global sweep_measured
    sweep_measured = {"reminders": first.sent, "emails": first.emails, "seconds": round(first_s, 3),
                      "unfinished": bool(first.unfinished), "again_s": round(second_s, 3)}  # fmt: skip
    print(f"  sweep again 15 minutes later (nothing new to send): {second.sent} sent in {second_s:.2f} s")
    bench_keys = [f"{kind}:{n}" for n in range(DEADLINES) for kind in [KINDS[n % len(KINDS)][0]]]
    sent = Reminder.objects.filter(status=Reminder.Status.SENT, deadline_key__in=bench_keys).count()
    assert sent == DEADLINES * RECIPIENTS_EACH, sent

    # For the pages: the same deadlines moved to around today, so "what's due" is full.
    now = datetime.now(tz=LONDON)
    _install(BenchSource(_deadlines(staff, due=now - timedelta(days=5), spread_days=40)))
    CalendarFeed.objects.create(user=staff[0])


def pages():
    user = User.objects.filter(role=Role.OPCC_STAFF).order_by("pk").first()
    client = Client()
    client.force_login(user)
    feed = CalendarFeed.objects.get(user=user, revoked_at__isnull=True)
    return [
        ("what's due (staff, every deadline of the bench data: over 600 items)", client, "/deadlines/"),
        ("what's due filtered by kind", client, "/deadlines/?kind=plans.issue"),
        ("reminder settings", client, "/deadlines/settings/"),
        ("private calendar feed", Client(), feed.get_absolute_url()),
        ("public meetings feed", Client(), "/deadlines/meetings.ics"),
        ("reminder ledger in admin (50,000 rows)", _admin_client(), "/admin/deadlines/reminder/"),
    ]


def _admin_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(email="bench-admin@bench.example.org"))
    return client

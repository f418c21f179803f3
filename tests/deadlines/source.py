"""A tests-only source of deadlines and calendar events, standing in for the domain apps.

`FakeSource` behaves like an app's AppConfig hooks; the `deadline_source`
fixture adds it to the registry for one test. `write_source_file` and
`FileSource` carry the same items to a Celery worker in another process.
"""

import json
import os
from dataclasses import dataclass, field
from datetime import datetime

from pcc_portal.deadlines.registry import CalendarEvent, Deadline

SOURCE_FILE_ENV = "DEADLINES_TEST_SOURCE"


def make_deadline(*, key: str, due: datetime, recipients=(), escalate_to=(), area=None, **extra) -> Deadline:
    kind = key.split(":")[0]
    values = {
        "key": key,
        "kind": kind,
        "kind_label": extra.pop("kind_label", kind.replace(".", " ").capitalize()),
        "title": extra.pop("title", f"Deadline {key}"),
        "due": due,
        "url": extra.pop("url", f"/things/{key.split(':')[1]}/"),
        "area_id": area.pk if area is not None else None,
        "responsible": extra.pop("responsible", "OPCC"),
        "recipient_ids": frozenset(u.pk for u in recipients),
        "escalate_to_ids": frozenset(u.pk for u in escalate_to),
    }
    return Deadline(**values, **extra)


def any_deadlines(*, texts, instants: list[datetime], kinds=("plans.issue",), urls=("/plans/1/",)):
    """Return a hypothesis strategy of deadlines whose label, title and who is responsible are `texts`, due at one
    of `instants` (a list may hold the same instant as one object and as several), of `kinds`, linking to `urls`."""
    from hypothesis import strategies as st

    return st.builds(
        lambda n, kind, label, title, due, url, responsible, done: make_deadline(
            key=f"{kind}:{n}", due=due, kind_label=label, title=title, url=url, responsible=responsible, done=done
        ),
        n=st.integers(0, 10**6),
        kind=st.sampled_from(kinds),
        label=texts,
        title=texts,
        due=st.sampled_from(instants),
        url=st.sampled_from(urls),
        responsible=texts,
        done=st.booleans(),
    )


@dataclass
class FakeSource:
    """An app's hooks: filters by time, and by recipient unless told to leak everything."""

    items: list[Deadline] = field(default_factory=list)
    events: list[CalendarEvent] = field(default_factory=list)
    public_event_keys: set[str] = field(default_factory=set)
    leaky: bool = False  # a buggy app that ignores `user`: the portal must still not leak
    calls: int = 0

    def add(self, **kwargs) -> Deadline:
        item = make_deadline(**kwargs)
        self.items.append(item)
        return item

    def deadlines(self, *, start, end, user=None):
        self.calls += 1
        for item in self.items:
            if start <= item.due < end and (user is None or self.leaky or user.pk in item.recipient_ids):
                yield item

    def calendar_events(self, *, start, end, user=None):
        for event in self.events:
            if not start <= event.start < end:
                continue
            if user is None and event.key not in self.public_event_keys:
                continue
            if user is not None and not self.leaky and not user.in_area(event.area_id):
                continue
            yield event


def install_fake_source(monkeypatch) -> FakeSource:
    """Add a fake app to the deadline registry, alongside the real apps, until the test ends."""
    from pcc_portal.deadlines import registry

    source = FakeSource()
    real = registry.app_configs_with

    def with_fake(hook: str):
        yield from real(hook)
        if hook in {"deadlines", "calendar_events"}:
            yield source

    monkeypatch.setattr(registry, "app_configs_with", with_fake)
    return source


def write_source_file(path, items: list[Deadline]) -> None:
    rows = [
        {
            **{k: getattr(d, k) for k in ("key", "kind", "kind_label", "title", "url", "area_id", "responsible")},
            "due": d.due.isoformat(),
            "recipient_ids": sorted(d.recipient_ids),
            "escalate_to_ids": sorted(d.escalate_to_ids),
        }
        for d in items
    ]
    with open(path, "w") as handle:
        json.dump(rows, handle)


def read_source_file(path) -> list[Deadline]:
    with open(path) as handle:
        rows = json.load(handle)
    return [
        Deadline(
            **{k: row[k] for k in ("key", "kind", "kind_label", "title", "url", "area_id", "responsible")},
            due=datetime.fromisoformat(row["due"]),
            recipient_ids=frozenset(row["recipient_ids"]),
            escalate_to_ids=frozenset(row["escalate_to_ids"]),
        )
        for row in rows
    ]


class FileSource:
    """Deadlines read from the JSON file named by $DEADLINES_TEST_SOURCE (for a worker process)."""

    def deadlines(self, *, start, end, user=None):
        path = os.environ.get(SOURCE_FILE_ENV)
        if not path or not os.path.exists(path):
            return []
        return [
            d for d in read_source_file(path) if start <= d.due < end and (user is None or user.pk in d.recipient_ids)
        ]

"""The change history of a version: who changed what, and when (django-simple-history)."""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge

from .models import Comment, Objective, Plan, PlanVersion, Priority, Section

ACTIONS = {"+": "Added", "~": "Changed", "-": "Removed"}
HIDDEN_FIELDS = {"id", "version", "plan", "created_at", "created_by", "quote_start", "quote_end"}
LIMIT = 500


@dataclass(frozen=True)
class Entry:
    when: datetime
    who: str
    action: str
    what: str
    name: str
    fields: tuple[str, ...]
    reason: str


def _entries(records, what: str, name_field: str, field_labels: dict[str, str]):
    previous = {}
    # Oldest first, so each record can be compared with the one before it.
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        fields: tuple[str, ...] = ()
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before)
            fields = tuple(field_labels.get(c.field, c.field) for c in delta.changes if c.field not in HIDDEN_FIELDS)
        previous[record.id] = record
        user = record.history_user
        yield Entry(
            when=record.history_date,
            who=(user.full_name or user.email) if user else "System",
            action=ACTIONS.get(record.history_type, record.history_type),
            what=what,
            name=str(getattr(record, name_field, "")),
            fields=fields,
            reason=record.history_change_reason or "",
        )


def _labels(model) -> dict[str, str]:
    return {f.name: str(f.verbose_name) for f in model._meta.fields}


def version_history(version: PlanVersion) -> list[Entry]:
    """Return every recorded change to the plan, the version and its contents, newest first."""
    sources = [
        (Plan.history.filter(id=version.plan_id), "Plan", "title", Plan),
        (PlanVersion.history.filter(id=version.pk), "Version", "label", PlanVersion),
        (Section.history.filter(version_id=version.pk), "Section", "heading", Section),
        (Priority.history.filter(version_id=version.pk), "Priority", "title", Priority),
        (Objective.history.filter(version_id=version.pk), "Objective", "title", Objective),
        (Comment.history.filter(version_id=version.pk), "Comment", "body", Comment),
    ]
    streams = []
    for records, what, name_field, model in sources:
        rows = list(records.select_related("history_user").order_by("-history_date")[:LIMIT])
        entries = list(_entries(rows, what, name_field, _labels(model)))
        streams.append(sorted(entries, key=lambda e: e.when, reverse=True))
    merged = list(merge(*streams, key=lambda e: e.when, reverse=True))
    for index, entry in enumerate(merged):
        if entry.what == "Comment" and len(entry.name) > 80:
            merged[index] = Entry(**{**entry.__dict__, "name": entry.name[:77] + "…"})
    return merged[:LIMIT]

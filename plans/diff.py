"""What changed between two versions: sections matched by key, words marked inserted or deleted."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Objective, PlanVersion, Priority, Section
from .selectors import version_parts

TOKENS = re.compile(r"\s+|[\w’']+|[^\w\s]", re.UNICODE)


class Change:
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"

    LABELS = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed", UNCHANGED: "Unchanged"}


@dataclass
class SectionDiff:
    key: str
    heading: str
    change: str
    old_heading: str = ""
    html: SafeString = field(default_factory=lambda: mark_safe(""))
    insertions: int = 0
    deletions: int = 0

    @property
    def label(self) -> str:
        return Change.LABELS[self.change]


@dataclass
class ItemDiff:
    key: str
    title: str
    change: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Change.LABELS[self.change]


def _marked(tag: str, text: str, spoken: str) -> str:
    # The hidden words tell screen reader users what sighted users see as underline or strike-through.
    return (
        f'<{tag} class="diff"><span class="visually-hidden">[{spoken}: </span>{escape(text)}'
        f'<span class="visually-hidden">]</span></{tag}>'
    )


def word_diff(old: str, new: str) -> tuple[SafeString, int, int]:
    """Return new text as HTML with insertions in <ins> and deletions in <del>, and their counts."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    # Most revisions touch a few places: match the shared start and end first, which
    # keeps the quadratic matcher to the part that changed.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    parts = [escape("".join(a[:head]))]
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    insertions = deletions = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(middle_a[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            parts.append(_marked("del", "".join(middle_a[i1:i2]), "deleted"))
            deletions += 1
        if op in {"insert", "replace"}:
            parts.append(_marked("ins", "".join(middle_b[j1:j2]), "inserted"))
            insertions += 1
    parts.append(escape("".join(a[len(a) - tail :])) if tail else "")
    return mark_safe("".join(parts)), insertions, deletions  # every piece is escaped above


def compare_sections(old_sections: list[dict], new_sections: list[dict]) -> list[SectionDiff]:
    """Return one entry per section key, in the new version's order, removed sections last (sections as rows with
    their key, heading and body)."""
    before_by_key = {s["key"]: s for s in old_sections}
    result = []
    for section in new_sections:
        key, heading, body = section["key"], section["heading"], section["body"]
        before = before_by_key.pop(key, None)
        if before is None:
            html, ins, _ = word_diff("", body)
            result.append(SectionDiff(key, heading, Change.ADDED, html=html, insertions=ins))
            continue
        if before["body"] == body and before["heading"] == heading:
            result.append(SectionDiff(key, heading, Change.UNCHANGED, html=mark_safe(escape(body))))
            continue
        html, ins, dels = word_diff(before["body"], body)
        result.append(
            SectionDiff(
                key,
                heading,
                Change.CHANGED,
                old_heading=before["heading"] if before["heading"] != heading else "",
                html=html,
                insertions=ins,
                deletions=dels,
            )
        )
    for before in before_by_key.values():
        html, _, dels = word_diff(before["body"], "")
        result.append(SectionDiff(before["key"], before["heading"], Change.REMOVED, html=html, deletions=dels))
    return result


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return str(value)


def compare_items(
    old_items: list[dict], new_items: list[dict], fields: list[tuple[str, str]], title: str = "title"
) -> list[ItemDiff]:
    """Return differences between keyed items (priorities, objectives, as rows) field by field."""
    before = {item["key"]: item for item in old_items}
    result = []
    for item in new_items:
        previous = before.pop(item["key"], None)
        if previous is None:
            result.append(ItemDiff(item["key"], item[title], Change.ADDED))
            continue
        changes = [
            (label, _display(previous[name]), _display(item[name]))
            for name, label in fields
            if previous[name] != item[name]
        ]
        result.append(ItemDiff(item["key"], item[title], Change.CHANGED if changes else Change.UNCHANGED, changes))
    for previous in before.values():
        result.append(ItemDiff(previous["key"], previous[title], Change.REMOVED))
    return result


PRIORITY_FIELDS = [
    ("title", "Title"),
    ("description", "Description"),
    ("rank", "Rank"),
    ("no_longer_priority", "No longer a priority"),
    ("resources_pence", "Resources (pence)"),
    ("resources_note", "Resources note"),
]
OBJECTIVE_FIELDS = [
    ("title", "Title"),
    ("measure", "Measure"),
    ("baseline", "Baseline"),
    ("target_value", "Target"),
    ("direction", "Direction"),
    ("by_when", "By"),
    ("rationale", "Rationale"),
    ("data_source", "Data source"),
    ("partners_consulted", "Partners consulted"),
]


# What the comparison reads of each part of a version.
PART_COLUMNS = {
    Section: ("key", "heading", "body"),
    Priority: ("key", *(name for name, _ in PRIORITY_FIELDS)),
    Objective: ("key", *(name for name, _ in OBJECTIVE_FIELDS)),
}


def compare_versions(old: PlanVersion, new: PlanVersion) -> dict:
    """Return the differences between two versions of the same plan."""
    parts = version_parts([old.pk, new.pk], PART_COLUMNS)
    sections, priorities, objectives = parts[Section], parts[Priority], parts[Objective]
    return {
        "sections": compare_sections(sections[old.pk], sections[new.pk]),
        "priorities": compare_items(priorities[old.pk], priorities[new.pk], PRIORITY_FIELDS),
        "objectives": compare_items(objectives[old.pk], objectives[new.pk], OBJECTIVE_FIELDS),
    }

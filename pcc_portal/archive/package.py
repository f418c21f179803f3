"""Reading an area's rows into a package: scoping, closure, natural keys and checksums.

A row's natural key is a hash of its own values with every reference
replaced by the referenced row's natural key (a force area by its code, a
user by their email address), so it does not depend on database ids and two
portals holding the same record compute the same key. A model's checksum is
taken over its rows in that form, sorted.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import models

from .scope import AREA_LABEL, USER_LABEL, ModelSpec, label_of, model_specs

SCHEMA_VERSION = 1
CHUNK = 2000
PSEUDONYM_DOMAIN = "pseudonymous.invalid"
PSEUDONYM_RE = re.compile(r"^(user-[0-9a-f]{16})@" + re.escape(PSEUDONYM_DOMAIN) + "$")

Progress = Callable[[int, str], None]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def jsonable(value):
    """A database value as JSON, the same on PostgreSQL and SQLite."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def user_key(email: str, *, personal: bool) -> str:
    email = (email or "").strip().lower()
    match = PSEUDONYM_RE.match(email)
    if match:
        return match.group(1)
    if personal:
        return email
    return "user-" + sha256_bytes(email.encode())[:16]


def redact(field: models.Field, value):
    """A personal value left out: blank, or a stable stand-in where the field must stay unique."""
    if value in (None, ""):
        return value
    if _in_unique(field) and str(value).startswith("redacted-"):
        return value  # a stand-in already (an imported package re-exported): the same stand-in again
    if _in_unique(field):
        stand_in = "redacted-" + sha256_bytes(str(value).encode())[:16]
        return f"{stand_in}@redacted.invalid" if isinstance(field, models.EmailField) else stand_in
    return None if field.null and not isinstance(field, models.CharField) else ""


def _in_unique(field: models.Field) -> bool:
    if field.unique:
        return True
    meta = field.model._meta
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in (constraint.fields or ()):
            return True
    return any(field.name in group for group in meta.unique_together)


def keyed_parts(value, kinds: dict[str, tuple]) -> tuple[str, list[tuple[str | None, str]]] | None:
    """Split a key such as "panels.precept_x:12-2027" into its kind and (model label or None, part) pairs.

    None for a value that is not such a key, or whose kind no app declares.
    """
    kind, sep, rest = (value or "").partition(":")
    targets = kinds.get(kind)
    if targets is None:
        targets = next((t for k, t in kinds.items() if k.endswith("*") and kind.startswith(k[:-1])), None)
    parts = rest.split("-")
    if not sep or targets is None or len(parts) != len(targets):
        return None
    if any(target is not None and not part.isdigit() for target, part in zip(targets, parts, strict=True)):
        return None
    return kind, list(zip(targets, parts, strict=True))


def row_payload(row: dict, *, with_m2m: bool) -> dict:
    """The canonical form of a serialised row: references by natural key, no database ids."""
    out = dict(row["fields"])
    for name, ref in row.get("refs", {}).items():
        out[name] = ref["key"]
    if with_m2m:
        for name, items in row.get("m2m", {}).items():
            out["m2m:" + name] = sorted(item["key"] or "" for item in items)
    return out


def model_hash(rows: Iterable[dict]) -> str:
    lines = sorted(canonical(row_payload(row, with_m2m=True)) for row in rows)
    return sha256_bytes("\n".join(lines).encode())


def date_field(spec: ModelSpec) -> str | None:
    """The field an FOI date range applies to: when the row was written."""
    if spec.historical:
        return "history_date"
    fields = spec.model._meta.concrete_fields
    for flag in ("auto_now_add", "auto_now"):
        for f in fields:
            if isinstance(f, models.DateTimeField) and getattr(f, flag, False):
                return f.name
    return None


class AreaReader:
    """Collects one area's rows (and the rows they refer to) and serialises them."""

    def __init__(self, area, *, with_personal_data: bool, since=None, until=None, progress: Progress | None = None):
        self.area = area
        self.personal = with_personal_data
        self.since, self.until = since, until
        self.progress = progress or (lambda percent, stage: None)
        self.specs = model_specs()
        self.pks: dict[str, set] = defaultdict(set)
        self.scoped: dict[str, set] = {}
        self.rows: dict[str, dict] = defaultdict(dict)  # label -> pk -> raw values
        self.m2m: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        self.keys: dict[str, dict] = defaultdict(dict)
        self.user_ids: set = set()
        self.area_ids: set = {area.pk} if area else set()
        self.users: dict = {}
        self.load_history_subjects = False  # also load the live rows history rows describe

    # -- which rows ---------------------------------------------------------
    def _range_q(self, spec: ModelSpec):
        from django.db.models import Q

        name = date_field(spec)
        if name is None or (self.since is None and self.until is None):
            return Q(), name is not None
        q = Q()
        if self.since is not None:
            q &= Q(**{f"{name}__gte": self.since})
        if self.until is not None:
            q &= Q(**{f"{name}__lt": self.until})
        return q, True

    def collect_scoped(self) -> None:
        ranged = self.since is not None or self.until is not None
        pending = [spec for spec in self.specs.values() if spec.scoped]
        while pending:
            progressed = False
            for spec in list(pending):
                manager = spec.model._base_manager
                if spec.follow:
                    field_name, target = spec.follow
                    if target not in self.scoped:
                        continue
                    qs = manager.filter(**{f"{field_name}__in": _sorted(self.scoped[target])})
                    pks = set(qs.values_list("pk", flat=True)) if self.scoped[target] else set()
                else:
                    qs = manager.filter(spec.area_q(self.area))
                    if ranged:
                        q, dated = self._range_q(spec)
                        if dated:
                            qs = qs.filter(q)
                        else:
                            parent = self._first_fk_parent(spec)
                            if parent is not None:
                                if parent[1] not in self.scoped:
                                    continue
                                qs = qs.filter(**{f"{parent[0]}__in": _sorted(self.scoped[parent[1]])})
                    pks = set(qs.values_list("pk", flat=True).distinct())
                self.scoped[spec.label] = pks
                self.pks[spec.label] |= pks
                pending.remove(spec)
                progressed = True
            if not progressed:  # a cycle of follows: take what is left without the range
                for spec in pending:
                    self.scoped[spec.label] = set()
                break
        self.area_ids.add(self.area.pk)
        self.pks[AREA_LABEL].add(self.area.pk)
        users = apps.get_model(USER_LABEL)
        self.user_ids |= set(users._base_manager.filter(force_areas=self.area).values_list("pk", flat=True))

    def _first_fk_parent(self, spec: ModelSpec):
        if not spec.path:
            return None
        first = spec.path.split("__")[0]
        try:
            f = spec.model._meta.get_field(first)
        except Exception:
            return None
        if f.is_relation and not f.many_to_many and label_of(f.related_model) in self.specs:
            return first, label_of(f.related_model)
        return None

    def collect_closure(self) -> None:
        """Load rows, and every row they refer to, until nothing new is referred to."""
        loaded: dict[str, set] = defaultdict(set)
        while True:
            todo = {label: pks - loaded[label] for label, pks in self.pks.items() if pks - loaded[label]}
            if not todo:
                break
            for label, pks in todo.items():
                self._load(label, pks)
                loaded[label] |= pks

    def _load(self, label: str, pks: set) -> None:
        spec = self.specs.get(label)
        if spec is None:
            return
        model = spec.model
        attnames = [f.attname for f in model._meta.concrete_fields]
        existing = set()
        for chunk in _chunks(_sorted(pks)):
            for values in model._base_manager.filter(pk__in=chunk).values(*attnames):
                pk = values[model._meta.pk.attname]
                existing.add(pk)
                self.rows[label][pk] = values
        self.pks[label] = (self.pks[label] - pks) | existing
        refs = spec.refs()
        for f in spec.fk_fields():
            target = label_of(f.related_model)
            self._refer(target, {self.rows[label][pk][f.attname] for pk in existing})
        for name, target in refs.items():
            if name in {f.name for f in spec.fk_fields()} or name == "id":
                continue
            attname = spec.model._meta.get_field(name).attname
            self._refer(target, {self.rows[label][pk][attname] for pk in existing})
        for name, kinds in spec.keyed_refs.items():
            attname = spec.model._meta.get_field(name).attname
            for pk in existing:
                parsed = keyed_parts(self.rows[label][pk][attname], kinds)
                for target, part in parsed[1] if parsed else ():
                    if target is not None:
                        self._refer(target, {int(part)})
        if self.load_history_subjects and spec.historical and "id" in refs:
            self._refer(refs["id"], {self.rows[label][pk]["id"] for pk in existing})
        for f in spec.m2m_fields():
            through = f.remote_field.through
            source = f.m2m_field_name()
            target_field = f.m2m_reverse_field_name()
            for chunk in _chunks(_sorted(existing)):
                for src, tgt in through._base_manager.filter(**{f"{source}__in": chunk}).values_list(
                    f"{source}_id", f"{target_field}_id"
                ):
                    self.m2m[label][f.name][src].append(tgt)
                    self._refer(label_of(f.related_model), {tgt})

    def _refer(self, target: str, ids: set) -> None:
        ids = {i for i in ids if i is not None}
        if not ids:
            return
        if target == USER_LABEL:
            self.user_ids |= ids
        elif target == AREA_LABEL:
            self.area_ids |= ids
            self.pks[AREA_LABEL] |= ids
        elif target in self.specs and (self.load_history_subjects or not self.specs[target].historical):
            self.pks[target] |= ids - self.pks[target]

    def collect(self) -> None:
        self.progress(5, "Finding the area's records")
        self.collect_scoped()
        self.progress(20, "Reading records")
        self.collect_closure()
        self.load_users()

    def load_users(self) -> None:
        users = apps.get_model(USER_LABEL)
        self.users = {
            values["id"]: values
            for chunk in _chunks(_sorted(self.user_ids))
            for values in users._base_manager.filter(pk__in=chunk).values(
                "id", "email", "full_name", "job_title", "role"
            )
        }
        in_area = (
            set(users._base_manager.filter(force_areas=self.area).values_list("pk", flat=True)) if self.area else set()
        )
        for pk, values in self.users.items():
            values["in_area"] = pk in in_area
            self.keys[USER_LABEL][pk] = user_key(values["email"], personal=self.personal)
        for pk, values in self.rows[AREA_LABEL].items():
            self.keys[AREA_LABEL][pk] = values["code"]

    # -- keys and rows --------------------------------------------------------
    def key_of(self, label: str, pk) -> str | None:
        if pk is None:
            return None
        known = self.keys[label].get(pk)
        if known is not None or label in (USER_LABEL, AREA_LABEL):
            return known
        values = self.rows.get(label, {}).get(pk)
        if values is None:
            return None
        self.keys[label][pk] = "…"  # guards against a reference cycle
        row = self.serialise(label, pk, values, with_key=False)
        key = sha256_bytes(canonical(row_payload(row, with_m2m=False)).encode())[:32]
        self.keys[label][pk] = key
        return key

    def serialise(self, label: str, pk, values: dict, *, with_key: bool = True) -> dict:
        spec = self.specs[label]
        refs = spec.refs()
        fields, row_refs, m2m, keyed = {}, {}, {}, {}
        for f in spec.model._meta.concrete_fields:
            if f.primary_key:
                continue
            raw = values[f.attname]
            if f.name in refs:
                row_refs[f.name] = {"id": raw, "key": self.key_of(refs[f.name], raw)}
                continue
            parsed = keyed_parts(raw, spec.keyed_refs[f.name]) if f.name in spec.keyed_refs else None
            if parsed is not None:
                # Hashed with the records' natural keys; the ids as written travel beside, for the import to remap.
                kind, parts = parsed
                natural = [(target and self.key_of(target, int(part))) or part for target, part in parts]
                fields[f.name] = f"{kind}:" + "-".join(natural)
                keyed[f.name] = raw
                continue
            value = jsonable(raw)
            if f.name in spec.personal and not self.personal:
                value = redact(f, value)
            fields[f.name] = value
        for f in spec.m2m_fields():
            target = label_of(f.related_model)
            items = [{"id": i, "key": self.key_of(target, i)} for i in self.m2m[label][f.name].get(pk, [])]
            m2m[f.name] = sorted(items, key=lambda item: (item["key"] or "", str(item["id"])))
        row = {"pk": jsonable(pk), "fields": fields, "refs": row_refs, "m2m": m2m}
        if keyed:
            row["keyed"] = keyed
        if with_key:
            row["key"] = self.key_of(label, pk)
        return row

    def serialised_rows(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        out[AREA_LABEL] = [
            {
                "pk": pk,
                "key": values["code"],
                "fields": {"name": values["name"], "code": values["code"], "nation": values["nation"]},
            }
            for pk, values in sorted(self.rows[AREA_LABEL].items())
        ]
        out[USER_LABEL] = [
            {
                "pk": pk,
                "key": self.keys[USER_LABEL][pk],
                "fields": {
                    "email": values["email"].lower() if self.personal else "",
                    "full_name": values["full_name"],
                    "job_title": values["job_title"],
                    "role": values["role"],
                    "in_area": values["in_area"],
                },
            }
            for pk, values in sorted(self.users.items())
        ]
        labels = [label for label in self.specs if label != AREA_LABEL]
        for index, label in enumerate(labels):
            self.progress(30 + 40 * index // max(len(labels), 1), f"Writing {label}")
            scoped = self.scoped.get(label, set())
            out[label] = []
            for pk in _sorted(self.pks[label]):
                row = self.serialise(label, pk, self.rows[label][pk])
                if pk not in scoped:
                    row["reference"] = True  # not the area's own: a row the area's rows refer to
                out[label].append(row)
        return out

    def media_files(self) -> list[str]:
        names = set()
        for label, spec in self.specs.items():
            file_fields = [f for f in spec.model._meta.concrete_fields if isinstance(f, models.FileField)]
            for f in file_fields:
                for pk in self.pks[label]:
                    name = self.rows[label][pk].get(f.attname)
                    if name:
                        names.add(name)
        return sorted(names)


def _sorted(values: Iterable) -> list:
    return sorted(values, key=lambda v: (str(type(v)), v))


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]

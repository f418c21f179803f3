"""Reading a package back into a portal: verify everything first, then write it all in one transaction."""

from __future__ import annotations

import graphlib
import json
import zipfile
from collections import defaultdict
from contextlib import contextmanager, suppress
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction

from pcc_portal.core.registry import app_configs_with

from .package import (
    PSEUDONYM_DOMAIN,
    SCHEMA_VERSION,
    AreaReader,
    _chunks,
    _sorted,
    canonical,
    keyed_parts,
    model_hash,
    row_payload,
    sha256_bytes,
    user_key,
)
from .scope import AREA_LABEL, USER_LABEL, label_of, model_specs

BATCH = 1000


class PackageError(Exception):
    """The package is refused: nothing was written."""


# -- verification ---------------------------------------------------------------
def read_package(path: str | Path) -> tuple[dict, dict[str, list[dict]], dict[str, bytes]]:
    """Open and verify a package; return its manifest, rows by model and files. Writes nothing."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackageError(f"{path} is not a readable package: {exc}") from None
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise PackageError("The package has no manifest.json.")
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (ValueError, zipfile.BadZipFile, OSError) as exc:
            raise PackageError(f"manifest.json cannot be read: {exc}") from None
        for key in ("schema_version", "area", "models", "files", "personal_data"):
            if key not in manifest:
                raise PackageError(f"manifest.json has no {key!r}.")
        if not isinstance(manifest["schema_version"], int) or manifest["schema_version"] > SCHEMA_VERSION:
            raise PackageError(
                f"The package uses schema version {manifest['schema_version']}; this portal reads up to "
                f"{SCHEMA_VERSION}. Update the portal first."
            )
        files: dict[str, bytes] = {}
        for name, expected in manifest["files"].items():
            if name not in names:
                raise PackageError(f"The file {name} listed in the manifest is missing from the package.")
            try:
                data = archive.read(name)
            except (zipfile.BadZipFile, OSError) as exc:  # a damaged member fails its CRC
                raise PackageError(f"The file {name} is damaged: {exc}") from None
            if sha256_bytes(data) != expected:
                raise PackageError(f"The file {name} does not match its checksum: the package was changed.")
            files[name] = data
        unexpected = sorted(names - set(manifest["files"]) - {"manifest.json"})
        if unexpected:
            raise PackageError(f"The package holds files the manifest does not list: {', '.join(unexpected[:5])}.")
    specs = model_specs()
    rows: dict[str, list[dict]] = {}
    for label, info in manifest["models"].items():
        data = files.get(f"data/{label}.jsonl", b"")
        if info["count"] and label not in specs and label not in (USER_LABEL, AREA_LABEL):
            raise PackageError(f"This portal has no model {label}; it cannot hold the package's {info['count']} rows.")
        model_rows = [json.loads(line) for line in data.decode().splitlines() if line.strip()]
        if len(model_rows) != info["count"]:
            raise PackageError(
                f"{label}: the manifest counts {info['count']} rows, the package holds {len(model_rows)}."
            )
        if model_hash(model_rows) != info["sha256"]:
            raise PackageError(f"{label}: the rows do not match the manifest's checksum: the package was changed.")
        if label not in (USER_LABEL, AREA_LABEL):
            for row in model_rows:
                if sha256_bytes(canonical(row_payload(row, with_m2m=False)).encode())[:32] != row.get("key"):
                    raise PackageError(f"{label}: a row's key does not match its values: the package was changed.")
        rows[label] = model_rows
    if not any(row["fields"]["code"] == manifest["area"] for row in rows.get(AREA_LABEL, [])):
        raise PackageError(f"The package does not hold the force area {manifest['area']}.")
    return manifest, rows, files


# -- what a portal already holds --------------------------------------------------
def area_has_records(area) -> bool:
    for spec in model_specs().values():
        if spec.label == AREA_LABEL or spec.historical or spec.follow or not spec.scoped:
            continue
        if spec.model._base_manager.filter(spec.area_q(area)).exists():
            return True
    return False


def delete_area_records(area) -> dict[str, int]:
    """Delete the area's own rows; rows shared with another area stay (they lose only their link to this one)."""
    specs = model_specs()
    area_model = apps.get_model(AREA_LABEL)
    reader = AreaReader(area, with_personal_data=True)
    reader.collect_scoped()
    others = list(area_model.objects.exclude(pk=area.pk).values_list("pk", flat=True))
    doomed: dict[str, set] = {}
    shared: dict[str, set] = {}
    for label, spec in specs.items():
        if label == AREA_LABEL or spec.follow or label not in reader.scoped:
            continue
        pks = reader.scoped[label]
        keep = set()
        if spec.has_m2m_hop and spec.path and others and pks:
            for chunk in _chunks(_sorted(pks)):
                keep |= set(
                    spec.model._base_manager.filter(pk__in=chunk, **{f"{spec.path}__in": others}).values_list(
                        "pk", flat=True
                    )
                )
        doomed[label], shared[label] = pks - keep, keep
    pending = [spec for spec in specs.values() if spec.follow]
    while pending:
        for spec in list(pending):
            field_name, target = spec.follow
            if target in doomed:
                doomed[spec.label] = {
                    pk
                    for chunk in _chunks(_sorted(doomed[target]))
                    for pk in spec.model._base_manager.filter(**{f"{field_name}__in": chunk}).values_list(
                        "pk", flat=True
                    )
                }
                pending.remove(spec)
        if pending and not any(spec.follow[1] in doomed for spec in pending):
            break
    counts = {}
    for label, spec in specs.items():
        for f in spec.m2m_fields():
            through = f.remote_field.through
            source = f.m2m_field_name()
            target = f.m2m_reverse_field_name()
            if label_of(f.related_model) == AREA_LABEL and shared.get(label):
                for chunk in _chunks(_sorted(shared[label])):
                    through._base_manager.filter(**{f"{source}__in": chunk, target: area.pk}).delete()
            for chunk in _chunks(_sorted(doomed.get(label, set()))):
                qs = through._base_manager.filter(**{f"{source}__in": chunk})
                qs._raw_delete(qs.db)
            target_label = label_of(f.related_model)
            for chunk in _chunks(_sorted(doomed.get(target_label, set()))):
                qs = through._base_manager.filter(**{f"{target}__in": chunk})
                qs._raw_delete(qs.db)
    for label in reversed(insert_order()):
        pks = doomed.get(label, set())
        model = specs[label].model
        for chunk in _chunks(_sorted(pks)):
            qs = model._base_manager.filter(pk__in=chunk)
            qs._raw_delete(qs.db)
        counts[label] = len(pks)
    return counts


def insert_order() -> list[str]:
    """Models in an order where every row's references are written before it (self-references aside)."""
    specs = model_specs()
    graph = {}
    for label, spec in specs.items():
        deps = set()
        for _name, target in spec.refs().items():
            if target != label and target in specs:
                deps.add(target)
        for kinds in spec.keyed_refs.values():
            deps |= {t for targets in kinds.values() for t in targets if t and t != label and t in specs}
        graph[label] = deps
    return list(graphlib.TopologicalSorter(graph).static_order())


# -- writing ----------------------------------------------------------------------
@contextmanager
def stored_timestamps():
    """Keep auto_now / auto_now_add values as stored in the package while rows are written."""
    switched = []
    for spec in model_specs().values():
        for f in spec.model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Writer:
    def __init__(self, manifest: dict, rows: dict[str, list[dict]], files: dict[str, bytes]):
        self.manifest = manifest
        self.rows = rows
        self.files = files
        self.personal = manifest["personal_data"]
        self.specs = model_specs()
        self.idmap: dict[str, dict] = defaultdict(dict)
        self.renamed: dict[str, str] = {}
        self.saved_files: list[str] = []
        self.counts: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        self.write_areas()
        self.write_users()
        self.write_files()
        with stored_timestamps():
            for label in insert_order():
                if label == AREA_LABEL or not self.rows.get(label):
                    continue
                self.write_model(label)
            self.write_m2m()
        return self.counts

    def write_areas(self) -> None:
        area_model = apps.get_model(AREA_LABEL)
        for row in self.rows.get(AREA_LABEL, []):
            fields = row["fields"]
            area = area_model.objects.filter(code=fields["code"]).first()
            if area is None:
                # bulk_create: no change-history row of its own; the package brings the area's history.
                (area,) = area_model.objects.bulk_create(
                    [area_model(name=fields["name"], code=fields["code"], nation=fields["nation"])]
                )
            self.idmap[AREA_LABEL][row["pk"]] = area.pk
        self.area = area_model.objects.get(code=self.manifest["area"])

    def write_users(self) -> None:
        user_model = apps.get_model(USER_LABEL)
        created = []
        pseudonyms = None
        for row in self.rows.get(USER_LABEL, []):
            fields = row["fields"]
            email = (fields["email"] or f"{row['key']}@{PSEUDONYM_DOMAIN}").lower()
            user = user_model._base_manager.filter(email__iexact=email).first()
            if user is None and not fields["email"]:
                # A pseudonymous key: the hash of an address this portal may know.
                if pseudonyms is None:
                    pseudonyms = {
                        user_key(address, personal=False): pk
                        for pk, address in user_model._base_manager.values_list("pk", "email")
                    }
                if row["key"] in pseudonyms:
                    user = user_model._base_manager.get(pk=pseudonyms[row["key"]])
            if user is None:
                user = user_model(
                    email=email,
                    full_name=fields["full_name"],
                    job_title=fields["job_title"],
                    role=fields["role"],
                    is_active=False,
                    is_staff=False,
                    is_superuser=False,
                )
                user.set_unusable_password()
                user.save()
                if fields["in_area"]:
                    created.append(user)
            self.idmap[USER_LABEL][row["pk"]] = user.pk
        for user in created:
            user.force_areas.add(self.area)

    def write_files(self) -> None:
        for name, data in self.files.items():
            if not name.startswith("files/"):
                continue
            stored = name.removeprefix("files/")
            if default_storage.exists(stored):
                with default_storage.open(stored, "rb") as handle:
                    if sha256_bytes(handle.read()) == sha256_bytes(data):
                        continue
            saved = default_storage.save(stored, ContentFile(data))
            self.saved_files.append(saved)
            if saved != stored:
                self.renamed[stored] = saved

    def target_keys(self, label: str) -> dict[str, object]:
        """Natural keys of the rows this portal already holds for a model."""
        model = self.specs[label].model
        reader = AreaReader(None, with_personal_data=self.personal)
        reader.load_history_subjects = True
        reader.pks[label] = set(model._base_manager.values_list("pk", flat=True))
        if not reader.pks[label]:
            return {}
        reader.collect_closure()
        reader.load_users()
        for pk, values in reader.rows[AREA_LABEL].items():
            reader.keys[AREA_LABEL][pk] = values["code"]
        return {reader.key_of(label, pk): pk for pk in reader.pks[label]}

    def write_model(self, label: str) -> None:
        spec = self.specs[label]
        model = spec.model
        refs = spec.refs()
        fields_by_name = {f.name: f for f in model._meta.concrete_fields}
        keep_pk = not isinstance(model._meta.pk, models.AutoField)
        unique_fields = [f for f in model._meta.concrete_fields if f.unique and not f.primary_key and not f.is_relation]
        rows = self.rows[label]
        # Rows that may already be here: references, and rows an area can share with another (and their history).
        shareable = spec.has_m2m_hop or spec.follow is not None
        match_rows = [row for row in rows if row.get("reference") or shareable]
        existing = self.target_keys(label) if match_rows else {}
        deferred = []
        pending = []
        for row in rows:
            if (row.get("reference") or shareable) and row["key"] in existing:
                self.idmap[label][row["pk"]] = existing[row["key"]]
                continue
            if row.get("reference") and unique_fields:
                found = None
                for f in unique_fields:
                    found = model._base_manager.filter(**{f.name: f.to_python(row["fields"][f.name])}).first()
                    if found:
                        break
                if found:
                    self.idmap[label][row["pk"]] = found.pk
                    continue
            values = {}
            for name, value in row["fields"].items():
                f = fields_by_name[name]
                if isinstance(f, models.FileField) and value:
                    value = self.renamed.get(value, value)
                values[f.attname] = None if value is None else f.to_python(value)
                if isinstance(f, models.JSONField):
                    values[f.attname] = value
            for name, raw in row.get("keyed", {}).items():
                values[fields_by_name[name].attname] = self.remap_keyed(raw, spec.keyed_refs.get(name, {}))
            for name, ref in row["refs"].items():
                f = fields_by_name[name]
                target = refs[name]
                old = ref["id"]
                if old is None:
                    values[f.attname] = None
                    continue
                if target == label and not (spec.historical and name == "id"):
                    values[f.attname] = None
                    deferred.append((row, name, old))
                    continue
                new = self.idmap[target].get(old)
                if new is None and spec.historical and name == "id":
                    new = old if old < 0 else -old  # the live record no longer exists
                values[f.attname] = new
            if keep_pk:
                values[model._meta.pk.attname] = model._meta.pk.to_python(row["pk"])
            pending.append((row, model(**values)))
        for batch in _chunks(pending, BATCH):
            created = model._base_manager.bulk_create([instance for _, instance in batch])
            for (row, _), instance in zip(batch, created, strict=True):
                self.idmap[label][row["pk"]] = instance.pk
        if deferred:
            by_pk = {instance.pk: instance for _, instance in pending}
            changed = {}
            for row, name, old in deferred:
                new_pk = self.idmap[label].get(row["pk"])
                instance = by_pk.get(new_pk)
                if instance is None:
                    continue
                setattr(instance, fields_by_name[name].attname, self.idmap[label].get(old))
                changed[instance.pk] = instance
            names = sorted({name for _, name, _ in deferred})
            for batch in _chunks(list(changed.values()), BATCH):
                model._base_manager.bulk_update(batch, names)
        self.counts[label] = len(pending)

    def remap_keyed(self, raw: str, kinds: dict[str, tuple]) -> str:
        """The key with this portal's ids for the records it names (as written when one is not in the package)."""
        parsed = keyed_parts(raw, kinds)
        if parsed is None:
            return raw
        kind, parts = parsed
        new = [part if target is None else self.idmap[target].get(int(part)) for target, part in parts]
        if any(part is None for part in new):
            return raw
        return f"{kind}:" + "-".join(str(part) for part in new)

    def write_m2m(self) -> None:
        for label, rows in self.rows.items():
            spec = self.specs.get(label)
            if spec is None:
                continue
            for f in spec.m2m_fields():
                through = f.remote_field.through
                source = f.m2m_field_name()
                target_name = f.m2m_reverse_field_name()
                target = label_of(f.related_model)
                links = []
                for row in rows:
                    new = self.idmap[label].get(row["pk"])
                    for item in row.get("m2m", {}).get(f.name, []):
                        other = self.idmap[target].get(item["id"])
                        if new is not None and other is not None:
                            links.append(through(**{f"{source}_id": new, f"{target_name}_id": other}))
                for batch in _chunks(links, BATCH):
                    through._base_manager.bulk_create(batch, ignore_conflicts=True)


def import_package(path: str | Path, *, replace: bool = False) -> dict:
    """Verify the package, then write it all or nothing. Returns a summary."""
    manifest, rows, files = read_package(path)
    area_model = apps.get_model(AREA_LABEL)
    writer = Writer(manifest, rows, files)
    try:
        with transaction.atomic():
            area = area_model.objects.filter(code=manifest["area"]).first()
            deleted = {}
            if area is not None and area_has_records(area):
                if not replace:
                    raise PackageError(
                        f"This portal already holds records of the force area {manifest['area']}. "
                        "Use --replace to delete them and import the package instead."
                    )
                deleted = delete_area_records(area)
            counts = writer.run()
            _announce_import(area_model.objects.get(code=manifest["area"]), writer, replaced=bool(deleted))
    except IntegrityError as exc:
        _remove(writer.saved_files)
        raise PackageError(
            f"The package conflicts with records this portal holds; nothing was written ({exc})."
        ) from None
    except Exception:
        _remove(writer.saved_files)
        raise
    return {"area": manifest["area"], "created": counts, "deleted": deleted, "files": len(writer.saved_files)}


def _announce_import(area, writer: Writer, *, replaced: bool) -> None:
    """Let apps that keep something derived from the records (the search index) bring it up to date,
    in the import's own transaction: bulk writes send no save signals."""
    objects = {apps.get_model(label): sorted(set(ids.values())) for label, ids in writer.idmap.items() if ids}
    for config in app_configs_with("area_imported"):
        config.area_imported(area=area, objects=objects, replaced=replaced)


def _remove(names: list[str]) -> None:
    for name in names:
        with suppress(OSError):
            default_storage.delete(name)

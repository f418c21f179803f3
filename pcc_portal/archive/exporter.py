"""Writing the package: one JSON Lines file per model, the uploaded files, the published documents, the manifest."""

from __future__ import annotations

import datetime as dt
import json
import logging
import zipfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from .package import SCHEMA_VERSION, AreaReader, Progress, canonical, jsonable, model_hash, sha256_bytes
from .scope import LEFT_OUT_NOTE, describe_paths, model_specs

logger = logging.getLogger(__name__)


def _write(archive: zipfile.ZipFile, files: dict, name: str, data: bytes) -> None:
    archive.writestr(name, data)
    files[name] = sha256_bytes(data)


def write_package(
    area,
    path: str | Path,
    *,
    with_personal_data: bool,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    progress: Progress | None = None,
    documents: bool = True,
    pdfs: bool = True,
) -> dict:
    """Write the area's package to `path` and return its manifest."""
    progress = progress or (lambda percent, stage: None)
    reader = AreaReader(area, with_personal_data=with_personal_data, since=since, until=until, progress=progress)
    reader.collect()
    rows = reader.serialised_rows()
    specs = model_specs()
    files: dict[str, str] = {}
    models_manifest: dict[str, dict] = {}
    notes: list[str] = [LEFT_OUT_NOTE]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label in sorted(rows):
            model_rows = rows[label]
            models_manifest[label] = {"count": len(model_rows), "sha256": model_hash(model_rows)}
            if model_rows:
                data = "".join(canonical(row) + "\n" for row in model_rows).encode()
                _write(archive, files, f"data/{label}.jsonl", data)
        progress(75, "Copying uploaded files")
        for name in reader.media_files():
            try:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
            except OSError:
                notes.append(f"Uploaded file missing from storage: {name}")
                continue
            _write(archive, files, f"files/{name}", data)
        if documents:
            from .documents import area_documents

            progress(80, "Rendering published documents")
            for name, data, note in area_documents(area, since=since, until=until, progress=progress, pdfs=pdfs):
                if name and data is not None:
                    _write(archive, files, f"documents/{name}", data)
                if note:
                    notes.append(note)
        personal = {label: spec.personal for label, spec in specs.items() if spec.personal}
        personal["accounts.user"] = ["email"]
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "area": area.code,
            "area_name": area.name,
            "exported_at": jsonable(timezone.now()),
            "personal_data": with_personal_data,
            "personal_fields": personal,
            "personal_fields_note": (
                "Included."
                if with_personal_data
                else "Left out: blanked, or a stand-in where a value must be unique; "
                "users are identified by a pseudonymous key instead of their email address."
            ),
            "models": models_manifest,
            "files": dict(sorted(files.items())),
            "scopes": describe_paths(),
            "notes": notes,
        }
        if since is not None or until is not None:
            manifest["range"] = {
                "since": jsonable(since) if since else None,
                "until": jsonable(until) if until else None,
                "applies_to": "rows created (or, for the change history, changed) in the range, "
                "with the records they refer to",
            }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    progress(100, "Ready")
    return manifest

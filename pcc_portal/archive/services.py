"""Export an area's whole record as a package, and import one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .exporter import write_package
from .importer import PackageError, import_package
from .package import Progress

__all__ = ["PackageError", "area_export", "area_import"]


def area_export(
    area,
    path: str | Path,
    *,
    with_personal_data: bool,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    progress: Progress | None = None,
    pdfs: bool = True,
) -> dict:
    """Write everything the portal holds for the area (or what was written in [since, until)) to a zip file."""
    if since and until and since >= until:
        raise ValueError("The end of the range must come after its start.")
    return write_package(
        area, path, with_personal_data=with_personal_data, since=since, until=until, progress=progress, pdfs=pdfs
    )


def area_import(path: str | Path, *, replace: bool = False) -> dict:
    """Verify a package and write it all or nothing; raises PackageError for a refused package."""
    return import_package(path, replace=replace)

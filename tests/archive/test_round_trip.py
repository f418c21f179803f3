"""Export an area, import it into a portal that holds other areas (or none), export again: the same manifest."""

import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection

from consultations.models import Response
from handover.models import Candidate
from partners.models import Contact, Organisation, Partnership
from pcc_portal.accounts.models import ForceArea, User
from pcc_portal.archive.importer import PackageError
from pcc_portal.archive.services import area_export, area_import

from .conftest import manifest_of

ROOT = Path(__file__).resolve().parents[2]


def test_round_trip_with_other_areas_present_gives_the_same_manifest(demo, tmp_path):
    partnership = Partnership.objects.filter(force_area=demo).first()
    partnership.terms_of_reference.save("tor.pdf", ContentFile(b"%PDF-1.4 terms of reference"))
    from panels.models import ReportAppendix

    appendix = ReportAppendix.objects.get(report__agenda_item__meeting__panel__force_area=demo)
    appendix.file.save("appendix-a.pdf", ContentFile(b"%PDF-1.4 appendix A"))  # in this test's media folder
    first = area_export(demo, tmp_path / "a.zip", with_personal_data=True)
    assert any(name.startswith("documents/pdf/plans-version-") for name in first["files"])  # the issued plan
    assert any(name.startswith("documents/pdf/panels-agenda_report-") for name in first["files"])
    assert first["models"]["partners.organisation"]["count"] > 0
    assert first["models"]["panels.recommendation"]["count"] > 0
    assert first["models"]["plans.historicalsection"]["count"] > 0  # the change history travels too
    assert any(name.startswith("files/") for name in first["files"])
    assert any(name.startswith("files/panels/appendices/") for name in first["files"])  # report appendices
    assert "documents/grants-360giving.json" in first["files"] and "documents/calendar.ics" in first["files"]
    west_midlands_orgs = Organisation.objects.filter(force_areas__code="west-midlands").count()

    with pytest.raises(PackageError, match="already holds records"):
        area_import(tmp_path / "a.zip")

    summary = area_import(tmp_path / "a.zip", replace=True)
    assert summary["deleted"]["partners.contact"] > 0
    second = area_export(
        ForceArea.objects.get(code="leicestershire"), tmp_path / "b.zip", with_personal_data=True, pdfs=False
    )

    assert second["models"] == first["models"]
    assert Organisation.objects.filter(force_areas__code="west-midlands").count() == west_midlands_orgs
    restored = Partnership.objects.get(force_area__code="leicestershire", name=partnership.name)
    assert restored.terms_of_reference.read() == b"%PDF-1.4 terms of reference"
    appendix = ReportAppendix.objects.get(report__agenda_item__meeting__panel__force_area__code="leicestershire")
    assert appendix.file.read() == b"%PDF-1.4 appendix A" and appendix.page_count == 1


def test_personal_data_is_left_out_unless_asked_for(demo, tmp_path):
    contact = Contact.objects.filter(organisation__force_areas=demo).exclude(email="").first()
    respondent = Response.objects.filter(consultation__force_area=demo).exclude(respondent_email="").first()
    staff = User.objects.get(email="staff@demo.pcc-portal.org.uk")
    secrets = [contact.email.encode(), staff.email.encode()]
    if respondent:
        secrets.append(respondent.respondent_email.encode())
    candidate = Candidate.objects.filter(briefing__force_area=demo).first()
    assert candidate is not None  # the demo briefing has candidates, members of the public
    secrets.append(candidate.email.encode())

    manifest = area_export(demo, tmp_path / "plain.zip", with_personal_data=False, pdfs=False)
    area_export(demo, tmp_path / "full.zip", with_personal_data=True, pdfs=False)

    assert manifest["personal_data"] is False
    assert "email" in manifest["personal_fields"]["partners.contact"]
    with zipfile.ZipFile(tmp_path / "plain.zip") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    for secret in secrets:
        assert secret not in everything
    assert b"md5$" not in everything  # never a password hash
    with zipfile.ZipFile(tmp_path / "full.zip") as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert all(secret in everything for secret in secrets)
    assert b"md5$" not in everything  # never a password hash


def test_without_personal_data_the_manifest_is_stable_and_users_are_matched_by_pseudonym(demo, tmp_path):
    users = User.objects.count()
    first = area_export(demo, tmp_path / "a.zip", with_personal_data=False, pdfs=False)
    area_import(tmp_path / "a.zip", replace=True)
    second = area_export(
        ForceArea.objects.get(code="leicestershire"), tmp_path / "b.zip", with_personal_data=False, pdfs=False
    )
    assert second["models"] == first["models"]
    # The package names users by the hash of their address: this portal knows them all, so none is created.
    assert User.objects.count() == users


def _target_database_url(tmp_path) -> tuple[str, callable]:
    """A fresh empty database of the same kind as the test database, and how to drop it."""
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'target.sqlite3'}", lambda: None
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_import_target"[:50] + f"_{uuid.uuid4().hex[:6]}"
    admin = {
        "dbname": "postgres",
        "user": params.get("USER") or "postgres",
        "host": params.get("HOST") or "127.0.0.1",
        "port": params.get("PORT") or 5432,
    }
    if params.get("PASSWORD"):
        admin["password"] = params["PASSWORD"]

    def run(sql: str) -> None:
        with psycopg.connect(**admin, autocommit=True) as server:
            server.execute(sql)

    run(f'CREATE DATABASE "{name}"')

    def drop():
        run(f'DROP DATABASE IF EXISTS "{name}"')

    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}", drop


def test_import_into_a_fresh_database_gives_the_same_manifest(demo, tmp_path):
    first = area_export(demo, tmp_path / "a.zip", with_personal_data=True, pdfs=False)
    url, drop = _target_database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pcc_portal.settings", "DEBUG": "1"}
    env["MEDIA_ROOT"] = str(tmp_path / "target-media")
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        for command in (
            ["migrate", "-v0"],
            ["import_area", str(tmp_path / "a.zip")],
            ["export_area", "leicestershire", str(tmp_path / "b.zip"), "--with-personal-data", "--no-pdfs"],
        ):
            done = subprocess.run([*manage, *command], env=env, cwd=ROOT, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr[-2000:]
    finally:
        drop()
    assert manifest_of(tmp_path / "b.zip")["models"] == first["models"]
    assert django_settings.DATABASES["default"]["NAME"] != url

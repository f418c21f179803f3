"""A package that was changed, is incomplete, is too new or fails half-way writes nothing."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from partners.models import Contact, Organisation
from pcc_portal.accounts.models import ForceArea, User
from pcc_portal.archive import importer
from pcc_portal.archive.importer import PackageError
from pcc_portal.archive.scope import model_specs
from pcc_portal.archive.services import area_export, area_import
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory


@pytest.fixture
def package(db, tmp_path):
    area = ForceAreaFactory(name="Rutland Test", code="rutland-test")
    user = UserFactory(email="officer@rutland.example")
    user.force_areas.add(area)
    parent = OrganisationFactory(name="Rutland County Council", areas=[area])
    for number in range(3):
        org = OrganisationFactory(name=f"Rutland partner {number}", parent=parent, areas=[area])
        ContactFactory(organisation=org, email=f"contact{number}@rutland.example", user=user if number == 0 else None)
    path = tmp_path / "rutland.zip"
    area_export(area, path, with_personal_data=True)
    # The receiving portal: the area's records are gone (as in a fresh portal), the area code is free.
    for org in Organisation.objects.filter(force_areas=area):
        org.delete()
    area.delete()
    return path


def all_counts() -> dict:
    counts = {label: spec.model._base_manager.count() for label, spec in model_specs().items()}
    counts["accounts.user"] = User.objects.count()
    return counts


def rewrite(path, target, change):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(item, data)
    return target


def test_the_package_imports(package):
    area_import(package)
    area = ForceArea.objects.get(code="rutland-test")
    assert Contact.objects.filter(organisation__force_areas=area).count() == 3
    assert Organisation.objects.get(name="Rutland partner 1").parent.name == "Rutland County Council"


def test_one_changed_byte_is_refused_and_nothing_is_written(package, tmp_path):
    before = all_counts()

    def flip(name, data):
        if name == "data/partners.contact.jsonl":
            index = data.index(b"contact1@")
            return data[:index] + b"C" + data[index + 1 :]
        return data

    changed = rewrite(package, tmp_path / "changed.zip", flip)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("import_area", str(changed))
    assert all_counts() == before


def test_a_changed_row_with_a_recomputed_file_checksum_is_still_refused(package, tmp_path):
    with zipfile.ZipFile(package) as source:
        manifest = json.loads(source.read("manifest.json"))
        data = source.read("data/partners.contact.jsonl").replace(b"contact1@", b"contacX@")
    import hashlib

    manifest["files"]["data/partners.contact.jsonl"] = hashlib.sha256(data).hexdigest()

    def swap(name, original):
        if name == "manifest.json":
            return json.dumps(manifest).encode()
        return data if name == "data/partners.contact.jsonl" else original

    changed = rewrite(package, tmp_path / "changed.zip", swap)
    with pytest.raises(PackageError, match="checksum"):
        area_import(changed)
    assert not ForceArea.objects.filter(code="rutland-test").exists()


def test_a_missing_file_is_refused(package, tmp_path):
    missing = rewrite(package, tmp_path / "missing.zip", lambda n, d: None if n.startswith("data/partners.org") else d)
    with pytest.raises(PackageError, match="missing"):
        area_import(missing)
    assert not ForceArea.objects.filter(code="rutland-test").exists()


def test_a_newer_schema_version_is_refused(package, tmp_path):
    def bump(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["schema_version"] += 1
            return json.dumps(manifest).encode()
        return data

    newer = rewrite(package, tmp_path / "newer.zip", bump)
    with pytest.raises(PackageError, match="schema version"):
        area_import(newer)


def test_an_area_already_holding_records_is_refused_without_replace(package):
    area_import(package)
    before = all_counts()
    with pytest.raises(CommandError, match="already holds records"):
        call_command("import_area", str(package))
    assert all_counts() == before
    call_command("import_area", str(package), "--replace")
    assert all_counts() == before


def test_an_import_failing_half_way_leaves_nothing_behind(package, monkeypatch):
    before = all_counts()
    written = []
    real = importer.Writer.write_model

    def failing(self, label):
        real(self, label)
        written.append(label)
        if label == "partners.organisation":
            raise RuntimeError("disk full")

    monkeypatch.setattr(importer.Writer, "write_model", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        area_import(package)
    assert "partners.organisation" in written
    assert all_counts() == before
    assert not ForceArea.objects.filter(code="rutland-test").exists()


def test_the_foi_bundle_holds_only_what_was_written_in_the_range(db, tmp_path):
    import datetime as dt

    from django.utils import timezone

    area = ForceAreaFactory(code="range-test", name="Range Test")
    org = OrganisationFactory(areas=[area])
    ContactFactory(organisation=org)
    now = timezone.now()
    later = area_export(area, tmp_path / "later.zip", with_personal_data=False, since=now + dt.timedelta(days=1))
    covering = area_export(
        area,
        tmp_path / "now.zip",
        with_personal_data=False,
        since=now - dt.timedelta(days=1),
        until=now + dt.timedelta(days=1),
    )
    assert later["range"]["since"] and later["models"]["partners.contact"]["count"] == 0
    assert covering["models"]["partners.contact"]["count"] == 1
    assert covering["models"]["partners.historicalcontact"]["count"] == 1


def test_users_unknown_to_the_portal_are_created_inactive_without_a_password(db, tmp_path):
    area = ForceAreaFactory(name="Pseudo Test", code="pseudo-test")
    officer = UserFactory(email="officer@pseudo.example", full_name="Olive Officer")
    officer.force_areas.add(area)
    ContactFactory(organisation=OrganisationFactory(areas=[area]), user=officer)
    path = tmp_path / "pseudo.zip"
    area_export(area, path, with_personal_data=False)
    with zipfile.ZipFile(path) as archive:
        assert not any(b"officer@pseudo.example" in archive.read(name) for name in archive.namelist())
    for org in Organisation.objects.filter(force_areas=area):
        org.delete()
    area.delete()
    officer.delete()

    area_import(path)

    created = User.objects.get(full_name="Olive Officer")
    assert created.email.endswith("@pseudonymous.invalid")
    assert not created.is_active and not created.has_usable_password()
    assert created.force_areas.filter(code="pseudo-test").exists()
    assert Contact.objects.get(organisation__force_areas__code="pseudo-test").user == created

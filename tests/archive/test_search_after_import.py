"""An imported area is searchable at once: the import writes its search entries in the same transaction."""

import pytest

from pcc_portal.archive import importer
from pcc_portal.archive.services import area_import
from search.models import SearchEntry

from .test_refusals import package  # noqa: F401  (the Rutland package fixture)


def test_imported_organisations_are_found_without_a_rebuild(client, package, admin_user):  # noqa: F811
    area_import(package)
    client.force_login(admin_user)
    html = client.get("/search/", {"q": "Rutland partner"}).content.decode()
    assert "3 results" in html or "4 results" in html
    assert "<mark>Rutland</mark> <mark>partner</mark> 1" in html


def test_search_entries_roll_back_with_an_import_that_fails_after_writing(package, monkeypatch):  # noqa: F811
    announce = importer._announce_import

    def announce_then_fail(*args, **kwargs):
        announce(*args, **kwargs)
        assert SearchEntry.objects.filter(title="Rutland partner 1").exists()
        raise RuntimeError("The disk is full.")

    monkeypatch.setattr(importer, "_announce_import", announce_then_fail)
    with pytest.raises(RuntimeError):
        area_import(package)
    assert not SearchEntry.objects.filter(title__startswith="Rutland").exists()

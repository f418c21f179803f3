import importlib
import json
import os
import zipfile

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings

from pcc_portal.accounts.models import ForceArea


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once per module (it is slow); each test still runs in its own rolled-back transaction."""
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True), open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        yield
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()  # flush recreated the content types with new ids
        # flush also empties what migrations seeded: put it back for the next module.
        importlib.import_module("consultations.migrations.0002_seed_themes").seed_themes(apps, None)


@pytest.fixture
def demo(demo_database, db):
    return ForceArea.objects.get(code="leicestershire")


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))

"""A web worker's start-up: what it loaded is frozen out of the garbage collector's walks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc
import pcc_portal.wsgi
from django.urls import get_resolver
patterns = get_resolver().url_patterns
walked = {id(o) for o in gc.get_objects()}
print(gc.get_freeze_count(), id(patterns) in walked, id(pcc_portal.wsgi.application) in walked)
"""


def test_the_wsgi_entry_freezes_what_the_worker_loaded_url_patterns_included():
    """A worker's modules, settings and URL patterns are never walked by a full collection."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pcc_portal.settings"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, patterns_walked, application_walked = int(out[0]), out[1] == "True", out[2] == "True"
    assert frozen > 50_000  # the portal's modules and objects: hundreds of thousands in practice
    assert not patterns_walked
    assert not application_walked


def test_objects_made_after_start_up_are_still_collected():
    """Freezing is not a leak: garbage a request makes later is collected as before."""
    import gc

    from pcc_portal.core.startup import freeze_startup_heap

    try:
        assert freeze_startup_heap() > 0
        cycle = []
        cycle.append(cycle)
        probe = id(cycle)
        assert probe in {id(o) for o in gc.get_objects()}  # made after the freeze: walked
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()

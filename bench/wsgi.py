"""WSGI entry for the load scenario only: the portal plus the bench's bare view (bench/bare.py)."""

import os
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

from pcc_portal.wsgi import application  # noqa: E402, F401 (the portal's entry, its start-up work included)

# isort: split
import bare  # noqa: E402

bare.install()

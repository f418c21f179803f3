"""Render one HTML file through the PDF service in this fresh process: the first render, then a warm one.

Called by bench/run.py for each document; prints one line of JSON.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

import django

django.setup()

from pcc_portal.pdf.services import html_to_pdf  # noqa: E402

html = Path(sys.argv[1]).read_text(encoding="utf-8")
start = time.perf_counter()
html_to_pdf(html)
first = time.perf_counter() - start
start = time.perf_counter()
html_to_pdf(html)
warm = time.perf_counter() - start
print(json.dumps({"first_s": round(first, 3), "warm_s": round(warm, 3)}))

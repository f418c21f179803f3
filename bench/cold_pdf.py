"""Render one HTML file through the PDF service in a fresh process, warmed up as a worker is.

Called by bench/run.py for each document; prints one line of JSON: the first render and the next.
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

from pcc_portal.pdf.services import html_to_pdf, warm_up  # noqa: E402

html = Path(sys.argv[1]).read_text(encoding="utf-8")
# As a worker process does when it starts (pcc_portal/celery.py): the first document after that.
warm_up()
start = time.perf_counter()
html_to_pdf(html)
first = time.perf_counter() - start
start = time.perf_counter()
html_to_pdf(html)
warm = time.perf_counter() - start
print(json.dumps({"first_s": round(first, 3), "warm_s": round(warm, 3)}))

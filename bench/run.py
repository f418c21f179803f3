"""Benchmarks on a national-scale data set (timings never go in tests).

Builds a scratch database (Django's test database for the configured
DATABASE_URL), fills it with national-scale data, and times the main pages
(server time through the test client, median of several runs) and a
100-page PDF. Each app adds its own data and pages in bench/scenarios/.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pcc_bench python bench/run.py
"""

import importlib
import os
import pkgutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402

PAGE_TARGET_MS = 50
PDF_TARGET_S = 10
RUNS = 7


def time_page(client, url: str) -> float:
    """Return the median server time in ms for GET url (after one warm-up)."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_config = setup_databases(verbosity=1, interactive=False)
    failures = 0
    try:
        import scenarios

        chosen = set(sys.argv[1:])  # e.g. `bench/run.py a_foundation z_archive`: only these scenarios
        for module_info in pkgutil.iter_modules(scenarios.__path__):
            if chosen and module_info.name not in chosen:
                continue
            module = importlib.import_module(f"scenarios.{module_info.name}")
            start = time.perf_counter()
            module.build()
            print(f"[{module_info.name}] data built in {time.perf_counter() - start:.1f} s")
            for label, client, url in module.pages():
                ms = time_page(client, url)
                ok = ms < PAGE_TARGET_MS
                failures += not ok
                print(f"  {'ok  ' if ok else 'SLOW'} {ms:7.1f} ms  {label}  {url}")
            for label, render in getattr(module, "pdfs", list)():
                start = time.perf_counter()
                pages = render()
                seconds = time.perf_counter() - start
                ok = seconds < PDF_TARGET_S
                failures += not ok
                print(f"  {'ok  ' if ok else 'SLOW'} {seconds:7.2f} s   {label} ({pages} pages)")
            for label, task, target_s in getattr(module, "timings", list)():
                start = time.perf_counter()
                note = task()
                seconds = time.perf_counter() - start
                ok = seconds < target_s
                failures += not ok
                print(f"  {'ok  ' if ok else 'SLOW'} {seconds:7.2f} s   {label} ({note})")
    finally:
        teardown_databases(old_config, verbosity=1)
    print("all within targets" if not failures else f"{failures} over target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())

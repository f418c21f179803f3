"""Time each app's dashboard and deadline hooks on the bench data (a diagnostic, not a test)."""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from pcc_portal.core.registry import app_configs_with  # noqa: E402


def main(scenario_names: list[str]) -> None:
    import importlib

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        for name in scenario_names:
            importlib.import_module(f"scenarios.{name}").build()
        from pcc_portal.accounts.models import Role, User

        users = [
            User.objects.filter(role=Role.OPCC_STAFF).first(),
            User.objects.filter(role=Role.PARTNER).first(),
            User.objects.filter(role=Role.PANEL_SECRETARIAT).first(),
        ]
        now = timezone.now()
        from django.conf import settings

        settings.DEBUG = True
        for user in users:
            if user is None:
                continue
            print(f"== {user.email} ({user.role})")
            for hook in ("deadlines", "dashboard_panels"):
                for config in app_configs_with(hook):
                    reset_queries()
                    start = time.perf_counter()
                    if hook == "deadlines":
                        result = list(
                            config.deadlines(start=now - timedelta(days=90), end=now + timedelta(days=31), user=user)
                        )
                    else:
                        result = config.dashboard_panels(user)
                    ms = (time.perf_counter() - start) * 1000
                    queries = len(connection.queries)
                    print(f"  {hook:16} {config.label:14} {ms:8.1f} ms {queries:3} queries {len(result)} items")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:] or ["a_foundation", "commissioning", "consultations"])

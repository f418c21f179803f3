"""Settings for a Celery worker subprocess started by a test: the project's settings plus the
tests-only deadline source and the file mailbox, with a short claim lease."""

import os
from datetime import timedelta

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from pcc_portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.deadlines.sourceapp"]  # noqa: F405
EMAIL_BACKEND = "tests.deadlines.mailbox.FileMailboxBackend"
DEADLINES_CLAIM_LEASE = timedelta(seconds=float(os.environ.get("DEADLINES_TEST_LEASE_SECONDS", "2")))
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

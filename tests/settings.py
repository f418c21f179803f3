"""Test settings: the project's settings with safe defaults for a test run.

Services come from the environment as in production: CI sets DATABASE_URL
and CELERY_BROKER_URL to the real PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")

from pcc_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="pcc-portal-test-media-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Tests that need the real worker start one; the rest run tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
# Off unless a run asks for it: PAGE_CACHE_TESTS=1 runs the suite with every page going through the page cache.
PAGE_CACHE = os.environ.get("PAGE_CACHE_TESTS", "") == "1"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="pcc-portal-test-static-")

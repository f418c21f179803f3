import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pcc_portal.accounts.models import ForceArea, Role, User

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="pcc_portal.settings",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="portal.example.org",
        **extra,
    )
    return env


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    # Run from a copy-free cwd with no .env file in play: settings read the real environment.
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_fresh_checkout_runs_commands_with_the_development_defaults():
    """With nothing set (no SECRET_KEY, no DEBUG), manage.py takes .env.example's defaults, as `make run` does."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}}
    env["DJANGO_SETTINGS_MODULE"] = "pcc_portal.settings"
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_load_demo_is_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_load_demo_creates_seed_areas_and_a_user_per_role_and_is_safe_twice(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    counts = (ForceArea.objects.count(), User.objects.count())
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (ForceArea.objects.count(), User.objects.count()) == counts
    names = set(ForceArea.objects.values_list("name", flat=True))
    assert {
        "Leicestershire",
        "West Midlands",
        "West Yorkshire",
        "South Wales",
        "Avon and Somerset",
        "Cambridgeshire",
    } <= names
    assert ForceArea.objects.get(name="South Wales").nation == ForceArea.Nation.WALES
    assert set(User.objects.values_list("role", flat=True)) == {r.value for r in Role}
    admin = User.objects.get(email="admin@demo.pcc-portal.org.uk")
    assert admin.is_staff and admin.check_password("Portal-demo-2026")

"""The embedded default (a SQLite file) takes concurrent autosaves and submits without losing any.

The writers run in a subprocess on their own SQLite file with the project's
settings, first through the services and then over HTTP through the threaded
server `make run` starts, so this runs the same way on a laptop and in CI
(where the test database itself is PostgreSQL).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("sqlite_writers.py")
ROOT = Path(__file__).resolve().parents[2]


def test_eight_threads_saving_and_submitting_at_once_give_no_error_and_lose_no_answer(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}", DJANGO_SETTINGS_MODULE="tests.settings")
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["threads"] == 8
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == []
    assert outcome["lost"] == []
    # The same collision through the server make run starts: autosaves and "Save and submit" in the browser.
    http = outcome["http"]
    assert http["threads"] == 12
    assert http["errors"] == []
    assert http["lost"] == []
    assert http["statuses"]["confirm submission 200"] == 4

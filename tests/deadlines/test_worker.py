"""The sweep on real Celery workers through Redis, in their own processes.

Each worker is a `celery -A pcc_portal worker` subprocess pointed at this
test's database, listening on its own queue, with the tests-only deadline
source and a file mailbox (one line per email "sent", slowly).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection

from pcc_portal.deadlines.models import Reminder
from pcc_portal.deadlines.registry import LONDON
from tests.accounts.factories import UserFactory

from .mailbox import DELAY_ENV, MAILBOX_ENV, read_mailbox
from .source import SOURCE_FILE_ENV, make_deadline, write_source_file

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
SWEEP = "pcc_portal.deadlines.tasks.sweep_reminders"


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Start and kill worker subprocesses for one test."""

    def __init__(self, tmp_path: Path):
        self.queue = f"deadlines-test-{uuid.uuid4().hex[:12]}"
        self.mailbox = tmp_path / "mailbox.jsonl"
        self.source = tmp_path / "deadlines.json"
        self.logs = tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self, *, pool: str = "solo", concurrency: int = 1, mail_delay: float = 0.0) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.deadlines.worker_settings",
            "DATABASE_URL": _database_url(),
            "DEBUG": "1",
            "SECRET_KEY": "tests-only-not-secret",
            "PYTHONPATH": str(ROOT),
            SOURCE_FILE_ENV: str(self.source),
            MAILBOX_ENV: str(self.mailbox),
            DELAY_ENV: str(mail_delay),
            "DEADLINES_TEST_LEASE_SECONDS": "2",
        }
        log = open(self.logs / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "pcc_portal",
                "worker",
                "-Q",
                self.queue,
                "-P",
                pool,
                "-c",
                str(concurrency),
                "-n",
                f"{self.queue}-{len(self.processes)}@%h",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a kill takes any pool children too
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def sweep(self):
        from pcc_portal.celery import app

        return app.send_task(SWEEP, queue=self.queue)

    def log_text(self) -> str:
        return "\n".join(p.read_text() for p in sorted(self.logs.glob("worker-*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            self.kill(process)


@pytest.fixture
def workers(postgresql, tmp_path):
    from pcc_portal.celery import app

    started = Workers(tmp_path)
    app.conf.task_always_eager = False  # results come back through Redis from the subprocess
    try:
        yield started
    finally:
        started.stop_all()
        app.conf.task_always_eager = True


def _due_now_for(people, count: int):
    # Due in an hour: whatever the time of day, exactly one lead time (today's or yesterday's) is due now.
    due = datetime.now(tz=LONDON) + timedelta(hours=1)
    return [make_deadline(key=f"panels.papers:{n}", due=due, recipients=people) for n in range(count)]


def _sent_keys(workers: Workers) -> Counter:
    return Counter((line["to"][0], line["reminder"]) for line in read_mailbox(workers.mailbox))


def test_two_sweeps_at_once_on_real_workers_send_each_reminder_once(workers):
    people = UserFactory.create_batch(4)
    write_source_file(workers.source, _due_now_for(people, 10))
    workers.start(pool="prefork", concurrency=2, mail_delay=0.02)
    first, second = workers.sweep(), workers.sweep()
    outcomes = [first.get(timeout=120), second.get(timeout=120)]
    sent = _sent_keys(workers)
    assert len(sent) == 40, workers.log_text()
    assert set(sent.values()) == {1}
    assert sum(o["sent"] for o in outcomes) == 40
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == 40


def test_worker_killed_mid_sweep_and_restarted_sends_the_rest_once(workers):
    people = UserFactory.create_batch(3)
    write_source_file(workers.source, _due_now_for(people, 8))  # 24 reminders, 0.3 s each
    doomed = workers.start(mail_delay=0.3)
    workers.sweep()
    deadline = time.monotonic() + 90
    # Wait until five are sent and recorded, then kill it inside the sixth send (each takes 0.3 s).
    while Reminder.objects.filter(status=Reminder.Status.SENT).count() < 5:
        assert time.monotonic() < deadline, workers.log_text()
        assert doomed.poll() is None, workers.log_text()
        time.sleep(0.02)
    time.sleep(0.1)
    workers.kill(doomed)

    sent_before = len(read_mailbox(workers.mailbox))
    assert 5 <= sent_before < 24
    assert Reminder.objects.filter(status=Reminder.Status.CLAIMED).exists()  # the dead worker's unfinished claim

    time.sleep(2.5)  # the dead worker's lease (2 s in these tests) runs out
    workers.start(mail_delay=0.01)
    outcome = workers.sweep().get(timeout=120)
    sent = _sent_keys(workers)
    assert len(sent) == 24, workers.log_text()
    assert set(sent.values()) == {1}, "a reminder was sent twice"
    assert outcome["sent"] == 24 - sent_before
    assert not Reminder.objects.exclude(status__in=[Reminder.Status.SENT, Reminder.Status.SUPERSEDED]).exists()

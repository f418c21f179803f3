"""Two sweeps at the same moment, in two threads with their own database connections."""

import threading
import time
from datetime import datetime

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection

from pcc_portal.deadlines.models import Reminder
from pcc_portal.deadlines.registry import LONDON
from pcc_portal.deadlines.services import reminders_sweep
from tests.accounts.factories import UserFactory


class SlowBackend(EmailBackend):
    """Keep each sweep busy long enough for the two to overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        return super().send_messages(messages)


def test_two_sweeps_at_once_send_one_email_per_deadline_recipient_and_lead(deadline_source, postgresql, settings):
    settings.EMAIL_BACKEND = "tests.deadlines.test_concurrency.SlowBackend"
    settings.DEADLINES_BATCH_SIZE = 7
    people = UserFactory.create_batch(5)
    for n in range(20):
        deadline_source.add(key=f"panels.papers:{n}", due=datetime(2026, 12, 18, 17, tzinfo=LONDON), recipients=people)
    now = datetime(2026, 12, 11, 9, 0, tzinfo=LONDON)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait()
            results.append(reminders_sweep(now=now))
        except Exception as exc:  # reported below, so a thread's failure fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    sent = [(m.to[0], m.extra_headers["X-PCC-Reminder"]) for m in mail.outbox]
    assert len(sent) == 100
    assert len(set(sent)) == 100
    assert sum(r.sent for r in results) == 100
    assert all(r.sent > 0 for r in results), "both sweeps should have shared the work"
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == 100

"""A tests-only email backend for a worker process: one JSON line per message, appended to a file.

Set $DEADLINES_TEST_MAILBOX to the file and $DEADLINES_TEST_MAIL_DELAY to the
seconds each message takes to "send" (so a test can kill a worker mid-sweep).
"""

import json
import os
import time

from django.core.mail.backends.base import BaseEmailBackend

MAILBOX_ENV = "DEADLINES_TEST_MAILBOX"
DELAY_ENV = "DEADLINES_TEST_MAIL_DELAY"


class FileMailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        delay = float(os.environ.get(DELAY_ENV, "0"))
        path = os.environ[MAILBOX_ENV]
        for message in email_messages:
            time.sleep(delay)  # the time an SMTP server takes: the message is not out until it ends
            line = {
                "to": message.to,
                "subject": message.subject,
                "reminder": message.extra_headers.get("X-PCC-Reminder"),
            }
            with open(path, "a") as handle:
                handle.write(json.dumps(line) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        return len(email_messages)


def read_mailbox(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]

"""Reminder settings, each overridable in Django settings (defaults shown)."""

from datetime import time, timedelta

from django.conf import settings

DEFAULTS = {
    # Days before the deadline that a reminder goes out; 0 is "on the day".
    "DEADLINES_LEAD_DAYS": (14, 7, 1, 0),
    # Local time (Europe/London) at which reminders go out.
    "DEADLINES_SEND_AT": time(9, 0),
    # A reminder whose time passed while no sweep ran is still sent this long afterwards.
    "DEADLINES_CATCH_UP": timedelta(days=2),
    # An item overdue this long is raised once to Deadline.escalate_to_ids.
    "DEADLINES_ESCALATE_AFTER": timedelta(days=3),
    # A claim not completed within the lease (a crashed worker) is claimed again.
    "DEADLINES_CLAIM_LEASE": timedelta(minutes=10),
    # Claims per batch, and the time one sweep may run before leaving the rest to the next.
    "DEADLINES_BATCH_SIZE": 200,
    "DEADLINES_SWEEP_BUDGET": timedelta(minutes=7),
    "DEADLINES_MAX_ATTEMPTS": 5,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])

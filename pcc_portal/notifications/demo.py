"""Demo notifications: each kind told of a few of the demo records, to the people it concerns.

Recorded through the same service as real events (so the same people see them),
marked illustrative and not emailed.
"""

from .models import Notification
from .registry import notification_kinds
from .services import notifications_record


def load(*, stdout) -> None:
    told = 0
    for kind in notification_kinds():
        if Notification.objects.filter(kind=kind.code, is_illustrative=True).exists():
            continue  # loaded before: the demo's records may have changed since, so no second set
        for object_id in kind.demo_ids() if kind.demo_ids else []:
            event = kind.event(object_id)
            if event is not None:
                told += notifications_record(kind=kind.code, event=event, is_illustrative=True)
    stdout.write(f"Notifications: {told} illustrative notifications for the demo users.")

from celery import shared_task

from pcc_portal.notifications.services import notification_event_deliver


@shared_task
def notify_panel_of_shared_version(version_id: int) -> int:
    """Tell the area's panel that a version was shared; safe to run twice.

    Kept under its old name for tasks queued before notifications existed: the
    message now goes through pcc_portal.notifications (its list, settings and ledger).
    """
    return notification_event_deliver(kind="plans.version_shared", object_id=version_id)

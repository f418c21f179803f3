from celery import shared_task

from .services import panel_notify_shared_version


@shared_task
def notify_panel_of_shared_version(version_id: int) -> int:
    """Email the area's panel that a version was shared; safe to run twice."""
    return panel_notify_shared_version(version_id=version_id)

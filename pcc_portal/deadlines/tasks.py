from celery import shared_task

from .services import reminders_sweep


@shared_task(acks_late=True)
def sweep_reminders() -> dict:
    """Send every reminder and escalation whose time has come, each exactly once (see services)."""
    return reminders_sweep().as_dict()

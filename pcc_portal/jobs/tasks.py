from celery import shared_task

from .services import heartbeat_record


@shared_task(bind=True)
def heartbeat(self, name: str = "worker") -> int:
    """Record that a worker is alive; returns the beat count."""
    worker = "in-process" if self.request.is_eager else (self.request.hostname or "unknown")
    return heartbeat_record(name=name, worker=worker).beats

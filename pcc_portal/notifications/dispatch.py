"""The one place that queues this package's tasks, so services never import tasks at module level."""


def deliver(kind: str, object_id: int) -> None:
    from .tasks import deliver_notification

    deliver_notification.delay(kind, object_id)

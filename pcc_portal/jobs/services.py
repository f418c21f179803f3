from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Heartbeat


@transaction.atomic
def heartbeat_record(*, name: str = "worker", worker: str = "") -> Heartbeat:
    """Count one beat for the named heartbeat."""
    Heartbeat.objects.get_or_create(name=name)
    Heartbeat.objects.filter(name=name).update(beats=F("beats") + 1, last_beat_at=timezone.now(), last_worker=worker)
    return Heartbeat.objects.get(name=name)

from celery import shared_task

from .services import agenda_pack_make


@shared_task(acks_late=True)
def render_agenda_pack(meeting_id: int, *, insider: bool = False) -> str:
    """Make a meeting's agenda pack PDF; safe to run again (an unchanged pack is stored once, by content)."""
    return agenda_pack_make(meeting_id=meeting_id, insider=insider)

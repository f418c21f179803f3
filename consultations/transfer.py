"""Consultations' part of the transfer register: consultations open across the date (pcc_portal.core.transfer)."""

from collections.abc import Iterator
from datetime import date

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import ConsultationEvent


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose each consultation running on the transfer date: its findings need an owner."""
    events = ConsultationEvent.objects.filter(
        force_areas=area_id, starts_on__lte=transfer_date, ends_on__gte=transfer_date
    ).order_by("starts_on", "pk")
    for event in events:
        yield TransferProposal(
            source_key=f"consultations.event:{event.pk}",
            kind=TransferKind.CONSULTATION,
            title=f"Consultation: {event.title}",
            url=event.get_absolute_url(),
            workstream="communications",
            due=event.ends_on,
            detail=f"Runs {event.starts_on:%-d %B %Y} to {event.ends_on:%-d %B %Y}.",
        )

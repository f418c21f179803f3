"""Consultations' part of the transfer register: consultations open across the date (pcc_portal.core.transfer)."""

from collections.abc import Iterator
from datetime import date

from django.utils import timezone

from pcc_portal.core.transfer import TransferKind, TransferProposal
from pcc_portal.deadlines.registry import due_at

from .models import Consultation, ConsultationEvent


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose each consultation running on the transfer date: its responses and findings need an owner."""
    moment = due_at(transfer_date)
    consultations = Consultation.objects.filter(
        force_area_id=area_id, opens_at__lte=moment, closes_at__gte=moment
    ).order_by("closes_at", "pk")
    for consultation in consultations:
        closes = timezone.localtime(consultation.closes_at)
        yield TransferProposal(
            source_key=f"consultations.consultation:{consultation.pk}",
            kind=TransferKind.CONSULTATION,
            title=f"Consultation: {consultation.title}",
            url=consultation.get_absolute_url(),
            workstream="communications",
            due=closes.date(),
            detail=f"{consultation.get_status_display()}; closes {closes:%-d %B %Y}.",
        )
    events = ConsultationEvent.objects.filter(
        force_areas=area_id, starts_on__lte=transfer_date, ends_on__gte=transfer_date
    ).order_by("starts_on", "pk")
    for event in events:
        yield TransferProposal(
            source_key=f"consultations.event:{event.pk}",
            kind=TransferKind.CONSULTATION,
            title=f"Consultation events: {event.title}",
            url=event.get_absolute_url(),
            workstream="communications",
            due=event.ends_on,
            detail=f"Runs {event.starts_on:%-d %B %Y} to {event.ends_on:%-d %B %Y}.",
        )

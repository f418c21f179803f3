"""Commissioning's part of the transfer register: live grants and open rounds (pcc_portal.core.transfer)."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import Grant, Round


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose each active grant running past the transfer date (with the payments still to make) and open rounds."""
    grants = (
        Grant.objects.filter(force_area_id=area_id, status=Grant.Status.ACTIVE, end_date__gte=transfer_date)
        .select_related("recipient")
        .annotate(
            remaining_pence=Sum(
                "instalments__amount_pence",
                filter=Q(instalments__due_date__gte=transfer_date, instalments__paid_on__isnull=True),
            )
        )
        .order_by("reference")
    )
    for grant in grants:
        remaining = Decimal(grant.remaining_pence or 0) / 100
        yield TransferProposal(
            source_key=f"commissioning.grant:{grant.pk}",
            kind=TransferKind.GRANT,
            title=f"Grant {grant.reference}: {grant.title} ({grant.recipient.name})",
            url=grant.get_absolute_url(),
            workstream="commissioning",
            counterparty_id=grant.recipient_id,
            due=grant.end_date,
            amount=remaining,
            detail=f"Runs to {grant.end_date:%-d %B %Y}; £{remaining:,.2f} of payments fall due on or after transfer.",
        )
    rounds = Round.objects.filter(stream__force_area_id=area_id, closes_at__gte=timezone.now()).order_by("closes_at")
    for funding_round in rounds:
        yield TransferProposal(
            source_key=f"commissioning.round:{funding_round.pk}",
            kind=TransferKind.CONTRACT,
            title=f"Open funding round: {funding_round.title}",
            url=funding_round.get_absolute_url(),
            workstream="commissioning",
            due=transfer_date,
            detail=f"Closes {timezone.localtime(funding_round.closes_at):%-d %B %Y}; its awards need an owner.",
        )

"""Contracts still running on a transition's transfer date, proposed to its transfer register."""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import Contract


def contract_proposals(*, area_id: int, transfer_date: datetime.date) -> Iterator[TransferProposal]:
    """Yield a proposal for each of the area's contracts that ends after the transfer date."""
    contracts = (
        Contract.objects.filter(force_area_id=area_id, end_date__gt=transfer_date)
        .select_related("force_area")
        .order_by("end_date", "reference")
    )
    for contract in contracts:
        yield TransferProposal(
            source_key=f"transparency.contract:{contract.pk}",
            kind=TransferKind.CONTRACT,
            title=f"Contract {contract.reference}: {contract.title} ({contract.supplier_name})",
            url=reverse("transparency:contract_list", kwargs={"code": contract.force_area.code})
            + f"#contract-{contract.pk}",
            workstream="finance",
            counterparty_id=contract.supplier_id,
            due=transfer_date,
            amount=contract.value,
            detail=(
                f"Runs from {contract.start_date:%-d %B %Y} to {contract.end_date:%-d %B %Y}, "
                f"let by {contract.get_procurement_route_display().lower()}; "
                f"the contract must be novated or ended."
            ),
        )

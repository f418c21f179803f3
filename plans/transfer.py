"""The plans' part of the transfer register: the current issued plan (pcc_portal.core.transfer)."""

from collections.abc import Iterator
from datetime import date

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import PlanVersion


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose the area's current issued plan: the successor inherits it until it issues its own."""
    version = (
        PlanVersion.objects.filter(plan__force_area_id=area_id, status=PlanVersion.Status.ISSUED)
        .select_related("plan")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if version is None:
        return
    yield TransferProposal(
        source_key=f"plans.plan:{version.plan_id}",
        kind=TransferKind.PLAN,
        title=f"Police and crime plan: {version.plan.title}",
        url=version.get_absolute_url(),
        workstream="governance",
        day_one_critical=True,
        detail=f"Issued plan for {version.plan.period_start:%Y} to {version.plan.period_end:%Y}.",
    )

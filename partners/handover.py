"""Partners' part of the transfer register: board seats the Commissioner holds (pcc_portal.core.transfer).

(partners/transfer.py is the CSV import and export, hence this name.)
"""

from collections.abc import Iterator
from datetime import date

from django.db.models import Prefetch

from pcc_portal.core.transfer import TransferKind, TransferProposal

from .models import OrganisationType, Partnership, PartnershipMember


def transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Propose each active board of the area on which the OPCC holds a seat; its counterparty is the chair's body."""
    chairs = PartnershipMember.objects.filter(role=PartnershipMember.Role.CHAIR).exclude(
        organisation__org_type=OrganisationType.OPCC
    )
    boards = (
        Partnership.objects.filter(
            force_area_id=area_id, is_active=True, members__organisation__org_type=OrganisationType.OPCC
        )
        .exclude(kind=Partnership.Kind.TRANSITION_BOARD)  # it ends with the programme; nothing to hand over
        .prefetch_related(Prefetch("members", queryset=chairs, to_attr="chair_members"))
        .distinct()
        .order_by("name")
    )
    for board in boards:
        chair = board.chair_members[0].organisation_id if board.chair_members else None
        yield TransferProposal(
            source_key=f"partners.board_seat:{board.pk}",
            kind=TransferKind.BOARD_SEAT,
            title=f"Seat on {board.name}",
            url=board.get_absolute_url(),
            workstream="partnerships",
            counterparty_id=chair,
            detail=f"{board.get_kind_display()}: the Commissioner's seat passes to the successor or lapses.",
        )

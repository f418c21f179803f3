"""The transfer register's seam: each app proposes what it holds that must be handed over.

When a force area's functions pass to a successor body (police authority to
PCC in 2012; PCC to a mayor or a Policing and Crime Board in 2028), every
contract, grant, board seat, open recommendation and so on needs a named
receiver. An app's AppConfig may implement

    def transfer_proposals(self, *, area_id: int, transfer_date: date) -> Iterable[TransferProposal]

returning what the app holds for the area that is still live on the transfer
date. The transition app collects them into the programme's register: a
proposal is matched to its register row by ``source_key``, so running the
proposal again never duplicates a row, and never overwrites what a person
edited there. Apps never import the transition app.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .registry import app_configs_with


class TransferKind:
    """The kinds of register row (the values of the register's `kind` field)."""

    FUNCTION = "function"  # statutory function or duty
    CONTRACT = "contract"
    GRANT = "grant"
    ASSET = "asset"
    POST = "post"  # role and count, never personal data
    RECORDS = "records"  # a data set or records, with its retention rule
    BOARD_SEAT = "board_seat"
    RECOMMENDATION = "recommendation"  # an open panel recommendation
    COMPLAINT = "complaint"  # an open complaint
    PLAN = "plan"  # a plan or policy
    DELEGATION = "delegation"
    CONSULTATION = "consultation"  # open across the transfer date
    DEADLINE = "deadline"  # a deadline falling after the transfer date

    CHOICES = [
        (FUNCTION, "Statutory function or duty"),
        (CONTRACT, "Contract"),
        (GRANT, "Grant"),
        (ASSET, "Asset"),
        (POST, "Post"),
        (RECORDS, "Data set or records"),
        (BOARD_SEAT, "Partnership board seat"),
        (RECOMMENDATION, "Open panel recommendation"),
        (COMPLAINT, "Open complaint"),
        (PLAN, "Plan or policy"),
        (DELEGATION, "Delegation"),
        (CONSULTATION, "Consultation open across the date"),
        (DEADLINE, "Deadline after the date"),
    ]


@dataclass(frozen=True)
class TransferProposal:
    source_key: str  # stable and unique across the portal, e.g. "commissioning.grant:12"
    kind: str  # one of TransferKind
    title: str
    url: str  # the page of the object it came from
    workstream: str = ""  # suggested workstream key, e.g. "commissioning", "governance"
    counterparty_id: int | None = None  # partners.Organisation on the other side (grantee, supplier, board)
    due: date | None = None  # when it must be settled, if the source says
    day_one_critical: bool = False
    amount: Decimal | None = None  # e.g. a grant's payments still to make after the date
    retention: str = ""  # for records: the retention rule
    detail: str = ""  # one or two plain sentences shown on the row


def collect_transfer_proposals(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    """Yield every app's proposals for the area, in app order."""
    for config in app_configs_with("transfer_proposals"):
        yield from config.transfer_proposals(area_id=area_id, transfer_date=transfer_date)

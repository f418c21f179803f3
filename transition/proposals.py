"""Deadlines falling after the transfer date, proposed as register rows (kind DEADLINE).

They come from the deadline registry (every app's `deadlines` hook) for the year after transfer.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from pcc_portal.core.transfer import TransferKind, TransferProposal
from pcc_portal.deadlines.registry import collect_deadlines, due_at

HORIZON = timedelta(days=366)


def deadlines_after(*, area_id: int, transfer_date: date) -> Iterator[TransferProposal]:
    start = due_at(transfer_date)
    for deadline in collect_deadlines(start=start, end=start + HORIZON, strict=False):
        if deadline.area_id != area_id or deadline.done or deadline.kind.startswith("transition."):
            continue
        yield TransferProposal(
            source_key=f"deadline.{deadline.key}"[:120],
            kind=TransferKind.DEADLINE,
            title=f"{deadline.kind_label}: {deadline.title}"[:300],
            url=deadline.url,
            workstream="governance",
            due=deadline.due.date(),
            detail=f"Falls due after transfer; responsible now: {deadline.responsible}.",
        )

"""Writes to transition programmes: each runs in one transaction and calls full_clean()."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from pcc_portal.core.transfer import TransferProposal, collect_transfer_proposals

from .models import (
    EscalationNotice,
    Milestone,
    TransferEvidence,
    TransferItem,
    TransferItemStatusChange,
    TransitionProgramme,
    Workstream,
    WorkstreamStatusChange,
)
from .permissions import can_accept_in_area, can_manage_transition

logger = logging.getLogger(__name__)

ESCALATE_DAYS_BEFORE = 90
ESCALATION_KEY = "no-receiver-90-days"


def _require_manager(user, programme: TransitionProgramme) -> None:
    if user is not None and not can_manage_transition(user, programme.force_area_id):
        raise PermissionDenied("Only OPCC staff of the area manage its transition programme.")


# Statutory milestones -------------------------------------------------------------------------


def _financial_year_start(day: date) -> int:
    """Return the calendar year in which the financial year containing `day` began (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def statutory_milestones(programme: TransitionProgramme) -> dict[str, tuple[str, date]]:
    """Return the statutory milestones the programme's dates imply, by key: (title, date).

    - the outgoing body's last precept for the financial year of the transfer: proposed to the panel
      by 1 February and issued by 1 March before that year begins (DOMAIN: precept timetable);
    - the police and crime panel's last meeting, the day before a PCC's functions pass on;
    - the election, when there is one, and the successor taking office on the transfer date;
    - the successor's first plan by 31 March of the financial year in which it takes office
      (2012: elected 15 November, plan by 31 March 2013).
    """
    transfer = programme.transfer_date
    fy = _financial_year_start(transfer)
    out = programme.outgoing_body
    result = {
        "last-precept-proposed": (f"{out}: last precept proposed to the panel", date(fy, 2, 1)),
        "last-precept-issued": (f"{out}: last precept issued", date(fy, 3, 1)),
        "taking-office": (f"{programme.successor_name} takes office", transfer),
        "first-plan": (f"{programme.successor_name}: first police and crime plan issued", date(fy + 1, 3, 31)),
    }
    if programme.kind != TransitionProgramme.Kind.PA_TO_PCC:
        result["panel-last-meeting"] = ("Police and crime panel's last meeting", transfer - timedelta(days=1))
    if programme.election_date:
        result["election"] = ("Election day", programme.election_date)
    return result


def milestones_sync_statutory(*, programme: TransitionProgramme) -> None:
    """Create or move the statutory milestones to match the programme's dates; never duplicate them."""
    wanted = statutory_milestones(programme)
    existing = {m.statutory_key: m for m in programme.milestones.exclude(statutory_key="")}
    for key, (title, due_on) in wanted.items():
        milestone = existing.get(key)
        if milestone is None:
            Milestone.objects.create(programme=programme, statutory_key=key, title=title, due_on=due_on)
        elif milestone.title != title or milestone.due_on != due_on:
            milestone.title, milestone.due_on = title, due_on
            milestone.save(update_fields=["title", "due_on"])
    for key, milestone in existing.items():
        if key not in wanted:
            milestone.delete()


# Programme ------------------------------------------------------------------------------------


@transaction.atomic
def programme_save(*, programme: TransitionProgramme, user) -> TransitionProgramme:
    """Save a new or changed programme and recompute its statutory milestones."""
    _require_manager(user, programme)
    programme.full_clean()
    programme.save()
    milestones_sync_statutory(programme=programme)
    return programme


@transaction.atomic
def object_save(*, obj, user):
    """Save a workstream's milestone, risk or decision (anything reaching its area through programme)."""
    _require_manager(user, obj.programme)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def workstream_save(*, workstream: Workstream, user) -> Workstream:
    """Save a workstream; a change of RAG status is recorded with its reason."""
    _require_manager(user, workstream.programme)
    workstream.full_clean()
    previous = None
    if workstream.pk:
        previous = Workstream.objects.select_for_update().filter(pk=workstream.pk).values_list("rag", flat=True).first()
    workstream.save()
    if previous is not None and previous != workstream.rag:
        WorkstreamStatusChange.objects.create(
            workstream=workstream,
            from_rag=previous,
            to_rag=workstream.rag,
            reason=workstream.rag_reason,
            changed_by=user,
        )
    return workstream


# The transfer register ------------------------------------------------------------------------

# The register fields a proposal fills, and so may refresh (unless a person has edited them).
PROPOSED_FIELDS = ("kind", "title", "detail", "source_url", "counterparty_id", "due_on", "day_one_critical", "amount")


def _proposed_values(proposal: TransferProposal) -> dict:
    return {
        "kind": proposal.kind,
        "title": proposal.title[:300],
        "detail": proposal.detail,
        "source_url": proposal.url[:300],
        "counterparty_id": proposal.counterparty_id,
        "due_on": proposal.due,
        "day_one_critical": proposal.day_one_critical,
        "amount": proposal.amount,
    }


@dataclass
class ProposalResult:
    created: int = 0
    refreshed: int = 0
    unchanged: int = 0
    gone: int = 0


@transaction.atomic
def register_propose(*, programme: TransitionProgramme, user) -> ProposalResult:
    """Bring the register up to date with what every app proposes for the area.

    New proposals become rows; an existing row gets only the fields no person has edited
    refreshed; a row whose source no longer proposes it stays, marked as no longer live.
    Running it twice leaves the same rows.
    """
    _require_manager(user, programme)
    programme = TransitionProgramme.objects.select_for_update().get(pk=programme.pk)
    workstreams = {w.key: w.pk for w in programme.workstreams.all()}
    proposals: dict[str, TransferProposal] = {}
    for proposal in collect_transfer_proposals(area_id=programme.force_area_id, transfer_date=programme.transfer_date):
        proposals.setdefault(proposal.source_key, proposal)
    existing = {item.source_key: item for item in programme.items.exclude(source_key="")}
    result = ProposalResult()
    new_rows = []
    for key, proposal in proposals.items():
        values = _proposed_values(proposal)
        item = existing.get(key)
        if item is None:
            new_rows.append(
                TransferItem(
                    programme=programme,
                    source_key=key,
                    workstream_id=workstreams.get(proposal.workstream),
                    retention=proposal.retention,
                    **values,
                )
            )
            continue
        edited = set(item.edited_fields or [])
        changed = []
        for name, value in values.items():
            field_name = name.removesuffix("_id")
            if field_name in edited or getattr(item, name) == value:
                continue
            setattr(item, name, value)
            changed.append(name)
        if not item.source_live:
            item.source_live = True
            changed.append("source_live")
        if changed:
            item.save(update_fields=[*changed, "updated_at"])
            result.refreshed += 1
        else:
            result.unchanged += 1
    TransferItem.objects.bulk_create(new_rows)
    result.created = len(new_rows)
    gone = [pk for key, item in existing.items() if key not in proposals and item.source_live for pk in [item.pk]]
    if gone:
        TransferItem.objects.filter(pk__in=gone).update(source_live=False, updated_at=timezone.now())
        result.gone = len(gone)
    return result


# Fields a person may change on a row through the edit form (a change is remembered in edited_fields).
EDITABLE_FIELDS = (
    "workstream",
    "kind",
    "title",
    "detail",
    "counterparty",
    "receiver_kind",
    "receiver_organisation",
    "status",
    "close_reason",
    "owner",
    "due_on",
    "day_one_critical",
    "amount",
    "retention",
    "post_count",
    "notes",
)


def _mark_edited(item: TransferItem, names) -> None:
    item.edited_fields = sorted(set(item.edited_fields or []) | set(names))


def _status_label(status: str) -> str:
    return TransferItem.Status(status).label if status in TransferItem.Status.values else status


def status_move_check(*, from_status: str, to_status: str, note: str = "") -> None:
    """Check a row's move from one status to another against TransferItem.STATUS_MOVES.

    Raise ValidationError on the status (a move the table does not allow) or on the note (a move back
    or a reopening without one). A row to close needs its reason, which the row's own clean() checks.
    """
    if from_status == to_status:
        return
    need = TransferItem.STATUS_MOVES.get((from_status, to_status))
    if need is None:
        allowed = [_status_label(s) for s in TransferItem.statuses_after(from_status)]
        raise ValidationError(
            {
                "status": f"A row that is {_status_label(from_status)} can become {' or '.join(allowed)}, "
                f"not {_status_label(to_status)}: it moves one step at a time."
            }
        )
    if need == TransferItem.NOTE and not (note or "").strip():
        raise ValidationError(
            {
                "status_note": f"Say why the row goes back from {_status_label(from_status)} "
                f"to {_status_label(to_status)}."
            }
        )


def _validate_row(item: TransferItem, *, from_status: str | None, note: str) -> None:
    """Run the row's own checks and, for an existing row, the status move's: every error at once."""
    errors: dict = {}
    try:
        item.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if from_status is not None:
        try:
            status_move_check(from_status=from_status, to_status=item.status, note=note)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _claim_status(*, item: TransferItem, from_status: str, user, note: str) -> None:
    """Move the row's status from `from_status` to `item.status` with a conditional update, and log it.

    The update only matches while the row still has the status the person saw, so two people moving
    the same row at once cannot both succeed (nor can one silently undo the other's move).
    """
    status_move_check(from_status=from_status, to_status=item.status, note=note)
    claimed = TransferItem.objects.filter(pk=item.pk, status=from_status).update(status=item.status)
    if not claimed:
        current = TransferItem.objects.filter(pk=item.pk).values_list("status", flat=True).first()
        raise ValidationError(
            {
                "status": f"Someone changed this row's status to {_status_label(current)} since you opened it; "
                "nothing was saved. Check the row and save again."
            }
        )
    if from_status != item.status:
        if item.status not in TransferItem.ACCEPTABLE_STATUSES:
            # The successor accepted an agreed transfer; a row taken back before agreement, or to
            # close, has no transfer left to accept.
            item.accepted_by, item.accepted_at = None, None
        note = item.close_reason if item.status == TransferItem.Status.TO_CLOSE and not note else note
        TransferItemStatusChange.objects.create(
            item=item, from_status=from_status, to_status=item.status, note=note or "", changed_by=user
        )


def _receiver_check(item: TransferItem) -> None:
    if item.receiver_kind != TransferItem.Receiver.ORGANISATION:
        item.receiver_organisation = None
    if item.receiver_kind != TransferItem.Receiver.SUCCESSOR:
        item.accepted_by, item.accepted_at = None, None  # accepted for the successor, who no longer receives it


@transaction.atomic
def item_save(
    *, item: TransferItem, user, changed_fields=(), status_was: str | None = None, status_note: str = ""
) -> TransferItem:
    """Save a row added or edited by hand; the fields changed are never overwritten by a proposal.

    `status_was` is the status the person saw when they opened the row: a change of status must be an
    allowed move from it (TransferItem.STATUS_MOVES), and nothing is saved if someone else has moved
    the row since. A new row may start at any status its receiver allows.
    """
    _require_manager(user, item.programme)
    _receiver_check(item)
    _mark_edited(item, [name for name in changed_fields if name in EDITABLE_FIELDS])
    if item.pk and status_was is None:
        status_was = TransferItem.objects.filter(pk=item.pk).values_list("status", flat=True).get()
    _validate_row(item, from_status=status_was if item.pk else None, note=status_note)
    if item.pk:
        _claim_status(item=item, from_status=status_was, user=user, note=status_note)
    item.save()
    return item


@transaction.atomic
def items_bulk_update(
    *,
    programme: TransitionProgramme,
    item_ids: list[int],
    user,
    status: str = "",
    receiver_kind: str | None = None,
    receiver_organisation=None,
    reason: str = "",
) -> int:
    """Change the status and/or receiver of several rows at once: all are saved, or none.

    Each row's status moves only as TransferItem.STATUS_MOVES allows; `reason` is the reason for rows
    to close and the note for rows moved back. Raise ValidationError naming the first row that cannot
    take the change.
    """
    _require_manager(user, programme)
    items = list(
        TransferItem.objects.select_for_update(of=("self",))
        .filter(programme=programme, pk__in=item_ids)
        .select_related("programme", "receiver_organisation")
        .order_by("pk")
    )
    if not items:
        raise ValidationError("Select at least one row.")
    for item in items:
        changed = []
        from_status = item.status
        if receiver_kind is not None:
            item.receiver_kind = receiver_kind
            item.receiver_organisation = (
                receiver_organisation if receiver_kind == TransferItem.Receiver.ORGANISATION else None
            )
            changed += ["receiver_kind", "receiver_organisation"]
        if status:
            item.status = status
            changed.append("status")
            if status == TransferItem.Status.TO_CLOSE and reason:
                item.close_reason = reason
                changed.append("close_reason")
        _receiver_check(item)
        _mark_edited(item, changed)
        try:
            _validate_row(item, from_status=from_status, note=reason)
            _claim_status(item=item, from_status=from_status, user=user, note=reason)
        except ValidationError as error:
            messages = "; ".join(m for msgs in error.message_dict.values() for m in msgs)
            raise ValidationError(f"“{item.title}”: {messages}") from error
        item.save()
    return len(items)


@transaction.atomic
def item_accept(*, item: TransferItem, user) -> TransferItem:
    """Record that the successor body accepts the row (a successor body officer of the area).

    Only a row the successor receives and whose transfer is agreed (or further on) is accepted, once:
    the conditional update checks all three, so a row changed meanwhile is not accepted.
    """
    if not can_accept_in_area(user, item):
        raise PermissionDenied("Only a successor body officer of the area accepts rows the successor receives.")
    now = timezone.now()
    updated = TransferItem.objects.filter(
        pk=item.pk,
        accepted_at__isnull=True,
        receiver_kind=TransferItem.Receiver.SUCCESSOR,
        status__in=TransferItem.ACCEPTABLE_STATUSES,
    ).update(accepted_by=user, accepted_at=now, updated_at=now)
    item.refresh_from_db()
    if not updated:
        if item.accepted_at is not None:
            raise ValidationError("This row was accepted already.")
        if item.receiver_kind != TransferItem.Receiver.SUCCESSOR:
            raise ValidationError("This row does not go to the successor body, so it is not yours to accept.")
        raise ValidationError(
            f"A row is accepted once its transfer is agreed; this one is {item.get_status_display()}."
        )
    item.save(update_fields=["accepted_by", "accepted_at", "updated_at"])  # its history records who accepted
    return item


@transaction.atomic
def evidence_add(*, item: TransferItem, title: str, upload, user) -> TransferEvidence:
    _require_manager(user, item.programme)
    evidence = TransferEvidence(item=item, title=title, file=upload, uploaded_by=user)
    evidence.full_clean()
    evidence.save()
    return evidence


# Escalation -----------------------------------------------------------------------------------


def escalate_unassigned(*, programme_id: int, today: date | None = None) -> bool:
    """Email the programme lead once when rows still lack a receiver 90 days before transfer.

    The ledger row's unique key makes a second run (or a second worker) send nothing.
    """
    from .selectors import unassigned_items

    today = today or timezone.localdate()
    programme = TransitionProgramme.objects.select_related("lead", "force_area").get(pk=programme_id)
    days_left = (programme.transfer_date - today).days
    if programme.lead is None or not programme.lead.is_active or not (0 <= days_left <= ESCALATE_DAYS_BEFORE):
        return False
    count = unassigned_items(programme).count()
    if not count:
        return False
    try:
        with transaction.atomic():
            EscalationNotice.objects.create(
                programme=programme, key=ESCALATION_KEY, recipient=programme.lead, item_count=count
            )
            context = {"programme": programme, "count": count, "days_left": days_left, "site_url": settings.SITE_URL}
            send_mail(
                subject=f"{programme.name}: {count} register row{'s' if count != 1 else ''} without a receiving body",
                message=render_to_string("emails/transition/escalation.txt", context),
                from_email=None,
                recipient_list=[programme.lead.email],
            )
    except IntegrityError:
        return False  # sent already
    return True


def escalate_all_due(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    horizon = today + timedelta(days=ESCALATE_DAYS_BEFORE)
    ids = TransitionProgramme.objects.filter(
        transfer_date__gte=today, transfer_date__lte=horizon, lead__isnull=False
    ).values_list("pk", flat=True)
    return sum(1 for pk in ids if escalate_unassigned(programme_id=pk, today=today))

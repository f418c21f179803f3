"""Reads of transition programmes, always scoped to the asking user."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet

from partners.models import Organisation, Partnership
from partners.selectors import organisation_of, organisations_in_area
from pcc_portal.accounts.models import Role
from pcc_portal.core.counts import counts_of
from pcc_portal.core.querytemplates import template_rows

from .models import Decision, Milestone, Risk, TransferItem, TransitionProgramme, Workstream
from .permissions import READER_ROLES, _signed_in

S = TransferItem.Status
R = TransferItem.Receiver


def programmes_visible_to(user) -> QuerySet[TransitionProgramme]:
    """Return the programmes the user may open (partners: to see the rows naming them)."""
    if not _signed_in(user):
        return TransitionProgramme.objects.none()
    qs = TransitionProgramme.objects.select_related("force_area", "board", "lead")
    if user.is_administrator:
        return qs
    if user.role in READER_ROLES | {Role.PARTNER}:
        return qs.filter(force_area_id__in=user.area_ids)
    return qs.none()


def programmes_readable_by(user) -> QuerySet[TransitionProgramme]:
    """Return the programmes whose workstreams, risks and decisions the user may read (not partners)."""
    area_ids = _reader_area_ids(user)
    if area_ids == frozenset():
        return TransitionProgramme.objects.none()
    return _programmes_in(area_ids).select_related("force_area", "board", "lead")


def _reader_area_ids(user) -> frozenset[int] | None:
    """Return the areas whose programmes the user reads: their own for readers, None (every area) for
    administrators, none for anyone else."""
    if not _signed_in(user):
        return frozenset()
    if user.is_administrator:
        return None
    return frozenset(user.area_ids) if user.role in READER_ROLES else frozenset()


def _programmes_in(area_ids: frozenset[int] | None) -> QuerySet[TransitionProgramme]:
    """Return the programmes of the areas (None: every area)."""
    programmes = TransitionProgramme.objects.all()
    return programmes if area_ids is None else programmes.filter(force_area_id__in=area_ids)


def programmes_managed_by(user) -> QuerySet[TransitionProgramme]:
    if not _signed_in(user):
        return TransitionProgramme.objects.none()
    qs = programmes_visible_to(user)
    if user.is_administrator:
        return qs
    if user.role != Role.OPCC_STAFF:
        return qs.none()
    return qs


# Who works on the transfer day to day and so sees its readiness on the dashboard;
# the panel reads programmes when it scrutinises them, from the transition pages.
DASHBOARD_ROLES = {Role.OPCC_STAFF, Role.SUCCESSOR_OFFICER}


def programmes_under_way(user) -> list[TransitionProgramme]:
    """Return the programmes not yet complete that the user works on, with their register's counts (one query).

    Only the name and transfer date are read (the dashboard's box shows no more): counted, every column read is
    grouped on. Every staff dashboard asks it: its query is compiled once per shape
    (pcc_portal.core.querytemplates), with the areas whose programmes the user reads as the scope.
    """
    if not _signed_in(user) or not (user.is_administrator or user.role in DASHBOARD_ROLES):
        return []
    area_ids = _reader_area_ids(user)
    if area_ids == frozenset():
        return []
    programmes = []
    for row in template_rows("transition.dashboard_programmes", _under_way_query, area_ids=area_ids):
        programme = TransitionProgramme(pk=row["pk"], name=row["name"], transfer_date=row["transfer_date"])
        programme.item_count, programme.named_count = row["counts"]["items"], row["counts"]["named"]
        programmes.append(programme)
    return programmes


def _under_way_query(*, area_ids: frozenset[int] | None = None) -> QuerySet:
    """Return the rows of programmes_under_way: the areas' programmes not yet complete, the five transferring
    soonest, each with its register's counts (subqueries for those five, not a join grouped over every row of
    every programme's register). Both counts come from one pass over a programme's rows, read from the
    (programme, receiver kind, status) index alone: a subquery each read them twice, the second from the table."""
    items = TransferItem.objects.filter(programme=OuterRef("pk"))
    named = Q(receiver_kind__in=[R.SUCCESSOR, R.ORGANISATION, R.CLOSE]) | Q(status=S.TO_CLOSE)
    return (
        _programmes_in(area_ids)
        .exclude(status=TransitionProgramme.Status.COMPLETE)
        .order_by("transfer_date", "pk")  # pk: programmes transferring on the same day in a stable order
        .values("pk", "name", "transfer_date", counts=counts_of(items, all_as="items", named=named))[:5]
    )


def published_programmes() -> QuerySet[TransitionProgramme]:
    return TransitionProgramme.objects.filter(is_published=True).select_related("force_area", "board")


def workstreams_of(programme: TransitionProgramme) -> QuerySet[Workstream]:
    return programme.workstreams.select_related("lead")


def milestones_of(programme: TransitionProgramme) -> QuerySet[Milestone]:
    return programme.milestones.select_related("owner", "workstream")


def risks_of(programme: TransitionProgramme) -> QuerySet[Risk]:
    return programme.risks.select_related("owner", "workstream")


def decisions_of(programme: TransitionProgramme) -> QuerySet[Decision]:
    return programme.decisions.select_related("workstream", "meeting")


def register_rows_visible_to(user) -> QuerySet[TransferItem]:
    """Return the register rows of every programme the user may see: all rows for readers of the
    programme's area; for a partner, only the rows naming their organisation."""
    qs = TransferItem.objects.select_related(
        "programme", "workstream", "counterparty", "receiver_organisation", "owner"
    )
    if not _signed_in(user):
        return qs.none()
    if user.is_administrator:
        return qs
    in_area = qs.filter(programme__force_area_id__in=user.area_ids)
    if user.role in READER_ROLES:
        return in_area
    if user.role == Role.PARTNER:
        own = organisation_of(user)
        if own is None:
            return qs.none()
        return in_area.filter(Q(receiver_organisation=own) | Q(counterparty=own))
    return qs.none()


def items_visible_to(user, programme: TransitionProgramme) -> QuerySet[TransferItem]:
    """Return the programme's register rows the user may see (see register_rows_visible_to)."""
    return register_rows_visible_to(user).filter(programme=programme)


def item_for_user(user, pk: int) -> TransferItem | None:
    """Return the row if the user may see it, else None."""
    item = TransferItem.objects.select_related("programme", "programme__force_area").filter(pk=pk).first()
    if item is None:
        return None
    return items_visible_to(user, item.programme).filter(pk=pk).first()


def receiver_organisations(user, programme: TransitionProgramme) -> QuerySet[Organisation]:
    """Return the organisations a row may be handed to: the programme's area's."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return organisations_in_area(programme.force_area_id).order_by("name")


def transition_boards(user, area_id: int) -> QuerySet[Partnership]:
    if not _signed_in(user):
        return Partnership.objects.none()
    return Partnership.objects.filter(force_area_id=area_id, kind=Partnership.Kind.TRANSITION_BOARD)


@dataclass
class Shares:
    """Counts of a set of register rows by how far they have got."""

    label: str
    total: int = 0
    named: int = 0
    agreed: int = 0
    ready: int = 0
    transferred: int = 0
    to_close: int = 0
    overdue: int = 0
    day_one: int = 0
    day_one_open: int = 0

    def pct(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0

    @property
    def named_pct(self) -> int:
        return self.pct(self.named)

    @property
    def agreed_pct(self) -> int:
        return self.pct(self.agreed)

    @property
    def ready_pct(self) -> int:
        return self.pct(self.ready)

    @property
    def transferred_pct(self) -> int:
        return self.pct(self.transferred)


@dataclass
class Readiness:
    programme: TransitionProgramme
    overall: Shares
    by_workstream: list[Shares] = field(default_factory=list)
    days_to_transfer: int = 0


READINESS_KEYS = ("total", "named", "agreed", "ready", "transferred", "to_close", "overdue", "day_one", "day_one_open")


def readiness_counts(*, today: date) -> dict:
    """Return the annotations that count a set of register rows by how far they have got (see `Shares`).

    "Agreed" counts rows agreed or further on; "ready" rows ready or transferred; a row to close counts
    as settled at every stage, since nothing is handed over.
    """
    named = Q(receiver_kind__in=[R.SUCCESSOR, R.ORGANISATION, R.CLOSE]) | Q(status=S.TO_CLOSE)
    settled = Q(status=S.TO_CLOSE)
    return {
        "total": Count("pk"),
        "named": Count("pk", filter=named),
        "agreed": Count("pk", filter=settled | Q(status__in=[S.AGREED, S.READY, S.TRANSFERRED])),
        "ready": Count("pk", filter=settled | Q(status__in=[S.READY, S.TRANSFERRED])),
        "transferred": Count("pk", filter=settled | Q(status=S.TRANSFERRED)),
        "to_close": Count("pk", filter=settled),
        "overdue": Count("pk", filter=Q(due_on__lt=today) & ~Q(status__in=[S.TRANSFERRED, S.TO_CLOSE])),
        "day_one": Count("pk", filter=Q(day_one_critical=True)),
        "day_one_open": Count("pk", filter=Q(day_one_critical=True) & ~Q(status__in=[S.TRANSFERRED, S.TO_CLOSE])),
    }


def readiness_from_counts(programme: TransitionProgramme, rows: Iterable[dict], *, today: date) -> Readiness:
    """Return the readiness from rows of `readiness_counts` grouped by workstream, or more finely (each row then
    adds to its workstream's counts); the workstreams come in the order of their first rows."""
    overall = Shares(label="Whole programme")
    by_id: dict[int | None, Shares] = {}
    for row in rows:
        shares = by_id.get(row["workstream_id"])
        if shares is None:
            shares = by_id[row["workstream_id"]] = Shares(label=row["workstream__name"] or "No workstream")
        for k in READINESS_KEYS:
            setattr(shares, k, getattr(shares, k) + row[k])
            setattr(overall, k, getattr(overall, k) + row[k])
    return Readiness(
        programme=programme,
        overall=overall,
        by_workstream=list(by_id.values()),
        days_to_transfer=(programme.transfer_date - today).days,
    )


def readiness_of(programme: TransitionProgramme, *, today: date) -> Readiness:
    """Return the share of rows named, agreed, ready and transferred, overall and per workstream (one query)."""
    rows = (
        TransferItem.objects.filter(programme=programme)
        .values("workstream_id", "workstream__name", "workstream__order")
        .annotate(**readiness_counts(today=today))
        .order_by("workstream__order", "workstream__name")
    )
    return readiness_from_counts(programme, rows, today=today)


def overdue_items(programme: TransitionProgramme, *, today: date) -> QuerySet[TransferItem]:
    return (
        TransferItem.objects.filter(programme=programme, due_on__lt=today)
        .exclude(status__in=[S.TRANSFERRED, S.TO_CLOSE])
        .only("pk", "title", "due_on", "status")
        .order_by("due_on", "pk")
    )


def day_one_checklist(programme: TransitionProgramme) -> QuerySet[TransferItem]:
    """Day-one critical rows not yet transferred or closed, the least advanced first."""
    return (
        TransferItem.objects.filter(programme=programme, day_one_critical=True)
        .exclude(status__in=[S.TRANSFERRED, S.TO_CLOSE])
        .select_related("receiver_organisation", "programme")
        .only(
            "title",
            "status",
            "receiver_kind",
            "receiver_organisation__name",
            "programme__successor_name",
        )
        .order_by("status", "title")
    )


def unassigned_items(programme: TransitionProgramme) -> QuerySet[TransferItem]:
    """Rows still without a receiving body (and not to close)."""
    return TransferItem.objects.filter(programme=programme, receiver_kind=R.NONE).exclude(status=S.TO_CLOSE)


def overdue_milestones(programme: TransitionProgramme, *, today: date) -> QuerySet[Milestone]:
    return milestones_of(programme).filter(is_done=False, due_on__lt=today)

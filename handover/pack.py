"""The handover pack for the successor body: everything it takes on, gathered per transition programme.

Reads only; access is checked by ``can_view_handover_pack`` before any of it is gathered.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.dateformat import format as format_date

from pcc_portal.accounts.models import Role

from .permissions import PACK_ROLES

KEY_DATES_HORIZON_DAYS = 366


def programmes_for_pack(user) -> QuerySet:
    """Return the programmes whose pack the user may open (another area's: none)."""
    from transition.models import TransitionProgramme

    qs = TransitionProgramme.objects.select_related("force_area", "board", "lead")
    if not (user is not None and user.is_authenticated and user.is_active):
        return qs.none()
    if user.is_administrator:
        return qs
    if user.role in PACK_ROLES:
        return qs.filter(force_area_id__in=user.area_ids)
    return qs.none()


@dataclass
class ReceiverGroup:
    label: str
    items: list = field(default_factory=list)


@dataclass
class WorkstreamGroup:
    label: str
    count: int = 0
    receivers: list[ReceiverGroup] = field(default_factory=list)


def _receiver_label(item, programme) -> str:
    receiver = type(item).Receiver
    if item.receiver_kind == receiver.SUCCESSOR:
        return programme.successor_name
    if item.receiver_kind == receiver.ORGANISATION and item.receiver_organisation_id:
        return item.receiver_organisation.name
    return receiver(item.receiver_kind).label


def _register_meta_line(item) -> str:
    """Return what a register row says under its title: kind, status, due date, owner, counterparty, amount."""
    parts = [item.kind_label, item.status_label]
    if item.due_on:
        parts.append(f"due {format_date(item.due_on, 'j M Y')}")
    if item.owner_id:
        parts.append(f"owner {item.owner.full_name}")
    if item.counterparty_id:
        parts.append(f"with {item.counterparty.name}")
    if item.amount is not None:
        parts.append(f"£{floatformat(item.amount, '2g')}")
    if item.close_reason:
        parts.append(f"closes: {item.close_reason}")
    return " · ".join(parts)


def register_groups(programme) -> list[WorkstreamGroup]:
    """Return the register grouped by workstream, then by receiving body (rows without one last), in one query."""
    from transition.models import TransferItem

    items = (
        TransferItem.objects.filter(programme=programme)
        .select_related("workstream", "receiver_organisation", "owner", "counterparty")
        .only(
            "pk", "kind", "title", "status", "due_on", "day_one_critical", "receiver_kind", "amount",
            "close_reason", "source_url", "workstream_id", "workstream__name", "workstream__order",
            "receiver_organisation__name", "owner__full_name", "counterparty__name", "notes",
        )
        .order_by("workstream__order", "workstream__name", "receiver_kind", "receiver_organisation__name", "kind",
                  "title", "pk")
    )  # fmt: skip
    groups: OrderedDict[object, WorkstreamGroup] = OrderedDict()
    for item in items:  # the row gives its kind_label and status_label itself
        item.receiver = _receiver_label(item, programme) if item.receiver_kind else "No receiving body yet"
        item.meta_line = _register_meta_line(item)
        ws_key = item.workstream_id
        group = groups.get(ws_key)
        if group is None:
            group = groups[ws_key] = WorkstreamGroup(label=item.workstream.name if item.workstream_id else "")
        group.count += 1
        if not group.receivers or group.receivers[-1].label != item.receiver:
            group.receivers.append(ReceiverGroup(label=item.receiver))
        group.receivers[-1].items.append(item)
    ordered = [g for key, g in groups.items() if key is not None]
    if None in groups:
        groups[None].label = "No workstream"
        ordered.append(groups[None])
    for group in ordered:
        # Rows still without a receiving body come last in each workstream.
        group.receivers.sort(key=lambda r: r.label == "No receiving body yet")
    return ordered


def open_risks(programme) -> list:
    from transition.models import Risk

    risks = list(
        Risk.objects.filter(programme=programme)
        .exclude(status=Risk.Status.CLOSED)
        .select_related("owner", "workstream")
    )
    risks.sort(key=lambda r: (-r.score, r.title))
    return risks


@dataclass
class KeyDate:
    day: datetime.date
    title: str
    kind: str
    url: str
    done: bool = False


def key_dates_after(programme) -> list[KeyDate]:
    """Milestones after the transfer date, and every app's deadlines of the area in the year after it."""
    from pcc_portal.deadlines.registry import LONDON, collect_deadlines

    dates = [
        KeyDate(m.due_on, m.title, "Statutory milestone" if m.is_statutory else "Milestone", m.get_absolute_url(),
                m.is_done)
        for m in programme.milestones.filter(due_on__gt=programme.transfer_date).order_by("due_on", "pk")
    ]  # fmt: skip
    start = datetime.datetime.combine(
        programme.transfer_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=LONDON
    )
    end = start + datetime.timedelta(days=KEY_DATES_HORIZON_DAYS)
    for deadline in collect_deadlines(start=start, end=end, strict=False):
        if deadline.area_id != programme.force_area_id or deadline.kind.startswith("transition."):
            continue
        day = timezone.localtime(deadline.due, LONDON).date()
        dates.append(KeyDate(day, deadline.title, deadline.kind_label, deadline.url, deadline.done))
    dates.sort(key=lambda d: (d.day, d.title))
    return dates


def live_grants(programme) -> list:
    """Active grants of the area with payments still to make, each with those instalments."""
    from commissioning.models import Grant, Instalment

    unpaid = Instalment.objects.filter(paid_on__isnull=True).order_by("due_date", "pk")
    grants = list(
        Grant.objects.filter(force_area_id=programme.force_area_id, status=Grant.Status.ACTIVE)
        .filter(Exists(unpaid.filter(grant=OuterRef("pk"))))
        .annotate(remaining_pence=Sum("instalments__amount_pence", filter=Q(instalments__paid_on__isnull=True)))
        .select_related("recipient", "stream")
        .prefetch_related(Prefetch("instalments", queryset=unpaid, to_attr="unpaid_instalments"))
        .order_by("end_date", "reference")
    )
    return grants


def open_recommendations(programme) -> list:
    """Recommendations of the area's panel still awaiting a response, or accepted (commitments that carry over)."""
    from panels.models import Recommendation

    S = Recommendation.Status
    return list(
        Recommendation.objects.filter(
            report__panel__force_area_id=programme.force_area_id,
            status__in=[S.AWAITING, S.ACCEPTED, S.PARTLY_ACCEPTED],
        )
        .select_related("report")
        .prefetch_related("responses")
        .order_by("report__sent_on", "report_id", "position")
    )


def handover_pack(programme, *, today: datetime.date | None = None) -> dict:
    """Gather the pack's sections (numbered, in the order of the contents)."""
    from partners.selectors import landscape
    from transition.selectors import readiness_of

    today = today or timezone.localdate()
    readiness = readiness_of(programme, today=today)
    groups = register_groups(programme)
    grants = live_grants(programme)
    sections = [
        ("summary", "Programme summary and readiness"),
        ("register", "The transfer register"),
        ("risks", "Open risks and issues"),
        ("dates", "Key dates after transfer"),
        ("grants", "Live grants with remaining payments"),
        ("recommendations", "Open recommendations of the panel and the responses"),
        ("landscape", "The partnership landscape"),
    ]
    return {
        "programme": programme,
        "sections": [{"key": k, "number": n, "title": t} for n, (k, t) in enumerate(sections, start=1)],
        "readiness": readiness,
        "register": groups,
        "register_count": sum(g.count for g in groups),
        "risks": open_risks(programme),
        "key_dates": key_dates_after(programme),
        "grants": grants,
        "grants_remaining_pence": sum(g.remaining_pence or 0 for g in grants),
        "recommendations": open_recommendations(programme),
        "landscape": landscape(area=programme.force_area),
        "today": today,
        "role_names": dict(Role.choices),
    }

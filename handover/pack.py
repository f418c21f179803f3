"""The handover pack for the successor body: everything it takes on, gathered per transition programme.

Reads only; access is checked by ``can_view_handover_pack`` before any of it is gathered.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.template.defaultfilters import floatformat
from django.utils import timezone

from pcc_portal.accounts.models import Role
from pcc_portal.core.dates import long_date, short_date
from pcc_portal.core.querytemplates import template_objects, template_rows
from transition.models import KIND_LABELS, STATUS_LABELS, TransferItem

from .permissions import PACK_ROLES

KEY_DATES_HORIZON_DAYS = 366
RECEIVER = TransferItem.Receiver


def _pack_area_ids(user) -> frozenset[int] | None:
    """Return the areas whose packs the user may open; None means every area."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return frozenset()
    if user.is_administrator:
        return None
    if user.role in PACK_ROLES:
        return user.area_ids
    return frozenset()


def _programmes_in(area_ids: list[int] | None) -> QuerySet:
    from transition.models import TransitionProgramme

    qs = TransitionProgramme.objects.select_related("force_area", "board", "lead")
    return qs if area_ids is None else qs.filter(force_area_id__in=area_ids)


def programmes_for_pack(user) -> QuerySet:
    """Return the programmes whose pack the user may open (another area's: none)."""
    areas = _pack_area_ids(user)
    if areas is not None and not areas:
        return _programmes_in(None).none()
    return _programmes_in(None if areas is None else sorted(areas))


def _pack_programme_query(*, pk: int, area_ids: list[int] | None) -> QuerySet:
    return _programmes_in(area_ids).filter(pk=pk)


def pack_programme(user, pk: int):
    """Return the programme if the user may open its pack, else None: `programmes_for_pack(user)`'s, with its area,
    board and lead, in a query compiled once per process (every pack page asks it)."""
    areas = _pack_area_ids(user)
    if areas is not None and not areas:
        return None
    area_ids = None if areas is None else sorted(areas)
    found = template_objects("handover.pack_programme", _pack_programme_query, pk=pk, area_ids=area_ids)
    return found[0] if found else None


REGISTER_PAGE_SIZE = 50  # as the register page: the pack page shows the register a page at a time
NO_RECEIVER = "No receiving body yet"


@dataclass
class ReceiverGroup:
    label: str
    count: int = 0
    items: list = field(default_factory=list)


@dataclass
class WorkstreamGroup:
    label: str
    count: int = 0
    receivers: list[ReceiverGroup] = field(default_factory=list)


@dataclass
class RegisterPage:
    """One page of the register, grouped as the whole register is (counts are of the whole register)."""

    groups: list[WorkstreamGroup]
    number: int
    num_pages: int
    count: int
    start_index: int
    end_index: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _receiver_label(row: dict, programme) -> str:
    kind = row["receiver_kind"]
    if not kind:
        return NO_RECEIVER
    if kind == RECEIVER.SUCCESSOR:
        return programme.successor_name
    if kind == RECEIVER.ORGANISATION and row["receiver_organisation__name"] is not None:
        return row["receiver_organisation__name"]
    return RECEIVER(kind).label


def _register_meta_line(row: dict) -> str:
    """Return what a register row says under its title: kind, status, due date, owner, counterparty, amount."""
    parts = [KIND_LABELS.get(row["kind"], row["kind"]), STATUS_LABELS.get(row["status"], row["status"])]
    if row["due_on"]:
        parts.append(f"due {short_date(row['due_on'])}")
    if row["owner__full_name"] is not None:
        parts.append(f"owner {row['owner__full_name']}")
    if row["counterparty__name"] is not None:
        parts.append(f"with {row['counterparty__name']}")
    if row["amount"] is not None:
        parts.append(f"£{floatformat(row['amount'], '2g')}")
    if row["close_reason"]:
        parts.append(f"closes: {row['close_reason']}")
    return " · ".join(parts)


REGISTER_FIELDS = (
    "pk", "kind", "title", "status", "due_on", "day_one_critical", "receiver_kind", "amount", "close_reason",
    "workstream_id", "workstream__name", "receiver_organisation_id", "receiver_organisation__name",
    "owner__full_name", "counterparty__name",
)  # fmt: skip


def _group_order() -> tuple:
    """Return the register's order of its groups: by workstream (rows without one last), then by receiving body
    (rows without one last)."""
    return (
        Case(When(workstream__isnull=True, then=Value(1)), default=Value(0)),
        "workstream__order", "workstream__name", "workstream_id",
        Case(When(receiver_kind=RECEIVER.NONE, then=Value(1)), default=Value(0)),
        "receiver_kind", F("receiver_organisation__name").asc(nulls_last=True),
    )  # fmt: skip


def _register_rows(programme) -> QuerySet:
    """Return the register in the pack's order: by its groups (`_group_order`), then by kind and title."""
    return TransferItem.objects.filter(programme=programme).order_by(*_group_order(), "kind", "title", "pk")


def _counts_query(*, programme_id: int, today: datetime.date) -> QuerySet:
    """Return the register's readiness counts per workstream and receiving body, in register order.

    The rows are grouped by the groups' ids alone and each group's names looked up after, a few dozen lookups:
    joining the names to every row first had the database sort all 2,000 rows of the national register by them to
    group them (2.1 -> 0.75 ms). The names are annotated under the register's own lookups, so `_group_order` sorts
    the groups by them.
    """
    from partners.models import Organisation
    from transition.models import Workstream
    from transition.selectors import readiness_counts

    workstream = Workstream.objects.filter(pk=OuterRef("workstream_id")).order_by()
    receiver = Organisation.objects.filter(pk=OuterRef("receiver_organisation_id")).order_by()
    return (
        TransferItem.objects.filter(programme_id=programme_id)
        .values("workstream_id", "receiver_kind", "receiver_organisation_id")
        .annotate(**readiness_counts(today=today))
        .annotate(
            workstream__name=Subquery(workstream.values("name")),
            workstream__order=Subquery(workstream.values("order")),
            receiver_organisation__name=Subquery(receiver.values("name")),
        )
        # Bodies of one name in the order of their ids, as they came when the groups were sorted to be counted.
        .order_by(*_group_order(), "receiver_organisation_id")
    )


def register_counts(programme, *, today: datetime.date) -> tuple:
    """Return the programme's readiness (as `readiness_of`) and the register's counts per workstream and receiving
    body in register order, in one query."""
    from transition.selectors import readiness_from_counts

    # Asked on every pack page: compiled once per process (the rows are few, building the query was not).
    counts = template_rows("handover.register_counts", _counts_query, programme_id=programme.pk, today=today)
    by_workstream = counts
    if not connection.features.nulls_order_largest:
        # readiness_of lists the rows without a workstream where the database sorts a null: here first.
        by_workstream = [c for c in counts if c["workstream_id"] is None]
        by_workstream += [c for c in counts if c["workstream_id"] is not None]
    readiness = readiness_from_counts(programme, by_workstream, today=today)
    for shares in readiness.by_workstream:
        # The lines the pack prints per workstream, written once here rather than value by value in the template.
        shares.main_line = f"{shares.label}: {shares.total} row{'' if shares.total == 1 else 's'}"
        shares.meta_line = (
            f"Receiver named {shares.named_pct}% · agreed {shares.agreed_pct}% · ready {shares.ready_pct}% · "
            f"transferred {shares.transferred_pct}%" + (f" · {shares.overdue} overdue" if shares.overdue else "")
        )
    return readiness, counts


def _group(rows, programme) -> list[WorkstreamGroup]:
    """Group rows (in register order) by workstream, then receiving body; rows carry their counts if annotated."""
    groups: list[WorkstreamGroup] = []
    previous_ws = object()
    for row in rows:
        row["receiver"] = receiver = _receiver_label(row, programme)
        row["meta_line"] = _register_meta_line(row)
        if row["workstream_id"] != previous_ws:
            previous_ws = row["workstream_id"]
            label = row["workstream__name"] if row["workstream_id"] else "No workstream"
            groups.append(WorkstreamGroup(label=label, count=row.get("ws_count", 0)))
        group = groups[-1]
        if not group.receivers or group.receivers[-1].label != receiver:
            group.receivers.append(ReceiverGroup(label=receiver, count=row.get("receiver_count", 0)))
        group.receivers[-1].items.append(row)
    return groups


def register_groups(programme) -> list[WorkstreamGroup]:
    """Return the whole register grouped by workstream, then by receiving body (rows without one last), in one
    query."""
    groups = _group(_register_rows(programme).values(*REGISTER_FIELDS), programme)
    for group in groups:
        for receiver in group.receivers:
            receiver.count = len(receiver.items)
        group.count = sum(r.count for r in group.receivers)
    return groups


PAGE_ROW_FIELDS = tuple(
    name for name in REGISTER_FIELDS if name not in ("workstream__name", "receiver_organisation__name")
)
COMPILED_PAGE_GROUPS = 8  # a page spanning more groups than this (rows of one or two each) is built each time


def _page_rows_query(*, programme_id: int, workstream_ids: list[int], organisation_ids: list[int], groups: tuple):
    """Return the rows of the groups a page spans, in register order: by run of the groups (as `register_page`
    numbers them from the counts), then by kind and title.

    `groups` gives each group's (has a workstream, receiver kind, has a receiving body, run): its ids come in
    order in `workstream_ids` and `organisation_ids`, so the SQL is the same for every page of one shape. The names
    the register sorts by are the counts': no join to workstreams or bodies to sort by them again.
    """
    workstreams, organisations = iter(workstream_ids), iter(organisation_ids)
    filters = []
    for has_workstream, receiver_kind, has_organisation, run in groups:
        condition = Q(
            workstream_id=next(workstreams) if has_workstream else None,
            receiver_kind=receiver_kind,
            receiver_organisation_id=next(organisations) if has_organisation else None,
        )
        filters.append((condition, run))
    spanned = Q()
    for condition, _run in filters:
        spanned |= condition
    rows = TransferItem.objects.filter(spanned, programme_id=programme_id)
    order = ("kind", "title", "pk")
    if len({run for _condition, run in filters}) > 1:
        rows = rows.alias(run=Case(*(When(c, then=Value(run)) for c, run in filters), output_field=IntegerField()))
        order = ("run", *order)
    return rows.order_by(*order).values(*PAGE_ROW_FIELDS)


def register_page(programme, number=1, *, counts: list[dict], per_page: int | None = None) -> RegisterPage:
    """Return one page of the grouped register, with the whole register's group counts (`register_counts`).

    The counts place the page among the groups: only the rows of the groups it spans are sorted and read (one
    query, compiled once per shape of page), and the groups' names come from the counts.
    """
    per_page = per_page or REGISTER_PAGE_SIZE
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    ws_counts: dict = defaultdict(int)
    # Runs of rows that sort together: rows of one workstream and receiving body (bodies of one name run as one).
    runs: list[dict] = []
    total = 0
    for count in counts:
        key = (count["workstream_id"], count["receiver_kind"], count["receiver_organisation__name"])
        if not runs or runs[-1]["key"] != key:
            runs.append({"key": key, "start": total, "end": total, "groups": []})
        runs[-1]["end"] += count["total"]
        runs[-1]["groups"].append(count)
        total += count["total"]
        ws_counts[count["workstream_id"]] += count["total"]
    num_pages = max((total + per_page - 1) // per_page, 1)
    # Past the end (the register shrank, or a typed address): show the last page, as the register page does.
    number = min(number, num_pages)
    start = (number - 1) * per_page
    shown = [run for run in runs if run["start"] < start + per_page and run["end"] > start]
    rows = []
    if shown:
        spanned = [(run_index, group) for run_index, run in enumerate(shown) for group in run["groups"]]
        by_group = {(g["workstream_id"], g["receiver_kind"], g["receiver_organisation_id"]): g for _r, g in spanned}
        arguments = {
            "programme_id": programme.pk,
            "workstream_ids": [g["workstream_id"] for _r, g in spanned if g["workstream_id"] is not None],
            "organisation_ids": [
                g["receiver_organisation_id"] for _r, g in spanned if g["receiver_organisation_id"] is not None
            ],
            "groups": tuple(
                (g["workstream_id"] is not None, g["receiver_kind"], g["receiver_organisation_id"] is not None, r)
                for r, g in spanned
            ),
        }
        skip = start - shown[0]["start"]
        bounds = (skip, skip + per_page)
        if len(spanned) <= COMPILED_PAGE_GROUPS:
            groups = arguments.pop("groups")
            rows = template_rows(
                ("handover.register_page", groups), partial(_page_rows_query, groups=groups), bounds=bounds, **arguments
            )
        else:
            rows = list(_page_rows_query(**arguments)[bounds[0] : bounds[1]])
        for row in rows:
            group = by_group[row["workstream_id"], row["receiver_kind"], row["receiver_organisation_id"]]
            row["workstream__name"] = group["workstream__name"]
            row["receiver_organisation__name"] = group["receiver_organisation__name"]
            row["ws_count"] = ws_counts[row["workstream_id"]]
            row["receiver_count"] = group["total"]
    return RegisterPage(
        groups=_group(rows, programme),
        number=number,
        num_pages=num_pages,
        count=total,
        start_index=start + 1 if rows else 0,
        end_index=start + len(rows),
    )


RISK_FIELDS = (
    "pk", "kind", "title", "cause", "effect", "likelihood", "impact", "mitigation", "next_review_on", "status",
    "owner_id",
)  # fmt: skip


def _open_risks_query(*, programme_id: int) -> QuerySet:
    from transition.models import Risk

    return (
        Risk.objects.filter(programme_id=programme_id)
        .exclude(status=Risk.Status.CLOSED)
        .order_by("status", "-likelihood", "-impact", "title")  # the model's order within one programme, no joins
        .values(*RISK_FIELDS, "owner__full_name")
    )


def open_risks(programme) -> list[dict]:
    """Return the programme's open risks and issues, highest score first, each with the lines the pack prints
    (`heading`, `meta_line`, `text_line`) written once here rather than per row in the template (one query,
    compiled once per process; rows, not models: the lines need only the score and its band)."""
    from transition.models import Risk, risk_band

    kinds, statuses = dict(Risk.Kind.choices), dict(Risk.Status.choices)
    risks = template_rows("handover.open_risks", _open_risks_query, programme_id=programme.pk)
    for risk in risks:
        risk["score"] = (risk["likelihood"] or 0) * (risk["impact"] or 0)
    risks.sort(key=lambda r: (-r["score"], r["title"]))
    for risk in risks:
        kind, score = risk["kind"], risk["score"]
        risk["heading"] = f"{risk['title']} ({kinds.get(kind, kind)}, score {score}: {risk_band(score)})"
        status = statuses.get(risk["status"], risk["status"])
        parts = [f"Likelihood {risk['likelihood']} × impact {risk['impact']}", status]
        if risk["owner_id"]:
            parts.append(f"owner {risk['owner__full_name']}")
        if risk["next_review_on"]:
            parts.append(f"next review {short_date(risk['next_review_on'])}")
        risk["meta_line"] = " · ".join(parts)
        risk["text_line"] = f"Cause: {risk['cause']} Effect: {risk['effect']}" + (
            f" Mitigation: {risk['mitigation']}" if risk["mitigation"] else ""
        )
    return risks


@dataclass
class KeyDate:
    day: datetime.date
    title: str
    kind: str
    url: str
    done: bool = False

    @property
    def day_label(self) -> str:
        """The day as the date filter's "j F Y" writes it, by hand (one per key date)."""
        return long_date(self.day)


def _milestones_after_query(*, programme_id: int, after: datetime.date) -> QuerySet:
    from transition.models import Milestone

    return (
        Milestone.objects.filter(programme_id=programme_id, due_on__gt=after)
        .order_by("due_on", "pk")
        .values("pk", "title", "due_on", "statutory_key", "is_done")
    )


def key_dates_after(programme) -> list[KeyDate]:
    """Milestones after the transfer date, and every app's deadlines of the area in the year after it."""
    from pcc_portal.deadlines.registry import LONDON, collect_deadlines
    from transition.models import Milestone

    # Rows, not models: a model and a reverse() per milestone took about half of this section's time.
    dates = [
        KeyDate(row["due_on"], row["title"], "Statutory milestone" if row["statutory_key"] else "Milestone",
                Milestone.url_of(programme_id=programme.pk, pk=row["pk"]), row["is_done"])
        for row in template_rows(
            "handover.milestones_after",
            _milestones_after_query,
            programme_id=programme.pk,
            after=programme.transfer_date,
        )
    ]  # fmt: skip
    start = datetime.datetime.combine(
        programme.transfer_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=LONDON
    )
    end = start + datetime.timedelta(days=KEY_DATES_HORIZON_DAYS)
    # The transition app's own deadlines are the milestones above: it is not asked.
    for deadline in collect_deadlines(start=start, end=end, strict=False, area_id=programme.force_area_id,
                                      skip={"transition"}, recipients=False):  # fmt: skip
        if deadline.kind.startswith("transition."):
            continue
        day = timezone.localtime(deadline.due, LONDON).date()
        dates.append(KeyDate(day, deadline.title, deadline.kind_label, deadline.url, deadline.done))
    dates.sort(key=lambda d: (d.day, d.title))
    return dates


def _unpaid_instalments_query(*, area_id: int) -> QuerySet:
    """Return the unpaid instalments of the area's active grants with their grants' columns; the recipient's and the
    stream's names are looked up per row rather than joined (planning the four-table join took longer than running
    it, for the handful of rows an area has)."""
    from commissioning.models import FundingStream, Grant, Instalment
    from partners.models import Organisation

    recipient = Organisation.objects.filter(pk=OuterRef("grant__recipient_id")).order_by().values("name")
    stream = FundingStream.objects.filter(pk=OuterRef("grant__stream_id")).order_by().values("name")
    return (
        Instalment.objects.filter(paid_on__isnull=True, grant__force_area_id=area_id, grant__status=Grant.Status.ACTIVE)
        .order_by("grant__end_date", "grant__reference", "grant_id", "due_date", "pk")
        .values(
            "due_date", "amount_pence", "grant_id", "grant__reference", "grant__title", "grant__amount_pence",
            "grant__start_date", "grant__end_date",
        )
        .annotate(grant__recipient__name=Subquery(recipient), grant__stream__name=Subquery(stream))
    )  # fmt: skip


def live_grants(programme) -> list[dict]:
    """Active grants of the area with payments still to make, each with those instalments (one query compiled once
    per process: the unpaid instalments with their grants, grouped here)."""
    grants: list[dict] = []
    for row in template_rows("handover.unpaid_instalments", _unpaid_instalments_query, area_id=programme.force_area_id):
        if not grants or grants[-1]["pk"] != row["grant_id"]:
            grants.append({
                "pk": row["grant_id"], "reference": row["grant__reference"], "title": row["grant__title"],
                "recipient": {"name": row["grant__recipient__name"]}, "stream": {"name": row["grant__stream__name"]},
                "amount_pence": row["grant__amount_pence"], "start_date": row["grant__start_date"],
                "end_date": row["grant__end_date"], "unpaid_instalments": [], "remaining_pence": 0,
            })  # fmt: skip
        grant = grants[-1]
        grant["unpaid_instalments"].append({"due_date": row["due_date"], "amount_pence": row["amount_pence"]})
        grant["remaining_pence"] += row["amount_pence"]
    return grants


def _open_recommendations_query(*, area_id: int) -> QuerySet:
    from panels.models import Recommendation

    S = Recommendation.Status
    return (
        Recommendation.objects.filter(
            report__panel__force_area_id=area_id, status__in=[S.AWAITING, S.ACCEPTED, S.PARTLY_ACCEPTED]
        )
        .order_by("report__sent_on", "report_id", "position", "pk", "responses__responded_on", "responses__pk")
        .values(
            "pk", "label", "text", "status", "response_due_on", "report__title",
            one_text=F("responses__text"), one_on=F("responses__responded_on"),
        )
    )  # fmt: skip


def open_recommendations(programme) -> list[dict]:
    """Recommendations of the area's panel still awaiting a response, or accepted (commitments that carry over),
    each with its responses' text and latest date (`response_text`, `last_responded_on`) in the same query.

    One row per recommendation and response (a join, portable to SQLite; compiled once per process), folded here
    in the order given.
    """
    from panels.models import Recommendation

    found: dict[int, dict] = {}
    texts: dict[int, list[str]] = defaultdict(list)
    dates: dict[int, list] = defaultdict(list)
    rows = template_rows("handover.open_recommendations", _open_recommendations_query, area_id=programme.force_area_id)
    for row in rows:
        pk = row["pk"]
        if pk not in found:
            found[pk] = {
                "pk": pk, "label": row["label"], "text": row["text"], "status": row["status"],
                "response_due_on": row["response_due_on"], "report": {"title": row["report__title"]},
            }  # fmt: skip
        if row["one_text"] is not None:  # a response: every one in the order given, as Recommendation.response does
            texts[pk].append(row["one_text"])
            dates[pk].append(row["one_on"])
    statuses = dict(Recommendation.Status.choices)
    for pk, rec in found.items():
        rec["response_text"] = response_text = "\n\n".join(texts[pk])
        rec["last_responded_on"] = last_responded_on = max(filter(None, dates[pk]), default=None)
        # The line the pack prints under the recommendation, written once here rather than per row in the template.
        line = f"Response: {statuses.get(rec['status'], rec['status'])}"
        if last_responded_on:
            line += f" on {short_date(last_responded_on)}"
        elif rec["response_due_on"]:
            line += f" · due {short_date(rec['response_due_on'])}"
        rec["response_line"] = line + (f": {response_text}" if response_text else "")
    return list(found.values())


def _landscape_organisations_query(*, area_id: int) -> QuerySet:
    from partners.selectors import organisations_in_area

    return organisations_in_area(area_id).order_by("name", "pk").values("name", "partnership_area", "pk")


def _landscape_boards_query(*, area_id: int) -> QuerySet:
    """Return one row per member of the area's active boards (a board without members: one row without one)."""
    from partners.models import Partnership, PartnershipMember

    rank = Case(
        *(When(members__role=role, then=Value(i)) for i, role in enumerate(PartnershipMember.Role.values)),
        output_field=IntegerField(),
    )
    return (
        Partnership.objects.filter(force_area_id=area_id, is_active=True)
        .annotate(role_rank=rank)
        .order_by("parent_id", "name", "pk", "role_rank", "members__organisation__name", "members__pk")
        .values("pk", "name", "kind", "governance", "parent_id", "members__role", "members__organisation__name")
    )


def pack_landscape(area) -> dict:
    """Return what the pack says of the area's partnership landscape, in two queries of the columns it prints
    (compiled once per process).

    As ``partners.selectors.landscape`` orders it (organisations by partnership area; top-level boards, each
    followed by its sub-groups; members chair first, then by name), with each board's members and each partnership
    area's organisations as one line of text each (written once here, not per member in the template).
    """
    from partners.models import (
        GOVERNANCE_LABELS,
        MEMBER_ROLE_LABELS,
        PARTNERSHIP_KIND_LABELS,
        PartnershipArea,
        PartnershipMember,
    )

    names_by_area: dict[str, list[str]] = defaultdict(list)
    count = 0
    for row in template_rows("handover.landscape_organisations", _landscape_organisations_query, area_id=area.pk):
        names_by_area[row["partnership_area"]].append(row["name"])
        count += 1
    by_area = [
        {"label": label, "count": len(names_by_area[value]), "names": "; ".join(names_by_area[value])}
        for value, label in PartnershipArea.choices
        if names_by_area.get(value)
    ]
    boards: dict[int, dict] = {}
    members: dict[int, list[str]] = defaultdict(list)
    for row in template_rows("handover.landscape_boards", _landscape_boards_query, area_id=area.pk):
        pk, kind, governance, role = row["pk"], row["kind"], row["governance"], row["members__role"]
        if pk not in boards:
            boards[pk] = {"pk": pk, "name": row["name"], "parent_id": row["parent_id"], "governance": governance,
                          "kind_label": PARTNERSHIP_KIND_LABELS.get(kind, kind),
                          "governance_label": GOVERNANCE_LABELS.get(governance, governance)}  # fmt: skip
        if role is not None:
            label = "" if role == PartnershipMember.Role.MEMBER else f" ({MEMBER_ROLE_LABELS.get(role, role)})"
            members[pk].append(f"{row['members__organisation__name']}{label}")
    for pk, board in boards.items():
        board["members_text"] = "; ".join(members[pk])
    listed = list(boards.values())
    # Top-level boards first, each followed by its sub-groups.
    tree = []
    for board in listed:
        if board["parent_id"] is None:
            tree.append(board)
            tree.extend(b for b in listed if b["parent_id"] == board["pk"])
    placed = {b["pk"] for b in tree}
    tree.extend(b for b in listed if b["pk"] not in placed)
    return {"by_partnership_area": by_area, "partnerships": tree, "organisation_count": count}


def handover_pack(programme, *, today: datetime.date | None = None, register_page_number=None) -> dict:
    """Gather the pack's sections (numbered, in the order of the contents).

    With a register page number (the page), the register is one page of it; without (the PDF), all of it.
    """
    today = today or timezone.localdate()
    readiness, counts = register_counts(programme, today=today)
    if register_page_number is None:
        page = None
        groups = register_groups(programme)
        register_count = sum(g.count for g in groups)
    else:
        page = register_page(programme, register_page_number, counts=counts)
        groups, register_count = page.groups, page.count
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
        "register_page": page,
        "register_count": register_count,
        "risks": open_risks(programme),
        "key_dates": key_dates_after(programme),
        "grants": grants,
        "grants_remaining_pence": sum(g["remaining_pence"] for g in grants),
        "recommendations": open_recommendations(programme),
        "landscape": pack_landscape(programme.force_area),
        "today": today,
        "role_names": dict(Role.choices),
    }

"""Transition milestones and risk reviews in the portal's deadline registry and calendar feeds."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.db.models import CharField, F, Q, Value
from django.urls import reverse

from pcc_portal.accounts.models import Role
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import staff_by_area
from pcc_portal.deadlines.registry import LONDON, CalendarEvent, Deadline, due_at

from .models import Milestone, Risk


def _scope(qs, scope: dict):
    """Keep what is addressed to the user: staff of the programme's area, or the item's owner."""
    if not scope:
        return qs
    return qs.filter(Q(programme__force_area_id__in=scope["staff_areas"]) | Q(owner=scope["owner_id"]))


# The columns milestones and risks share, so that both come in one query (a UNION).
_COLUMNS = (
    "pk",
    "title",
    "owner_id",
    "owner__full_name",
    "owner__email",
    "programme_id",
    "programme__name",
    "programme__force_area_id",
    "programme__lead_id",
)


def _rows_query(*, first, last, **scope):
    """Return the open milestones and the risks to review on dates in [first, last), as rows of the same columns
    (a UNION); with a user's scope (`staff_areas`, `owner_id`), those addressed to them."""
    milestones = _scope(Milestone.objects.filter(is_done=False, due_on__gte=first, due_on__lt=last), scope).values(
        *_COLUMNS,
        source=Value("milestone"),
        due_on_=F("due_on"),
        statutory_key_=F("statutory_key"),
        risk_kind=Value("", output_field=CharField()),
    )
    risks = (
        _scope(
            Risk.objects.filter(next_review_on__gte=first, next_review_on__lt=last).exclude(status=Risk.Status.CLOSED),
            scope,
        )
        .values(
            *_COLUMNS,
            source=Value("risk"),
            due_on_=F("next_review_on"),
            statutory_key_=Value("", output_field=CharField()),
            risk_kind=F("kind"),
        )
        .order_by()
    )
    return milestones.order_by().union(risks, all=True)


def transition_deadlines(*, start: datetime, end: datetime, user=None) -> Iterator[Deadline]:
    """Yield open milestones and the next review of open risks due in [start, end)."""
    if user is not None and not (user.is_authenticated and user.is_active):
        return
    scope = {}
    if user is not None:
        scope = {"staff_areas": user.area_ids if user.role == Role.OPCC_STAFF else (), "owner_id": user.pk}
    # Compiled once per shape (pcc_portal.core.querytemplates): every page that lists deadlines asks it.
    rows = template_rows(
        ("transition.deadline_rows", user is not None), _rows_query, first=start.date(), last=end.date(), **scope
    )
    staff = staff_by_area({row["programme__force_area_id"] for row in rows}, user=user)
    for row in rows:
        area_id, lead_id, owner_id = row["programme__force_area_id"], row["programme__lead_id"], row["owner_id"]
        recipients = set(staff.get(area_id, ()))
        if owner_id:
            recipients.add(owner_id)
        common = {
            "due": due_at(row["due_on_"]),
            "area_id": area_id,
            "responsible": (row["owner__full_name"] or row["owner__email"]) if owner_id else "OPCC",
            "recipient_ids": frozenset(recipients),
            "escalate_to_ids": frozenset({lead_id} if lead_id else set()),
        }
        programme_url = reverse("transition:programme_detail", kwargs={"pk": row["programme_id"]})
        if row["source"] == "milestone":
            yield Deadline(
                key=f"transition.milestone:{row['pk']}",
                kind="transition.milestone",
                kind_label="Statutory transition milestone" if row["statutory_key_"] else "Transition milestone",
                title=f"{row['title']} ({row['programme__name']})",
                url=f"{programme_url}#milestone-{row['pk']}",
                **common,
            )
        else:
            label = Risk.Kind(row["risk_kind"]).label.lower()
            yield Deadline(
                key=f"transition.risk_review:{row['pk']}",
                kind="transition.risk_review",
                kind_label="Transition risk review",
                title=f"Review {label}: {row['title']} ({row['programme__name']})",
                url=reverse("transition:risk_list", kwargs={"pk": row["programme_id"]}) + f"#risk-{row['pk']}",
                **common,
            )


def milestone_events(*, start: datetime, end: datetime, user=None) -> Iterator[CalendarEvent]:
    """Milestones as calendar events for readers who are not reminded of them (panel, successor officers).

    OPCC staff get milestones as deadlines already; the public feed carries panel meetings only.
    """
    if user is None or not (user.is_authenticated and user.is_active):
        return
    if user.role not in {Role.PANEL_SECRETARIAT, Role.PANEL_MEMBER, Role.SUCCESSOR_OFFICER}:
        return
    milestones = Milestone.objects.filter(
        programme__force_area_id__in=list(user.area_ids), due_on__gte=start.date(), due_on__lt=end.date()
    ).select_related("programme")
    for milestone in milestones:
        begin = datetime.combine(milestone.due_on, time(9, 0), tzinfo=LONDON)
        yield CalendarEvent(
            key=f"transition.milestone:{milestone.pk}",
            title=f"{milestone.title} ({milestone.programme.name})",
            start=begin,
            end=begin + timedelta(hours=1),
            url=milestone.get_absolute_url(),
            area_id=milestone.programme.force_area_id,
            description="Statutory milestone" if milestone.is_statutory else "Transition milestone",
        )

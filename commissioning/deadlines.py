"""Commissioning deadlines for the portal's reminders and calendars."""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from partners.models import Contact
from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines.registry import LONDON, Deadline, due_at

from .models import Application, Grant, MonitoringReturn, Round


def _staff_by_area(area_ids: set[int]) -> dict[int, frozenset[int]]:
    through = User.force_areas.through.objects.filter(
        forcearea_id__in=area_ids, user__role=Role.OPCC_STAFF, user__is_active=True
    ).values_list("forcearea_id", "user_id")
    found: dict[int, set[int]] = defaultdict(set)
    for area_id, user_id in through:
        found[area_id].add(user_id)
    return {area_id: frozenset(ids) for area_id, ids in found.items()}


def _partner_users_by_organisation(organisation_ids: set[int]) -> dict[int, frozenset[int]]:
    rows = Contact.objects.filter(
        organisation_id__in=organisation_ids, is_active=True, user__isnull=False, user__is_active=True
    ).values_list("organisation_id", "user_id")
    found: dict[int, set[int]] = defaultdict(set)
    for organisation_id, user_id in rows:
        found[organisation_id].add(user_id)
    return {org: frozenset(ids) for org, ids in found.items()}


def _dates(start: datetime.datetime, end: datetime.datetime) -> tuple[datetime.date, datetime.date]:
    """Return the calendar dates whose 17:00 deadline could fall in [start, end)."""
    return start.astimezone(LONDON).date() - datetime.timedelta(days=1), end.astimezone(LONDON).date()


@dataclass(frozen=True)
class _Scope:
    """What one user can be reminded of: their areas as OPCC staff, their organisation as a partner."""

    staff_area_ids: frozenset[int] = frozenset()
    organisation_id: int | None = None


def _scope_for(user) -> _Scope:
    if user.is_active and user.role == Role.OPCC_STAFF:
        return _Scope(staff_area_ids=frozenset(user.area_ids))
    if user.is_active and user.role == Role.PARTNER:
        organisation = organisation_of(user)
        return _Scope(organisation_id=organisation.pk if organisation else None)
    return _Scope()


def deadlines(*, start: datetime.datetime, end: datetime.datetime, scope: _Scope | None = None) -> Iterator[Deadline]:
    """Yield every deadline in [start, end); with a scope, only those its user could be sent.

    The scope narrows the queries themselves, so a user's "what's due" never
    reads the whole country's grants.
    """
    yield from _round_closes(start, end, scope)
    yield from _returns_due(start, end, scope)
    yield from _grants_ending(start, end, scope)


def _round_closes(start, end, scope: _Scope | None) -> Iterator[Deadline]:
    rounds = Round.objects.filter(closes_at__gte=start, closes_at__lt=end).select_related("stream")
    if scope is not None:
        rounds = rounds.filter(
            Q(stream__force_area_id__in=scope.staff_area_ids)
            | Q(applications__organisation_id=scope.organisation_id, applications__status=Application.Status.DRAFT)
        ).distinct()
    rounds = list(rounds)
    if not rounds:
        return
    staff = _staff_by_area({r.stream.force_area_id for r in rounds})
    drafts = Application.objects.filter(round__in=rounds, status=Application.Status.DRAFT).values_list(
        "round_id", "organisation_id"
    )
    organisations_by_round: dict[int, set[int]] = defaultdict(set)
    for round_id, organisation_id in drafts:
        organisations_by_round[round_id].add(organisation_id)
    partners = _partner_users_by_organisation({o for orgs in organisations_by_round.values() for o in orgs})
    for round_ in rounds:
        applicants = frozenset(u for org in organisations_by_round[round_.pk] for u in partners.get(org, ()))
        yield Deadline(
            key=f"commissioning.round_close:{round_.pk}",
            kind="commissioning.round_close",
            kind_label="Funding round closes",
            title=f"{round_.title} closes",
            due=round_.closes_at.astimezone(LONDON),
            url=reverse("commissioning:round_detail", kwargs={"pk": round_.pk}),
            area_id=round_.stream.force_area_id,
            responsible="Applicants",
            recipient_ids=staff.get(round_.stream.force_area_id, frozenset()) | applicants,
        )


def _returns_due(start, end, scope: _Scope | None) -> Iterator[Deadline]:
    first, last = _dates(start, end)
    returns = MonitoringReturn.objects.filter(due_date__gte=first, due_date__lte=last).select_related(
        "grant", "grant__recipient"
    )
    if scope is not None:
        # Returns remind the recipient's users; the area's staff are escalated to, and see them due.
        returns = returns.filter(
            Q(grant__recipient_id=scope.organisation_id) | Q(grant__force_area_id__in=scope.staff_area_ids)
        )
    returns = list(returns)
    if not returns:
        return
    staff = _staff_by_area({r.grant.force_area_id for r in returns})
    partners = _partner_users_by_organisation({r.grant.recipient_id for r in returns})
    for item in returns:
        due = due_at(item.due_date)
        if not start <= due < end:
            continue
        yield Deadline(
            key=f"commissioning.return_due:{item.pk}",
            kind="commissioning.return_due",
            kind_label="Grant monitoring return due",
            title=f"Monitoring return for {item.grant.title} "
            f"({item.period_start:%-d %b} to {item.period_end:%-d %b %Y})",
            due=due,
            url=reverse("commissioning:return_detail", kwargs={"pk": item.pk}),
            area_id=item.grant.force_area_id,
            responsible=item.grant.recipient.name,
            recipient_ids=partners.get(item.grant.recipient_id, frozenset()),
            escalate_to_ids=staff.get(item.grant.force_area_id, frozenset()),
            done=item.status != MonitoringReturn.Status.DUE,
        )


def _grants_ending(start, end, scope: _Scope | None) -> Iterator[Deadline]:
    first, last = _dates(start, end)
    grants = Grant.objects.filter(end_date__gte=first, end_date__lte=last, status=Grant.Status.ACTIVE).select_related(
        "recipient"
    )
    if scope is not None:
        grants = grants.filter(Q(force_area_id__in=scope.staff_area_ids) | Q(recipient_id=scope.organisation_id))
    grants = list(grants)
    if not grants:
        return
    staff = _staff_by_area({g.force_area_id for g in grants})
    partners = _partner_users_by_organisation({g.recipient_id for g in grants})
    for grant in grants:
        due = due_at(grant.end_date)
        if not start <= due < end:
            continue
        yield Deadline(
            key=f"commissioning.grant_end:{grant.pk}",
            kind="commissioning.grant_end",
            kind_label="Grant ends",
            title=f"{grant.title} ({grant.recipient.name}) ends",
            due=due,
            url=reverse("commissioning:grant_detail", kwargs={"pk": grant.pk}),
            area_id=grant.force_area_id,
            responsible="OPCC",
            recipient_ids=staff.get(grant.force_area_id, frozenset()) | partners.get(grant.recipient_id, frozenset()),
        )


def deadlines_for(*, start, end, user=None) -> Iterator[Deadline]:
    """Return the deadlines in [start, end); with a user, only those addressed or escalated to them."""
    if user is None:
        yield from deadlines(start=start, end=end)
        return
    scope = _scope_for(user)
    if not scope.staff_area_ids and scope.organisation_id is None:
        return
    for item in deadlines(start=start, end=end, scope=scope):
        if user.pk in item.recipient_ids or user.pk in item.escalate_to_ids:
            yield item

"""Closing dates and reminders to invited organisations that have not responded."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch

from partners.models import Contact, Organisation
from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role
from pcc_portal.core.querytemplates import template_rows
from pcc_portal.deadlines.recipients import staff_by_area as staff_by_area_of
from pcc_portal.deadlines.registry import Deadline

from .models import Consultation, Response


def consultation_deadlines(
    *, start, end, user=None, area_id: int | None = None, recipients: bool = True
) -> Iterator[Deadline]:
    """Yield each published consultation's closing date, and one reminder per invited organisation (without who
    is reminded, with recipients=False).

    The closing date goes to the area's OPCC staff; the reminder to an
    organisation's partner users until it has submitted (then it is done).
    """
    if user is not None:
        consultations = _addressed_to(user, start=start, end=end, area_id=area_id)
        if consultations is None:
            return  # nobody else is reminded
        closing_dates = user.role == Role.OPCC_STAFF
        organisation = None if closing_dates else organisation_of(user)
    elif not recipients:
        closing_dates = True
        # A page that lists dates (the handover pack) asks on every view: compiled once per shape.
        consultations = _as_consultations(
            template_rows("consultations.closing", _addressed_query, start=start, end=end, area_id=area_id)
        )
    else:
        closing_dates = True
        consultations = Consultation.objects.filter(
            status=Consultation.Status.PUBLISHED, closes_at__gte=start, closes_at__lt=end
        )
        if area_id is not None:
            consultations = consultations.filter(force_area_id=area_id)
        contacts = Contact.objects.filter(
            is_active=True, user__isnull=False, user__is_active=True, user__role=Role.PARTNER
        )
        consultations = list(
            consultations.select_related("force_area").prefetch_related(
                Prefetch(
                    "invited_organisations",
                    queryset=Organisation.objects.prefetch_related(Prefetch("contacts", queryset=contacts)),
                )
            )
        )
    if not consultations:
        return
    staff_by_area = staff_by_area_of({c.force_area_id for c in consultations}, user=user) if recipients else {}
    if user is None and not recipients:
        submitted, invited_by_consultation = _invitations(consultations)
    elif user is None:
        submitted = set(
            Response.objects.filter(
                consultation__in=consultations, status=Response.Status.SUBMITTED, organisation__isnull=False
            ).values_list("consultation_id", "organisation_id")
        )
        invited_by_consultation = {
            c.pk: [(o, frozenset(person.user_id for person in o.contacts.all())) for o in c.invited_organisations.all()]
            for c in consultations
        }
    elif not closing_dates:
        submitted = {(c.pk, organisation.pk) for c in consultations if c.organisation_submitted}
        invited_by_consultation = {c.pk: [(organisation, frozenset({user.pk}))] for c in consultations}
    else:
        submitted, invited_by_consultation = set(), {}
    for consultation in consultations:
        url = consultation.get_absolute_url()
        if closing_dates:
            yield Deadline(
                key=f"consultations.close:{consultation.pk}",
                kind="consultations.close",
                kind_label="Consultation closes",
                title=f"{consultation.title} closes",
                due=consultation.closes_at,
                url=url,
                area_id=consultation.force_area_id,
                responsible="OPCC",
                recipient_ids=staff_by_area.get(consultation.force_area_id, frozenset()),
            )
        for invitee, reminded in invited_by_consultation.get(consultation.pk, ()):
            yield Deadline(
                key=f"consultations.response:{consultation.pk}-{invitee.pk}",
                kind="consultations.response",
                kind_label="Consultation response due",
                title=f"Response from {invitee.name}: {consultation.title}",
                due=consultation.closes_at,
                url=url,
                area_id=consultation.force_area_id,
                responsible=invitee.name,
                recipient_ids=reminded,
                escalate_to_ids=staff_by_area.get(consultation.force_area_id, frozenset()),
                done=(consultation.pk, invitee.pk) in submitted,
            )


def _addressed_to(user, *, start, end, area_id: int | None) -> list[Consultation] | None:
    """Return the published consultations closing in [start, end) that the user can be reminded of (None: the
    user is reminded of none), each with the fields a deadline needs; a partner's knowing whether its
    organisation has responded (organisation_submitted).

    OPCC staff get the closing dates of their areas' consultations, a partner user the response reminder of
    their own organisation: both scopes lie inside consultations_visible_to(user). The query is compiled once
    per shape (pcc_portal.core.querytemplates): the dashboard and every list of what's due ask it.
    """
    if user.role == Role.OPCC_STAFF and user.is_active:
        scope = {"area_ids": user.area_ids}
    elif user.role == Role.PARTNER and user.is_active and (organisation := organisation_of(user)) is not None:
        scope = {"organisation_id": organisation.pk}
    else:
        return None
    rows = template_rows(
        ("consultations.addressed", *scope), _addressed_query, start=start, end=end, area_id=area_id, **scope
    )
    return _as_consultations(rows)


def _as_consultations(rows) -> list[Consultation]:
    """Return the rows of `_addressed_query` as consultations with the fields a deadline needs (and, for an
    organisation, whether it has responded: organisation_submitted)."""
    found = []
    for row in rows:
        consultation = Consultation(
            pk=row["pk"], title=row["title"], closes_at=row["closes_at"], force_area_id=row["force_area_id"]
        )
        consultation.organisation_submitted = row.get("submitted_", False)
        found.append(consultation)
    return found


def _addressed_query(*, start, end, area_id=None, area_ids=None, organisation_id=None):
    """Return the rows _addressed_to reads: of the staff's areas, or with an organisation invited and whether it
    has responded; with neither, every published consultation closing in [start, end) (of the area if given)."""
    consultations = Consultation.objects.filter(
        status=Consultation.Status.PUBLISHED, closes_at__gte=start, closes_at__lt=end
    )
    if area_id is not None:
        consultations = consultations.filter(force_area_id=area_id)
    columns = ["pk", "title", "closes_at", "force_area_id"]
    if area_ids is not None:
        consultations = consultations.filter(force_area_id__in=area_ids)
    if organisation_id is not None:
        responded = Response.objects.filter(
            consultation=OuterRef("pk"), organisation_id=organisation_id, status=Response.Status.SUBMITTED
        )
        consultations = consultations.filter(invited_organisations=organisation_id).annotate(
            submitted_=Exists(responded)
        )
        columns.append("submitted_")
    return consultations.values(*columns)


def _invitations(consultations) -> tuple[set[tuple[int, int]], dict[int, list[tuple[Organisation, frozenset]]]]:
    """Return who was invited to each consultation and which of them have responded, from one query (nobody to
    remind: no contacts)."""
    responded = Response.objects.filter(
        consultation_id=OuterRef("consultation_id"),
        organisation_id=OuterRef("organisation_id"),
        status=Response.Status.SUBMITTED,
    )
    rows = (
        Consultation.invited_organisations.through.objects.filter(consultation__in=consultations)
        .annotate(responded=Exists(responded))
        .order_by("organisation__name", "organisation_id")  # as the organisations' own ordering
        .values_list("consultation_id", "organisation_id", "organisation__name", "responded")
    )
    submitted: set[tuple[int, int]] = set()
    invited: dict[int, list[tuple[Organisation, frozenset]]] = defaultdict(list)
    for consultation_id, organisation_id, name, has_responded in rows:
        invited[consultation_id].append((Organisation(pk=organisation_id, name=name), frozenset()))
        if has_responded:
            submitted.add((consultation_id, organisation_id))
    return submitted, invited

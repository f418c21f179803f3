"""Closing dates and reminders to invited organisations that have not responded."""

from collections.abc import Iterator

from django.db.models import Prefetch

from partners.models import Contact, Organisation
from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role, User
from pcc_portal.deadlines.registry import Deadline

from .models import Consultation, Response


def consultation_deadlines(*, start, end, user=None) -> Iterator[Deadline]:
    """Yield each published consultation's closing date, and one reminder per invited organisation.

    The closing date goes to the area's OPCC staff; the reminder to an
    organisation's partner users until it has submitted (then it is done).
    """
    consultations = Consultation.objects.filter(
        status=Consultation.Status.PUBLISHED, closes_at__gte=start, closes_at__lt=end
    )
    # With a user, narrow the queries to what that user can be sent: OPCC staff
    # the closing dates of their areas' consultations, a partner user the
    # response reminder of their own organisation. Nobody else is reminded.
    closing_dates, invited = True, Organisation.objects.all()
    if user is not None:
        # Both scopes below lie inside consultations_visible_to(user): staff see
        # their areas' consultations, a partner those its organisation is invited to.
        if user.role == Role.OPCC_STAFF and user.is_active:
            consultations = consultations.filter(force_area_id__in=user.area_ids)
            invited = Organisation.objects.none()
        elif user.role == Role.PARTNER and user.is_active and (organisation := organisation_of(user)) is not None:
            consultations = consultations.filter(invited_organisations=organisation)
            closing_dates, invited = False, Organisation.objects.filter(pk=organisation.pk)
        else:
            return
    contacts = Contact.objects.filter(is_active=True, user__isnull=False, user__is_active=True, user__role=Role.PARTNER)
    consultations = consultations.select_related("force_area").prefetch_related(
        Prefetch(
            "invited_organisations",
            queryset=invited.prefetch_related(Prefetch("contacts", queryset=contacts)),
        )
    )
    consultations = list(consultations)
    if not consultations:
        return
    staff_by_area: dict[int, set[int]] = {}
    area_ids = {c.force_area_id for c in consultations}
    for user_id, area_id in User.objects.filter(
        role=Role.OPCC_STAFF, is_active=True, force_areas__in=area_ids
    ).values_list("pk", "force_areas"):
        staff_by_area.setdefault(area_id, set()).add(user_id)
    submitted = set(
        Response.objects.filter(
            consultation__in=consultations, status=Response.Status.SUBMITTED, organisation__isnull=False
        ).values_list("consultation_id", "organisation_id")
    )
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
                recipient_ids=frozenset(staff_by_area.get(consultation.force_area_id, set())),
            )
        for organisation in consultation.invited_organisations.all():
            recipients = frozenset(c.user_id for c in organisation.contacts.all())
            yield Deadline(
                key=f"consultations.response:{consultation.pk}-{organisation.pk}",
                kind="consultations.response",
                kind_label="Consultation response due",
                title=f"Response from {organisation.name}: {consultation.title}",
                due=consultation.closes_at,
                url=url,
                area_id=consultation.force_area_id,
                responsible=organisation.name,
                recipient_ids=recipients,
                escalate_to_ids=frozenset(staff_by_area.get(consultation.force_area_id, set())),
                done=(consultation.pk, organisation.pk) in submitted,
            )

"""Reads of partner records, always scoped to the asking user."""

from django.db.models import QuerySet

from pcc_portal.accounts.models import Role

from .models import Contact, Duty, Organisation


def organisation_of(user) -> Organisation | None:
    """Return the organisation a partner user belongs to, if any."""
    if not user.is_authenticated or user.role != Role.PARTNER:
        return None
    contact = Contact.objects.select_related("organisation").filter(user=user, is_active=True).first()
    return contact.organisation if contact else None


def organisations_in_area(area_id: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(force_areas=area_id, is_active=True).distinct()


def responsible_authorities_in_area(area_id: int) -> QuerySet[Organisation]:
    """Return the area's responsible authorities (they receive the issued plan)."""
    return organisations_in_area(area_id).filter(duties__duty=Duty.RESPONSIBLE_AUTHORITY).distinct()


def councils_in_area(area_id: int) -> QuerySet[Organisation]:
    from .models import OrganisationType

    return organisations_in_area(area_id).filter(org_type__in=OrganisationType.councils())

import pytest

from partners.models import Duty, OrganisationDuty, OrganisationType, PartnershipArea
from tests.accounts.factories import UserFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

from .factories import PlanFactory, PlanVersionFactory, PriorityFactory, SectionFactory


@pytest.fixture
def plan(area):
    return PlanFactory(force_area=area)


@pytest.fixture
def draft(plan):
    version = PlanVersionFactory(plan=plan, number=1, label="January 2013 draft")
    SectionFactory(version=version, key="vision", heading="My vision", body="Keep people **safe**.")
    SectionFactory(
        version=version, key="partnership-working", heading="Partnership working", body="Work with partners."
    )
    PriorityFactory(version=version, key="victims", title="Victims")
    return version


@pytest.fixture
def shared(draft):
    from django.utils import timezone

    draft.status = draft.Status.SHARED
    draft.shared_at = timezone.now()
    draft.save()
    return draft


@pytest.fixture
def other_panel_member(other_area):
    return UserFactory(panel_member=True, areas=[other_area])


@pytest.fixture
def other_partner_user(other_area):
    user = UserFactory(partner=True, areas=[other_area])
    ContactFactory(user=user, organisation=OrganisationFactory(areas=[other_area]))
    return user


@pytest.fixture
def area_partners(area):
    """The area's police force and two responsible authorities, and a charity that is neither."""
    force = OrganisationFactory(
        name="Leicestershire Police",
        org_type=OrganisationType.POLICE_FORCE,
        partnership_area=PartnershipArea.CRIMINAL_JUSTICE,
        areas=[area],
    )
    council = OrganisationFactory(council=True, name="Blaby District Council", areas=[area])
    fire = OrganisationFactory(
        name="Leicestershire Fire and Rescue Service",
        org_type=OrganisationType.FIRE_AND_RESCUE,
        partnership_area=PartnershipArea.EMERGENCY_SERVICES,
        areas=[area],
    )
    charity = OrganisationFactory(name="Voluntary Action Leicestershire", areas=[area])
    for organisation in (force, council, fire):
        OrganisationDuty.objects.create(organisation=organisation, duty=Duty.RESPONSIBLE_AUTHORITY)
    return {"force": force, "council": council, "fire": fire, "charity": charity}

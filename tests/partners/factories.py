import factory

from partners.models import Contact, Organisation, OrganisationType, PartnershipArea, SeniorityTier
from tests.accounts.factories import ForceAreaFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation; `areas=[...]` sets its force areas (a new area if omitted)."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    org_type = OrganisationType.VOLUNTARY_COMMUNITY
    partnership_area = PartnershipArea.VOLUNTARY_SECTOR

    class Params:
        council = factory.Trait(
            org_type=OrganisationType.DISTRICT_COUNCIL,
            partnership_area=PartnershipArea.LOCAL_AUTHORITY,
            population=100_000,
        )

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.force_areas.set(extracted if extracted is not None else [ForceAreaFactory()])


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Faker("name", locale="en_GB")
    job_title = "Partnerships manager"
    seniority = SeniorityTier.SENIOR_MANAGER
    email = factory.Sequence(lambda n: f"contact{n}@partner.example.org")

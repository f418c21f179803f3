import datetime

import factory
from django.utils import timezone

from partners.models import (
    Bulletin,
    BulletinArticle,
    BulletinEvent,
    BulletinSection,
    Contact,
    Engagement,
    FollowUpAction,
    Organisation,
    OrganisationType,
    Partnership,
    PartnershipArea,
    PartnershipMember,
    SeniorityTier,
)
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


class ConsentingContactFactory(ContactFactory):
    bulletin_consent = True
    bulletin_consent_at = factory.LazyFunction(timezone.now)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    force_area = factory.SubFactory(ForceAreaFactory)
    name = factory.Sequence(lambda n: f"Partnership board {n}")
    kind = Partnership.Kind.STRATEGIC_BOARD
    meeting_cadence = Partnership.Cadence.QUARTERLY

    class Params:
        agreed = factory.Trait(governance=Partnership.Governance.AGREED, terms_agreed_on=datetime.date(2013, 3, 28))
        cluster = factory.Trait(kind=Partnership.Kind.CLUSTER)


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnershipMember.Role.MEMBER


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    force_area = factory.SubFactory(ForceAreaFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))

    class Params:
        planned = factory.Trait(
            held_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
        )

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    engagement = factory.SubFactory(EngagementFactory)
    description = factory.Sequence(lambda n: f"Follow-up action {n}")
    owner = "OPCC Chief Executive"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))

    class Params:
        done = factory.Trait(status=FollowUpAction.Status.DONE, completed_at=factory.LazyFunction(timezone.now))


class BulletinFactory(factory.django.DjangoModelFactory):
    """A draft bulletin; `audience=[...]` sets the areas it goes to."""

    class Meta:
        model = Bulletin
        skip_postgeneration_save = True

    publisher = factory.SubFactory(OrganisationFactory, org_type=OrganisationType.OPCC)
    number = factory.Sequence(lambda n: n + 1)
    issue_date = datetime.date(2012, 5, 9)
    introduction = "The latest news for partners."
    contact_line = "Contact us at <partners@opcc.example.org>."

    class Params:
        published = factory.Trait(status=Bulletin.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now))
        scheduled = factory.Trait(
            status=Bulletin.Status.SCHEDULED,
            scheduled_for=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2)),
        )

    @factory.post_generation
    def audience(self, create, extracted, **kwargs):
        if create and extracted:
            self.audience.set(extracted)


class BulletinSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulletinSection

    bulletin = factory.SubFactory(BulletinFactory)
    position = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Section {n}")

    class Params:
        sign_off = factory.Trait(kind=BulletinSection.Kind.SIGN_OFF, heading="", body="With best wishes, the PCC.")


class BulletinArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulletinArticle

    bulletin = factory.SubFactory(BulletinFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    body = "Some **news**."

    class Params:
        guest = factory.Trait(author_name="Dorothy Gregson", author_role="Chief Executive")


class BulletinEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulletinEvent

    bulletin = factory.SubFactory(BulletinFactory)
    title = factory.Sequence(lambda n: f"Conference {n}")
    starts_on = datetime.date(2012, 7, 3)
    ends_on = datetime.date(2012, 7, 4)
    venue = "Ryton-on-Dunsmore"

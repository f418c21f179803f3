import datetime

import factory
from django.utils import timezone

from commissioning.models import (
    Application,
    Assignment,
    Criterion,
    FundingStream,
    Grant,
    MonitoringReturn,
    Question,
    Round,
)
from partners.models import Contact
from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.partners.factories import OrganisationFactory


class FundingStreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingStream

    force_area = factory.SubFactory(ForceAreaFactory)
    name = factory.Sequence(lambda n: f"Community Safety Fund {n}")
    financial_year = 2013
    budget_pence = 1_000_000_00


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round by default; traits for closed and not yet open."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    stream = factory.SubFactory(FundingStreamFactory)
    title = factory.Sequence(lambda n: f"Round {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    eligibility = "Partners in the area."

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1)),
        )
        not_open = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
        )

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if create:
            for i, title in enumerate(extracted if extracted is not None else ["Fit with the plan", "Value for money"]):
                Criterion.objects.create(round=self, title=title, position=i)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    text = "Who else is involved?"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft; `complete` fills the business case; states as traits."""

    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    organisation = factory.LazyAttribute(lambda o: OrganisationFactory(areas=[o.round.stream.force_area]))
    title = factory.Sequence(lambda n: f"Project {n}")

    class Params:
        complete = factory.Trait(
            summary="Outreach for victims of domestic abuse.",
            amount_requested_pence=25_000_00,
            period_start=datetime.date(2013, 10, 1),
            period_end=datetime.date(2014, 3, 31),
            evidence_base="Repeat victimisation is high.",
            value_for_money="Two outreach workers.",
            outcomes="Fewer repeat victims.",
            measures="Repeat rate each quarter.",
            who_is_served="Victims of domestic abuse.",
            serves_domestic_sexual_abuse_victims=True,
            risk_if_not_funded="The service closes.",
        )
        submitted = factory.Trait(
            complete=True, status=Application.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )
        recommended = factory.Trait(submitted=True, status=Application.Status.RECOMMENDED, recommendation="award")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    application = factory.SubFactory(ApplicationFactory, submitted=True)
    assessor = factory.LazyAttribute(
        lambda o: UserFactory(opcc_staff=True, areas=[o.application.round.stream.force_area])
    )


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    stream = factory.SubFactory(FundingStreamFactory)
    force_area = factory.SelfAttribute("stream.force_area")
    recipient = factory.LazyAttribute(lambda o: OrganisationFactory(areas=[o.stream.force_area]))
    reference = factory.Sequence(lambda n: f"G-{n:04d}")
    title = factory.Sequence(lambda n: f"Grant {n}")
    purpose = "Community safety work."
    amount_pence = 10_000_00
    award_date = datetime.date(2013, 3, 28)
    start_date = datetime.date(2013, 4, 1)
    end_date = datetime.date(2013, 9, 30)
    conditions = "Report quarterly."


class MonitoringReturnFactory(factory.django.DjangoModelFactory):
    """Due in a week; `overdue` makes it past due."""

    class Meta:
        model = MonitoringReturn

    grant = factory.SubFactory(GrantFactory)
    period_start = factory.Sequence(lambda n: datetime.date(2013, 4, 1) + datetime.timedelta(days=n))
    period_end = factory.LazyAttribute(lambda o: o.period_start + datetime.timedelta(days=90))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
        )


def partner_of(organisation, **kwargs):
    """Return a partner user who belongs to the organisation."""
    user = UserFactory(partner=True, areas=list(organisation.force_areas.all()), **kwargs)
    Contact.objects.create(organisation=organisation, user=user, full_name=user.full_name)
    return user

import datetime

import factory
from django.utils import timezone

from plans.models import Comment, Objective, Plan, PlanVersion, Priority, Section
from tests.accounts.factories import ForceAreaFactory, UserFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    force_area = factory.SubFactory(ForceAreaFactory)
    title = "Police and Crime Plan 2013–2017"
    period_start = datetime.date(2013, 4, 1)
    period_end = datetime.date(2017, 3, 31)
    commissioner = "Sir Clive Loader"


class PlanVersionFactory(factory.django.DjangoModelFactory):
    """A version; traits pin the workflow state with the dates that go with it."""

    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = "Draft"
    status = PlanVersion.Status.DRAFT

    class Params:
        shared = factory.Trait(status=PlanVersion.Status.SHARED, shared_at=factory.LazyFunction(timezone.now))
        consultation = factory.Trait(
            status=PlanVersion.Status.CONSULTATION,
            shared_at=factory.LazyFunction(timezone.now),
            consultation_opens=factory.LazyFunction(timezone.now),
            consultation_closes=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
        )
        issued = factory.Trait(
            status=PlanVersion.Status.ISSUED,
            shared_at=factory.LazyFunction(timezone.now),
            issued_at=factory.LazyFunction(timezone.now),
        )
        superseded = factory.Trait(status=PlanVersion.Status.SUPERSEDED)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(PlanVersionFactory)
    key = factory.Sequence(lambda n: f"section-{n}")
    heading = factory.Sequence(lambda n: f"Section {n}")
    body = "The panel welcomes the commitment to work with partners."
    position = factory.Sequence(lambda n: n)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    version = factory.SubFactory(PlanVersionFactory)
    key = factory.Sequence(lambda n: f"priority-{n}")
    title = factory.Sequence(lambda n: f"Priority {n}")
    position = factory.Sequence(lambda n: n)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    version = factory.SubFactory(PlanVersionFactory)
    key = factory.Sequence(lambda n: f"objective-{n}")
    title = factory.Sequence(lambda n: f"Objective {n}")
    measure = "Recorded crime"
    direction = Objective.Direction.REDUCE
    position = factory.Sequence(lambda n: n)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    section = factory.SubFactory(SectionFactory, version__shared=True)
    version = factory.LazyAttribute(lambda c: c.section.version)
    author = factory.SubFactory(UserFactory, panel_member=True)
    body = "Please say how this target was arrived at."

    class Params:
        resolved = factory.Trait(resolved_at=factory.LazyFunction(timezone.now))

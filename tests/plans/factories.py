import datetime

import factory

from plans.models import Plan, PlanVersion, Priority
from tests.accounts.factories import ForceAreaFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    force_area = factory.SubFactory(ForceAreaFactory)
    title = "Police and Crime Plan 2013–2017"
    period_start = datetime.date(2013, 4, 1)
    period_end = datetime.date(2017, 3, 31)
    commissioner = "Sir Clive Loader"


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    label = "Draft"
    status = PlanVersion.Status.DRAFT

    class Params:
        shared = factory.Trait(status=PlanVersion.Status.SHARED)
        consultation = factory.Trait(status=PlanVersion.Status.CONSULTATION)
        issued = factory.Trait(status=PlanVersion.Status.ISSUED)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    version = factory.SubFactory(PlanVersionFactory)
    key = factory.Sequence(lambda n: f"priority-{n}")
    title = factory.Sequence(lambda n: f"Priority {n}")
    position = factory.Sequence(lambda n: n)

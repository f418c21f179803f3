import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from commissioning.models import Decision as FundingDecision
from tests.accounts.factories import ForceAreaFactory
from tests.commissioning.factories import ApplicationFactory
from transparency.models import Contract, Decision, Gift, InspectionReport, Interest, Position, SpendItem, SpendUpload


class DecisionFactory(factory.django.DjangoModelFactory):
    """A published decision; `draft` for one not yet published."""

    class Meta:
        model = Decision

    force_area = factory.SubFactory(ForceAreaFactory)
    reference = factory.Sequence(lambda n: f"PCC/2026/{n:03d}")
    title = factory.Sequence(lambda n: f"Decision {n}")
    decision = "To fund the scheme."
    reasons = "It meets the plan's priorities."
    decision_maker = "The Police and Crime Commissioner"
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    is_published = True
    published_on = factory.LazyFunction(timezone.localdate)

    class Params:
        draft = factory.Trait(is_published=False, published_on=None)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    force_area = factory.SubFactory(ForceAreaFactory)
    person_name = factory.Sequence(lambda n: f"Person {n}")
    position = Position.COMMISSIONER
    category = "Membership"
    description = factory.Sequence(lambda n: f"Trustee of charity {n}")
    declared_on = factory.LazyFunction(timezone.localdate)


class GiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gift

    force_area = factory.SubFactory(ForceAreaFactory)
    person_name = factory.Sequence(lambda n: f"Person {n}")
    position = Position.DEPUTY
    description = factory.Sequence(lambda n: f"Lunch {n}")
    offered_by = "A supplier"
    offered_on = factory.LazyFunction(timezone.localdate)
    estimated_value = Decimal("30.00")
    outcome = Gift.Outcome.DECLINED


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    force_area = factory.SubFactory(ForceAreaFactory)
    reference = factory.Sequence(lambda n: f"C-{n:03d}")
    title = factory.Sequence(lambda n: f"Contract {n}")
    supplier_name = "Acme Services Ltd"
    value = Decimal("25000.00")
    start_date = datetime.date(2026, 4, 1)
    end_date = datetime.date(2029, 3, 31)
    procurement_route = Contract.Route.OPEN_TENDER


class InspectionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionReport

    force_area = factory.SubFactory(ForceAreaFactory)
    title = factory.Sequence(lambda n: f"PEEL inspection {n}")
    published_on = factory.LazyFunction(timezone.localdate)


class SpendUploadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendUpload

    force_area = factory.SubFactory(ForceAreaFactory)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))


class SpendItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendItem

    upload = factory.SubFactory(SpendUploadFactory)
    paid_on = factory.LazyAttribute(lambda o: o.upload.month)
    supplier = factory.Sequence(lambda n: f"Supplier {n}")
    description = "Services"
    amount = Decimal("750.00")


def funding_decision(area, **kwargs) -> FundingDecision:
    """A published commissioning funding decision in the area."""
    application = ApplicationFactory(round__stream__force_area=area, title=kwargs.pop("title", "Victim befriending"))
    defaults = {
        "application": application,
        "outcome": FundingDecision.Outcome.AWARD,
        "amount_pence": 20_000_00,
        "reasons": "Strong fit with the plan.",
        "reference": f"FD-{application.pk:04d}",
    }
    defaults.update(kwargs)
    return FundingDecision.objects.create(**defaults)

import datetime

import factory

from tests.accounts.factories import ForceAreaFactory
from transition.models import Decision, Milestone, Risk, TransferItem, TransitionProgramme, Workstream


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransitionProgramme

    force_area = factory.SubFactory(ForceAreaFactory)
    name = factory.Sequence(lambda n: f"Transfer programme {n}")
    kind = TransitionProgramme.Kind.PCC_TO_BOARD
    outgoing_body = "Police and Crime Commissioner"
    successor_name = "Policing and Crime Board"
    successor_kind = TransitionProgramme.SuccessorKind.POLICING_AND_CRIME_BOARD
    transfer_date = datetime.date(2028, 5, 8)

    class Params:
        published = factory.Trait(is_published=True)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"stream-{n}")
    name = factory.Sequence(lambda n: f"Workstream {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = datetime.date(2028, 1, 15)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    cause = "A cause."
    effect = "An effect."
    likelihood = 3
    impact = 4


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Decision {n}")
    decision = "Agreed."
    decided_by = "The transition board"
    decided_on = datetime.date(2027, 6, 1)


class TransferItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferItem

    programme = factory.SubFactory(ProgrammeFactory)
    kind = TransferItem.Kind.CONTRACT
    title = factory.Sequence(lambda n: f"Contract {n}")

    class Params:
        to_successor = factory.Trait(receiver_kind=TransferItem.Receiver.SUCCESSOR)

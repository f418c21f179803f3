import datetime

import factory
from django.utils import timezone

from handover.models import Answer, Briefing, Candidate, Question
from tests.accounts.factories import ForceAreaFactory


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    force_area = factory.SubFactory(ForceAreaFactory)
    election_date = datetime.date(2028, 5, 4)
    introduction = "Welcome, candidates."

    class Params:
        published = factory.Trait(published_at=factory.LazyFunction(timezone.now))


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    briefing = factory.SubFactory(BriefingFactory, published=True)
    name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    party = "Example Party"

    class Params:
        confirmed = factory.Trait(status=Candidate.Status.CONFIRMED, confirmed_at=factory.LazyFunction(timezone.now))
        withdrawn = factory.Trait(status=Candidate.Status.WITHDRAWN, withdrawn_at=factory.LazyFunction(timezone.now))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    candidate = factory.SubFactory(CandidateFactory, confirmed=True)
    briefing = factory.SelfAttribute("candidate.briefing")
    text = factory.Sequence(lambda n: f"What is the budget for item {n}?")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    text = "The budget is published in the plan."


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A transition programme (the transition app's model; its own factories may replace these)."""

    class Meta:
        model = "transition.TransitionProgramme"

    force_area = factory.SubFactory(ForceAreaFactory)
    name = factory.Sequence(lambda n: f"Transfer to a Policing and Crime Board {n}")
    kind = "pcc_to_board"
    outgoing_body = "Police and Crime Commissioner for Leicestershire"
    successor_name = "Leicestershire Policing and Crime Board"
    successor_kind = "policing_and_crime_board"
    transfer_date = datetime.date(2028, 5, 8)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transition.Workstream"

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"ws-{n}")
    name = factory.Sequence(lambda n: f"Workstream {n}")


class TransferItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transition.TransferItem"

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "contract"
    title = factory.Sequence(lambda n: f"Register row {n}")


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transition.Risk"

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")
    cause = "Funding ends."
    effect = "Services stop."
    likelihood = 3
    impact = 4


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "transition.Milestone"

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = datetime.date(2028, 9, 1)

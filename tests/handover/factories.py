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

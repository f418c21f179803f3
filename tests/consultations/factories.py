import datetime

import factory
from django.utils import timezone

from consultations.models import (
    Action,
    Answer,
    Attendee,
    Consultation,
    ConsultationEvent,
    Finding,
    Question,
    Response,
    Session,
    Theme,
)
from tests.accounts.factories import ForceAreaFactory
from tests.partners.factories import OrganisationFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["key"]

    group = "Test themes"
    name = factory.Sequence(lambda n: f"Theme {n}")
    key = factory.Sequence(lambda n: f"theme-{n}")
    position = factory.Sequence(lambda n: 1000 + n)


class ConsultationEventFactory(factory.django.DjangoModelFactory):
    """An event; `areas=[...]` sets its force areas (a new area if omitted)."""

    class Meta:
        model = ConsultationEvent
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Deep Dive {n}")
    starts_on = datetime.date(2011, 10, 1)
    ends_on = datetime.date(2011, 11, 30)
    organiser = "Home Office"
    purpose = "To understand how partners are preparing."

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.force_areas.set(extracted if extracted is not None else [ForceAreaFactory()])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(ConsultationEventFactory)
    force_area = factory.LazyAttribute(lambda o: o.event.force_areas.first())
    title = factory.Sequence(lambda n: f"Roundtable {n}")
    kind = Session.Kind.ROUNDTABLE
    audience = Session.Audience.STRATEGIC_LEADERS

    class Params:
        workshop = factory.Trait(kind=Session.Kind.WORKSHOP)
        interview = factory.Trait(kind=Session.Kind.INTERVIEW)
        feedback = factory.Trait(kind=Session.Kind.FEEDBACK)


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    session = factory.SubFactory(SessionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Chief Executive"
    seniority = "strategic_leader"
    attended = True


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding
        skip_postgeneration_save = True

    event = factory.SubFactory(ConsultationEventFactory)
    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Finding number {n} from the discussion.")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted if extracted is not None else list(self.event.force_areas.all()))


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    event = factory.SubFactory(ConsultationEventFactory)
    responsible = Action.Responsible.LOCAL_PARTNERS
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = "Transition board"


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A published consultation open now; traits `draft`, `closed`, `upcoming`, `public`.

    `invited=[...]` sets the invited organisations.
    """

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    force_area = factory.SubFactory(ForceAreaFactory)
    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "What do you think?"
    subject = Consultation.Subject.OTHER
    subject_description = "A proposal"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    audience = Consultation.Audience.INVITED
    status = Consultation.Status.PUBLISHED

    class Params:
        draft = factory.Trait(status=Consultation.Status.DRAFT)
        public = factory.Trait(audience=Consultation.Audience.PUBLIC)
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
        )

    @factory.post_generation
    def invited(self, create, extracted, **kwargs):
        if create and extracted:
            self.invited_organisations.set(extracted)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.TEXT
    position = factory.Sequence(lambda n: n + 1)

    class Params:
        single = factory.Trait(kind=Question.Kind.SINGLE, choices=["Yes", "No"])
        multiple = factory.Trait(kind=Question.Kind.MULTIPLE, choices=["Red", "Green", "Blue"])
        rating = factory.Trait(kind=Question.Kind.RATING)
        mandatory = factory.Trait(required=True)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    consultation = factory.SubFactory(ConsultationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Response.Status.DRAFT

    class Params:
        submitted = factory.Trait(
            status=Response.Status.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
            reference=factory.Sequence(lambda n: f"TEST-{n:05d}"),
        )
        public = factory.Trait(
            organisation=None,
            respondent_name="A resident",
            respondent_email=factory.Sequence(lambda n: f"resident{n}@example.org"),
            status=Response.Status.AWAITING_CONFIRMATION,
        )


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    text = "An answer."

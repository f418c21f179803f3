import datetime

import factory

from panels.models import (
    AgendaItem,
    AgendaReport,
    CommissionerResponse,
    ConfirmationHearing,
    Meeting,
    Membership,
    Panel,
    PanelReport,
    Recommendation,
    ReportAppendix,
    ReportParagraph,
)
from pcc_portal.deadlines.registry import LONDON
from tests.accounts.factories import ForceAreaFactory
from tests.partners.factories import OrganisationFactory


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        django_get_or_create = ["force_area"]

    force_area = factory.SubFactory(ForceAreaFactory)
    name = factory.LazyAttribute(lambda o: f"{o.force_area.name} Police and Crime Panel")
    host_authority = factory.LazyAttribute(
        lambda o: OrganisationFactory(council=True, name=f"{o.force_area.name} County Council", areas=[o.force_area])
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    panel = factory.SubFactory(PanelFactory)
    full_name = factory.Faker("name", locale="en_GB")
    kind = Membership.Kind.COUNCILLOR
    council = factory.LazyAttribute(lambda o: OrganisationFactory(council=True, areas=[o.panel.force_area]))
    party = "Independent"
    starts_on = datetime.date(2012, 7, 1)

    class Params:
        co_opted = factory.Trait(kind=Membership.Kind.CO_OPTED, council=None, party="")
        left = factory.Trait(ends_on=datetime.date(2013, 5, 1))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    panel = factory.SubFactory(PanelFactory)
    starts_at = datetime.datetime(2014, 9, 29, 14, 0, tzinfo=LONDON)
    venue = "County Hall"

    class Params:
        published = factory.Trait(papers_published_on=datetime.date(2014, 9, 19))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 5)
    title = "Partnerships update report"
    kind = AgendaItem.Kind.REPORT

    class Params:
        exempt = factory.Trait(is_exempt=True, exempt_paragraph="1", title="Exempt staffing report")


class AgendaReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaReport

    agenda_item = factory.SubFactory(AgendaItemFactory)
    report_of = "POLICE AND CRIME COMMISSIONER"
    report_date = datetime.date(2014, 9, 29)
    subject = "PARTNERSHIPS UPDATE REPORT"
    author = "CHIEF EXECUTIVE"
    contact_name = "Paul Stock"


class ReportParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportParagraph

    report = factory.SubFactory(AgendaReportFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("paragraph")


class PanelReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReport

    panel = factory.SubFactory(PanelFactory)
    title = "Comments on Police and Crime Plan"
    sent_on = datetime.date(2013, 2, 1)
    responses_due_on = datetime.date(2013, 2, 22)
    comments = "The Panel has concerns about the Plan."

    class Params:
        published = factory.Trait(is_published=True)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    report = factory.SubFactory(PanelReportFactory)
    label = factory.Sequence(lambda n: "abcdefghij"[n % 10])
    position = factory.Sequence(lambda n: n)
    text = factory.Faker("sentence")
    response_due_on = factory.LazyAttribute(lambda o: o.report.responses_due_on)

    class Params:
        answered = factory.Trait(
            status=Recommendation.Status.NOTED, response="I note the Panel's view.", is_published=True
        )

    @factory.post_generation
    def with_response(obj, create, extracted, **kwargs):
        """An answered recommendation has the Commissioner's response (a CommissionerResponse answering it)."""
        text = obj._response_text if hasattr(obj, "_response_text") else ""
        if create and text:
            CommissionerResponseFactory(report=obj.report, text=text, recommendations=[obj])

    @classmethod
    def _create(cls, model_class, *args, response="", **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        obj._response_text = response
        return obj


class CommissionerResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionerResponse
        skip_postgeneration_save = True

    report = factory.SubFactory(PanelReportFactory)
    text = "I note the Panel's view."
    responded_on = datetime.date(2013, 2, 20)

    @factory.post_generation
    def recommendations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.recommendations.set(extracted)


class ReportAppendixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportAppendix

    report = factory.SubFactory(AgendaReportFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Partnership funding 2014/15"
    kind = ReportAppendix.Kind.PDF
    file = factory.django.FileField(filename="appendix.pdf", data=b"%PDF-1.4 not really")
    size = 20


class ConfirmationHearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfirmationHearing

    panel = factory.SubFactory(PanelFactory)
    post = ConfirmationHearing.Post.CHIEF_CONSTABLE
    candidate = factory.Faker("name", locale="en_GB")
    notified_on = datetime.date(2026, 1, 5)

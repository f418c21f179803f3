"""A word found in every kind of record: the page still runs a fixed, small number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.commissioning.factories import ApplicationFactory, GrantFactory
from tests.consultations.factories import (
    ConsultationEventFactory,
    ConsultationFactory,
    FindingFactory,
    ResponseFactory,
)
from tests.panels.factories import (
    AgendaItemFactory,
    AgendaReportFactory,
    MeetingFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
)
from tests.partners.factories import BulletinFactory, OrganisationFactory
from tests.plans.factories import PlanFactory, PlanVersionFactory, SectionFactory
from tests.transition.factories import ProgrammeFactory, TransferItemFactory

URL = "/search/"
MAX_QUERIES = 15
WORD = "Quorn"


def _decision(area, i):
    from commissioning.models import Decision

    application = ApplicationFactory(round__stream__force_area=area, title=f"{WORD} youth project {i}")
    return Decision.objects.create(
        application=application,
        reference=f"FD-{i:04d}",
        outcome=Decision.Outcome.AWARD,
        reasons=f"Strong case for {WORD}.",
        is_published=True,
    )


@pytest.fixture
def every_kind(area, reindex):
    """`make(n)` adds n records of every searchable kind holding the word, some published, some private."""
    panel = PanelFactory(force_area=area)
    issued = PlanVersionFactory(plan=PlanFactory(force_area=area), issued=True)
    draft = PlanVersionFactory(plan=PlanFactory(force_area=area))

    made = [0]

    def make(n: int) -> None:
        for i in range(made[0], made[0] + n):
            OrganisationFactory(name=f"{WORD} Parish Council {i}", areas=[area])
            BulletinFactory(force_area=area, published=True, series_title=f"{WORD} bulletin")
            SectionFactory(version=issued, heading=f"Heading {i}", body=f"{WORD} patrols.")
            SectionFactory(version=draft, heading=f"Draft {i}", body=f"{WORD} draft.")
            meeting = MeetingFactory(panel=panel, published=True, venue=f"{WORD} Village Hall {i}")
            AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting), subject=f"{WORD} report {i}")
            report = PanelReportFactory(panel=panel, published=True, title=f"{WORD} comments {i}")
            RecommendationFactory(report=report, answered=True, text=f"{WORD} recommendation {i}")
            consultation = ConsultationFactory(force_area=area, public=True, title=f"{WORD} survey {i}")
            ResponseFactory(consultation=consultation, submitted=True, organisation__name=f"{WORD} Trust {i}")
            event = ConsultationEventFactory(areas=[area], title=f"{WORD} Deep Dive {i}")
            FindingFactory(event=event, text=f"{WORD} partners asked for more.")
            GrantFactory(stream__force_area=area, title=f"{WORD} grant {i}")
            GrantFactory(stream__force_area=area, title=f"{WORD} private grant {i}", is_published=False)
            _decision(area, i)
            programme = ProgrammeFactory(force_area=area, name=f"{WORD} transfer {i}")
            TransferItemFactory(programme=programme, title=f"{WORD} lease {i}")
        made[0] += n
        reindex()

    return make


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"q": WORD})
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "staff", "secretariat", "partner", "admin"])
def test_query_count_is_flat_whatever_kinds_match(
    client, every_kind, role, staff_user, secretariat_user, partner_user, admin_user
):
    users = {"staff": staff_user, "secretariat": secretariat_user, "partner": partner_user, "admin": admin_user}
    if role in users:
        client.force_login(users[role])
    every_kind(1)
    one, _ = _queries(client)
    every_kind(19)
    twenty, html_twenty = _queries(client)
    assert one == twenty <= MAX_QUERIES, (one, twenty)
    assert html_twenty.count('<li class="border-bottom') == 20


def test_staff_find_more_kinds_than_visitors(client, every_kind, staff_user):
    every_kind(1)
    visitor = client.get(URL, {"q": WORD}).content.decode()
    client.force_login(staff_user)
    staff = client.get(URL, {"q": WORD}).content.decode()
    for kind in ["Agenda report", "Grant", "Funding decision", "Consultation"]:
        assert f">{kind} · " in visitor
    for kind in ["Transfer register row", "Consultation event", "Transition programme"]:
        assert f">{kind} · " not in visitor
        assert f">{kind} · " in staff


def test_each_published_hit_takes_a_visitor_to_its_public_page(client, every_kind):
    from django.urls import reverse

    from search.models import SearchEntry
    from search.sources import all_sources

    every_kind(1)
    html = client.get(URL, {"q": WORD}).content.decode()
    checked = 0
    for (app_label, model), source in all_sources().items():
        if source.published is None:
            continue
        indexed = SearchEntry.objects.filter(app_label=app_label, model=model).values("object_id")
        for pk in source.published().filter(pk__in=indexed).values_list("pk", flat=True):
            assert f'href="{reverse(source.public_url, kwargs={"pk": pk})}"' in html, (model, pk)
            checked += 1
    assert checked  # the fixture publishes some of them

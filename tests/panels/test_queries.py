"""Query counts stay constant as rows grow (1 row and 20 rows)."""

import datetime

import pytest
from django.urls import reverse

from pcc_portal.deadlines.registry import LONDON, collect_deadlines
from tests.conftest import DASHBOARD_MAX_QUERIES, DEADLINES_MAX_QUERIES
from tests.panels.factories import (
    AgendaItemFactory,
    AgendaReportFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
    ReportParagraphFactory,
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


@pytest.mark.parametrize("rows", [1, 20])
def test_panel_page_queries_do_not_grow_with_members_and_meetings(
    client, panel, secretariat_user, rows, django_assert_max_num_queries
):
    MembershipFactory.create_batch(rows, panel=panel)
    for n in range(rows):
        MeetingFactory(panel=panel, starts_at=datetime.datetime(2014, 1, 1 + n, 14, tzinfo=LONDON))
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(panel.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_meeting_page_queries_do_not_grow_with_agenda_items(client, panel, rows, django_assert_max_num_queries):
    meeting = MeetingFactory(panel=panel, published=True)
    for n in range(rows):
        AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting, number=n + 1))
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(meeting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_agenda_report_page_queries_do_not_grow_with_paragraphs(client, panel, rows, django_assert_max_num_queries):
    report = AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(panel=panel, published=True)))
    ReportParagraphFactory.create_batch(rows, report=report)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("panels:report_detail", kwargs={"pk": report.pk})).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_panel_report_page_queries_do_not_grow_with_recommendations(
    client, panel, staff_user, rows, django_assert_max_num_queries
):
    report = PanelReportFactory(panel=panel, published=True)
    for n in range(rows):
        parent = RecommendationFactory(report=report, position=n * 10, answered=True)
        RecommendationFactory(report=report, parent=parent, position=n * 10 + 1, label="i", answered=True)
    client.force_login(staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(report.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_meeting_list_queries_do_not_grow(client, panel, rows, django_assert_max_num_queries):
    for n in range(rows):
        MeetingFactory(panel=panel, published=True, starts_at=datetime.datetime(2014, 1, 1 + n, 14, tzinfo=LONDON))
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse("panels:meeting_list")).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_deadline_collection_queries_do_not_grow(area, secretariat_user, rows, django_assert_max_num_queries):
    from tests.accounts.factories import ForceAreaFactory

    for n in range(rows):
        p = PanelFactory(force_area=area if n == 0 else ForceAreaFactory())
        MeetingFactory(panel=p)
        PanelReportFactory(panel=p, responses_due_on=datetime.date(2014, 9, 20))
    with django_assert_max_num_queries(DEADLINES_MAX_QUERIES):
        list(
            collect_deadlines(
                start=datetime.datetime(2014, 9, 1, tzinfo=LONDON), end=datetime.datetime(2014, 10, 1, tzinfo=LONDON)
            )
        )


@pytest.mark.parametrize("rows", [1, 20])
def test_dashboard_queries_do_not_grow(client, panel, secretariat_user, rows, django_assert_max_num_queries):
    for n in range(rows):
        MeetingFactory(panel=panel, starts_at=datetime.datetime(2040, 1, 1 + n, 14, tzinfo=LONDON))
        RecommendationFactory(report=PanelReportFactory(panel=panel), response_due_on=datetime.date(2013, 1, 1))
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        assert client.get("/dashboard/").status_code == 200

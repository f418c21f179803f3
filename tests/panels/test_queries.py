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


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= MAX_QUERIES
    return len(captured)


def _meeting_with_items(panel, rows: int):
    from panels.models import MinutesStatus
    from tests.panels.factories import ReportAppendixFactory

    meeting = MeetingFactory(panel=panel, published=True, minutes_status=MinutesStatus.PUBLISHED)
    for n in range(rows):
        item = AgendaItemFactory(
            meeting=meeting, number=n + 1, minutes_discussion="Discussed.", minutes_heard="A Person", decision="Noted."
        )
        ReportAppendixFactory(report=AgendaReportFactory(agenda_item=item))
        PanelReportFactory(panel=panel, meeting=meeting, published=True)
    return meeting


def test_meeting_and_minutes_pages_make_as_many_queries_for_20_items_as_for_1(client, panel, secretariat_user):
    counts = {}
    for rows in (1, 20):
        meeting = _meeting_with_items(panel, rows)
        for user in (None, secretariat_user):
            client.logout()
            if user:
                client.force_login(user)
            counts[rows, user is None, "meeting"] = _queries(client, meeting.get_absolute_url())
            counts[rows, user is None, "minutes"] = _queries(
                client, reverse("panels:meeting_minutes", kwargs={"pk": meeting.pk})
            )
    for public in (True, False):
        for page in ("meeting", "minutes"):
            assert counts[1, public, page] == counts[20, public, page], (public, page)


def test_report_page_with_appendices_makes_as_many_queries_for_20_as_for_1(client, panel):
    from tests.panels.factories import ReportAppendixFactory

    counts = []
    for rows in (1, 20):
        report = AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(panel=panel, published=True)))
        ReportAppendixFactory.create_batch(rows, report=report)
        counts.append(_queries(client, report.get_absolute_url()))
    assert counts[0] == counts[1]


def test_tracker_pages_make_as_many_queries_for_20_recommendations_as_for_1(client, panel, staff_user):
    from tests.panels.factories import CommissionerResponseFactory

    counts = {}
    for rows in (1, 20):
        report = PanelReportFactory(panel=panel, published=True, title=f"Report {rows}")
        recs = [
            RecommendationFactory(report=report, position=n, heading="Section" if n % 5 == 0 else "", answered=True)
            for n in range(rows)
        ]
        CommissionerResponseFactory(report=report, recommendations=recs, text="One answer to all.")
        CommissionerResponseFactory(report=report, recommendations=recs[:1], section_heading="Section")
        for user in (None, staff_user):
            client.logout()
            if user:
                client.force_login(user)
            counts[rows, user is None, "report"] = _queries(client, report.get_absolute_url())
        report.delete() if rows == 1 else None
    client.logout()
    tracker = reverse("panels:recommendation_tracker", kwargs={"pk": panel.pk})
    counts["panel"] = _queries(client, tracker)
    for public in (True, False):
        assert counts[1, public, "report"] == counts[20, public, "report"], public
    PanelReportFactory.create_batch(3, panel=panel, published=True)
    assert _queries(client, tracker) == counts["panel"]

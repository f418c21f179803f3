"""An anonymous caller reads only what the portal publishes; a token reads its owner's own area too."""

import pytest

from commissioning.models import Grant
from plans.models import PlanVersion
from tests.api.conftest import bearer
from tests.commissioning.factories import GrantFactory
from tests.panels.factories import AgendaItemFactory, AgendaReportFactory, MeetingFactory, PanelFactory
from tests.partners.factories import BulletinFactory
from tests.plans.factories import PlanVersionFactory
from tests.transition.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def titles(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return response.json()


def test_anonymous_never_sees_an_unpublished_record(client, area):
    panel = PanelFactory(force_area=area)
    published = MeetingFactory(panel=panel, published=True)
    unpublished = MeetingFactory(panel=panel)
    public_item = AgendaItemFactory(meeting=published, title="Partnerships update report")
    AgendaReportFactory(
        agenda_item=public_item, contact_email="paul.stock@opcc.example.org", contact_phone="0116 229 8980"
    )
    AgendaItemFactory(meeting=published, exempt=True)
    AgendaItemFactory(meeting=unpublished, title="Draft item")
    issued = PlanVersionFactory(plan__force_area=area, issued=True)
    PlanVersionFactory(plan=issued.plan)  # a draft
    BulletinFactory(force_area=area, published=True, introduction="Published news")
    BulletinFactory(force_area=area, introduction="Draft news")
    ProgrammeFactory(force_area=area, published=True, name="Published programme")
    ProgrammeFactory(force_area=area, name="Private programme")
    GrantFactory(stream__force_area=area, is_published=True, title="Public grant")
    GrantFactory(stream__force_area=area, title="Private grant", is_published=False)

    meetings = titles(client, "/api/v1/meetings")
    assert [m["id"] for m in meetings["items"]] == [published.pk]
    assert meetings["items"][0]["pdf_url"].endswith(f"/panels/meetings/{published.pk}/agenda.pdf")
    items = titles(client, "/api/v1/agenda-items")["items"]
    assert [i["id"] for i in items] == [public_item.pk]
    assert items[0]["report"]["pdf_url"].startswith("http")
    plans = titles(client, "/api/v1/plans")["items"]
    assert [p["id"] for p in plans] == [issued.pk]
    assert [b["introduction"] for b in titles(client, "/api/v1/bulletins")["items"]] == ["Published news"]
    assert [p["name"] for p in titles(client, "/api/v1/transition-programmes")["items"]] == ["Published programme"]
    assert [g["title"] for g in titles(client, "/api/v1/grants")["items"]] == ["Public grant"]
    assert client.get(f"/api/v1/meetings/{unpublished.pk}").status_code == 404


def test_no_email_address_or_phone_number_is_ever_served(client, area, staff_token):
    panel = PanelFactory(force_area=area)
    item = AgendaItemFactory(meeting=MeetingFactory(panel=panel, published=True))
    AgendaReportFactory(agenda_item=item, contact_email="paul.stock@opcc.example.org", contact_phone="0116 229 8980")
    for extra in ({}, bearer(staff_token)):
        for url in ["/api/v1/agenda-items", "/api/v1/meetings", "/api/v1/bulletins", "/api/v1/grants"]:
            body = client.get(url, **extra).content.decode()
            assert "@" not in body
            assert "229 8980" not in body
            assert "Paul Stock" not in body


def test_a_token_reads_its_own_areas_private_records_only(client, area, other_area, staff_token, other_staff_token):
    draft_here = PlanVersionFactory(plan__force_area=area, label="Leicestershire draft")
    PlanVersionFactory(plan__force_area=other_area, label="West Midlands draft")
    ProgrammeFactory(force_area=area, name="Leicestershire private programme")
    GrantFactory(stream__force_area=area, title="Leicestershire private grant", is_published=False)
    meeting = MeetingFactory(panel=PanelFactory(force_area=area))
    AgendaItemFactory(meeting=meeting, exempt=True, title="Leicestershire exempt item")

    mine = titles(client, "/api/v1/plans", **bearer(staff_token))["items"]
    assert [p["id"] for p in mine] == [draft_here.pk]
    assert mine[0]["status"] == PlanVersion.Status.DRAFT

    # West Midlands staff never see Leicestershire's private records.
    for url in [
        "/api/v1/plans",
        "/api/v1/transition-programmes",
        "/api/v1/grants",
        "/api/v1/agenda-items",
        "/api/v1/meetings",
    ]:
        body = client.get(url, **bearer(other_staff_token)).content.decode()
        assert "Leicestershire" not in body, url
    assert client.get(f"/api/v1/meetings/{meeting.pk}", **bearer(other_staff_token)).status_code == 404
    assert client.get(f"/api/v1/meetings/{meeting.pk}", **bearer(staff_token)).status_code == 200
    assert Grant.objects.count() == 1


def test_filters_by_area_and_date(client, area, other_area):
    here = BulletinFactory(force_area=area, published=True, issue_date="2012-05-09")
    BulletinFactory(force_area=other_area, published=True, issue_date="2012-05-09")
    BulletinFactory(force_area=area, published=True, issue_date="2013-01-10")
    body = titles(client, "/api/v1/bulletins?area=leicestershire&until=2012-12-31")
    assert [b["id"] for b in body["items"]] == [here.pk]
    assert body["items"][0]["area"] == {"code": "leicestershire", "name": "Leicestershire"}
    assert titles(client, "/api/v1/bulletins?area=nowhere")["count"] == 0
    assert client.get("/api/v1/bulletins?since=not-a-date").status_code == 422


def test_pages_link_to_each_other(client, area):
    for number in range(3):
        BulletinFactory(force_area=area, published=True, number=100 + number)
    first = titles(client, "/api/v1/bulletins?page_size=2")
    assert first["count"] == 3 and len(first["items"]) == 2 and first["previous"] is None
    second = titles(client, first["next"].split("testserver", 1)[1])
    assert len(second["items"]) == 1 and second["next"] is None and "page=1" in second["previous"]


def test_a_response_not_yet_published_is_blank_for_a_visitor_and_shown_to_the_area(client, area, staff_token):
    from tests.panels.factories import PanelReportFactory, RecommendationFactory

    report = PanelReportFactory(panel=PanelFactory(force_area=area), published=True)
    RecommendationFactory(report=report, answered=True, response="Published answer.")
    RecommendationFactory(report=report, status="accepted", response="Draft answer.", is_published=False)
    PanelReportFactory(panel=report.panel)  # unpublished report: not listed for a visitor
    public = titles(client, "/api/v1/recommendations")["items"]
    assert sorted(r["response"] for r in public) == ["", "Published answer."]
    assert "awaiting" in [r["status"] for r in public]
    mine = titles(client, "/api/v1/recommendations", **bearer(staff_token))["items"]
    assert sorted(r["response"] for r in mine) == ["Draft answer.", "Published answer."]
    assert mine[0]["pdf_url"].endswith(f"/panels/reports/{report.pk}/pdf/")

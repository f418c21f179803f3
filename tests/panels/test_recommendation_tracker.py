"""Recommendations and responses: the tracker on page and PDF, shared and section responses, who writes them."""

import datetime

import pytest
from django.urls import reverse

from panels.models import CommissionerResponse, Recommendation
from tests.accounts.factories import UserFactory
from tests.panels.conftest import pdf_text
from tests.panels.factories import (
    MeetingFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
)
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


@pytest.fixture
def report(panel):
    report = PanelReportFactory(panel=panel, published=True, comments="", title="Comments on the draft plan")
    RecommendationFactory(
        report=report, position=1, label="a", heading="Priorities", text="Rank the priorities.", owner="Chief Executive"
    )
    RecommendationFactory(report=report, position=2, label="b", text="Publish the targets.")
    RecommendationFactory(report=report, position=3, label="c", heading="Finance", text="Show the reserves.")
    RecommendationFactory(report=report, position=4, label="d", text="Explain the precept.")
    return report


def _rec(report, label) -> Recommendation:
    return report.recommendations.get(label=label)


def _respond(client, report, **data):
    return client.post(reverse("panels:response_create", kwargs={"pk": report.pk}), data)


def test_one_response_answers_two_recommendations_and_a_section_response_answers_its_section(
    client, report, staff_user
):
    client.force_login(staff_user)
    shared = _respond(
        client,
        report,
        recommendations=[_rec(report, "a").pk, _rec(report, "b").pk],
        status="accepted",
        text="The plan will rank and publish them.",
    )
    assert shared.status_code == 302
    section = _respond(
        client, report, section_heading="Finance", status="not_stated", text="The finance chapter is being rewritten."
    )
    assert section.status_code == 302
    assert CommissionerResponse.objects.count() == 2
    assert {r.label: r.status for r in report.recommendations.all()} == {
        "a": "accepted",
        "b": "accepted",
        "c": "not_stated",
        "d": "not_stated",
    }
    client.force_login(UserFactory(panel_secretariat=True, areas=[report.panel.force_area]))
    client.post(reverse("panels:panel_report_publish", kwargs={"pk": report.pk}), {"confirmed": "1"})
    client.logout()
    page = " ".join(client.get(report.get_absolute_url()).text.split())
    order = [
        "Priorities",
        "a)</span>",
        "Rank the priorities.",
        "The plan will rank and publish them.",
        "This response also answers b).",
        "Owner</dt> <dd>Chief Executive",
        "Publish the targets.",
        "See the response to a)",
        "Finance",
        "Response to this section",
        "The finance chapter is being rewritten.",
        "Show the reserves.",
        "Answered by the response to the section above.",
        "Status</dt> <dd>Not stated",
        "Explain the precept.",
    ]
    position = 0
    for part in order:
        found = page.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order"
        position = found
    assert page.count("The plan will rank and publish them.") == 1  # shown once, not per recommendation


def test_tracker_pdf_says_what_the_page_says(client, report, staff_user):
    client.force_login(staff_user)
    _respond(client, report, recommendations=[_rec(report, "a").pk], status="noted", text="Noted, with thanks.")
    Recommendation.objects.filter(report=report).update(is_published=True)
    client.logout()
    for url in [
        reverse("panels:panel_report_pdf", kwargs={"pk": report.pk}),
        reverse("panels:recommendation_tracker_pdf", kwargs={"pk": report.panel_id}),
    ]:
        text = " ".join(pdf_text(get_pdf(client, url)).split())
        parts = [
            "Priorities",
            "a) Rank the priorities.",
            "Response Noted, with thanks.",
            "Status: Noted Owner: Chief Executive Due: 22 February 2013",
            "b) Publish the targets.",
            "No response yet.",
            "Status: Awaiting response Owner: Not stated",
            "Finance",
            "c) Show the reserves.",
        ]
        position = 0
        for part in parts:
            found = text.find(part, position)
            assert found >= 0, f"{url}: {part!r} missing or out of order"
            position = found


def test_only_the_areas_opcc_staff_write_responses(client, area, other_area, report):
    PanelFactory(force_area=other_area)
    url = reverse("panels:response_create", kwargs={"pk": report.pk})
    roles = {
        "staff": UserFactory(opcc_staff=True, areas=[area]),
        "secretariat": UserFactory(panel_secretariat=True, areas=[area]),
        "member": UserFactory(panel_member=True, areas=[area]),
        "partner": UserFactory(partner=True, areas=[area]),
        "other area staff": UserFactory(opcc_staff=True, areas=[other_area]),
    }
    for role, user in roles.items():
        client.force_login(user)
        assert client.get(url).status_code == (200 if role == "staff" else 404), role
        refused = _respond(client, report, recommendations=[_rec(report, "a").pk], status="noted", text="x")
        assert refused.status_code == (302 if role == "staff" else 404), role
    client.logout()
    assert client.get(url).status_code == 302  # to sign in
    assert CommissionerResponse.objects.count() == 1


def test_response_without_recommendations_or_section_saves_nothing(client, report, staff_user):
    client.force_login(staff_user)
    response = _respond(client, report, status="accepted", text="To what?")
    assert response.status_code == 200
    assert "Choose the recommendations this response answers, or the section it answers." in response.text
    assert not CommissionerResponse.objects.exists()


def test_secretariat_writes_comments_optionally_and_cannot_write_the_commissioners_response(
    client, panel, secretariat_user, staff_user
):
    client.force_login(secretariat_user)
    form = client.get(reverse("panels:panel_report_create", kwargs={"pk": panel.pk})).text
    assert "Comments (optional)" in form
    assert "comments_response" not in form
    assert client.get(reverse("panels:comments_response_edit", kwargs={"pk": 1})).status_code == 404
    report = PanelReportFactory(panel=panel, comments="The Panel welcomes the plan.")
    url = reverse("panels:comments_response_edit", kwargs={"pk": report.pk})
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.post(url, {"comments_response": "I thank the Panel."}).status_code == 302
    report.refresh_from_db()
    assert report.comments_response == "I thank the Panel."


def test_public_tracker_shows_published_reports_only_and_unpublished_responses_to_insiders(
    client, panel, other_area, panel_member_user
):
    published = PanelReportFactory(panel=panel, published=True, title="Published report")
    RecommendationFactory(report=published, text="Visible recommendation.", answered=True, response="Public answer.")
    RecommendationFactory(report=published, status="accepted", response="Draft answer.", is_published=False)
    PanelReportFactory(panel=panel, title="Draft report")
    url = reverse("panels:recommendation_tracker", kwargs={"pk": panel.pk})
    page = client.get(url).text
    assert "Published report" in page and "Public answer." in page
    assert "Draft report" not in page and "Draft answer." not in page
    client.force_login(UserFactory(panel_secretariat=True, areas=[other_area]))
    assert "Draft answer." not in client.get(url).text
    client.force_login(panel_member_user)
    page = client.get(url).text
    assert "Draft report" in page and "Draft answer." in page


def test_meeting_page_links_the_panels_recommendations_and_responses(client, panel):
    meeting = MeetingFactory(panel=panel, published=True)
    report = PanelReportFactory(panel=panel, published=True, meeting=meeting, title="Report on the precept")
    page = client.get(meeting.get_absolute_url()).text
    assert f'href="{report.get_absolute_url()}"' in page
    assert f'href="{reverse("panels:recommendation_tracker", kwargs={"pk": panel.pk})}"' in page


def test_existing_responses_move_to_commissioner_responses(transactional_db):
    """The data migration: a response written on a recommendation becomes a response answering it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("panels", "0003_meeting_papers")])
    old = executor.loader.project_state([("panels", "0003_meeting_papers")]).apps
    area = old.get_model("accounts", "ForceArea").objects.create(name="Testshire", code="testshire")
    org = old.get_model("partners", "Organisation").objects.create(name="Testshire County Council")
    panel = old.get_model("panels", "Panel").objects.create(force_area=area, name="Testshire Panel", host_authority=org)
    report = old.get_model("panels", "PanelReport").objects.create(
        panel=panel, title="Comments", sent_on=datetime.date(2013, 2, 1), comments="x"
    )
    OldRec = old.get_model("panels", "Recommendation")
    OldRec.objects.create(report=report, label="a", text="Do it.", response="Done.", status="accepted")
    OldRec.objects.create(report=report, label="b", text="Wait.", response="", status="awaiting")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    answered = Recommendation.objects.get(label="a", report__title="Comments")
    assert (answered.status, answered.response, answered.responded_on) == ("accepted", "Done.", report.sent_on)
    assert not Recommendation.objects.get(label="b", report__title="Comments").responses.exists()

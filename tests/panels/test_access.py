"""Who sees and does what: every role, allowed and refused, including other areas."""

import datetime

import pytest
from django.urls import reverse

from panels.models import Complaint, Meeting, Recommendation
from tests.accounts.factories import UserFactory
from tests.panels.factories import (
    AgendaItemFactory,
    AgendaReportFactory,
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
def other_panel(other_area):
    return PanelFactory(force_area=other_area)


@pytest.fixture
def meeting(panel):
    return MeetingFactory(panel=panel, starts_at=datetime.datetime(2030, 9, 30, 14, 0, tzinfo=datetime.UTC))


@pytest.fixture
def open_report(meeting):
    return AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting, number=5))


@pytest.fixture
def exempt_report(meeting):
    return AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=meeting, number=6, exempt=True))


@pytest.fixture
def other_member(other_area, other_panel):
    return UserFactory(panel_member=True, areas=[other_area])


@pytest.fixture
def other_secretariat(other_area, other_panel):
    return UserFactory(panel_secretariat=True, areas=[other_area])


def _report_urls(report):
    return [
        reverse("panels:report_detail", kwargs={"pk": report.pk}),
        reverse("panels:report_pdf", kwargs={"pk": report.pk}),
    ]


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return get_pdf(client, url).status_code


def _publish(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(papers_published_on=datetime.date(2030, 9, 20))


def test_public_gets_404_until_papers_are_published(client, meeting, open_report):
    meeting_url = meeting.get_absolute_url()
    assert _get(client, None, meeting_url) == 404
    for url in _report_urls(open_report):
        assert _get(client, None, url) == 404
    _publish(meeting)
    assert _get(client, None, meeting_url) == 200
    for url in _report_urls(open_report):
        assert _get(client, None, url) == 200


def test_public_never_sees_exempt_papers(client, meeting, exempt_report, open_report):
    _publish(meeting)
    for url in _report_urls(exempt_report):
        assert _get(client, None, url) == 404
    page = client.get(meeting.get_absolute_url()).text
    assert exempt_report.agenda_item.title not in page
    assert open_report.agenda_item.title in page


def test_member_of_another_areas_panel_gets_404_on_exempt_papers(client, meeting, exempt_report, other_member):
    _publish(meeting)
    for url in _report_urls(exempt_report):
        assert _get(client, other_member, url) == 404


def test_member_of_another_areas_panel_gets_404_before_publication(client, meeting, open_report, other_member):
    assert _get(client, other_member, meeting.get_absolute_url()) == 404
    for url in _report_urls(open_report):
        assert _get(client, other_member, url) == 404


def test_own_panel_member_reads_exempt_and_unpublished_papers(client, meeting, exempt_report, panel_member_user):
    assert _get(client, panel_member_user, meeting.get_absolute_url()) == 200
    for url in _report_urls(exempt_report):
        assert _get(client, panel_member_user, url) == 200


def test_areas_opcc_staff_read_unpublished_papers(client, meeting, exempt_report, staff_user, other_area_staff):
    assert _get(client, staff_user, _report_urls(exempt_report)[0]) == 200
    assert _get(client, other_area_staff, _report_urls(exempt_report)[0]) == 404


def test_partner_user_sees_only_what_the_public_sees(client, meeting, exempt_report, open_report, partner_user):
    assert _get(client, partner_user, meeting.get_absolute_url()) == 404
    _publish(meeting)
    assert _get(client, partner_user, _report_urls(open_report)[0]) == 200
    assert _get(client, partner_user, _report_urls(exempt_report)[0]) == 404


def test_secretariat_publishes_own_panels_papers(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(reverse("panels:meeting_publish", kwargs={"pk": meeting.pk}), {"confirmed": "1"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.papers_published_on is not None


def test_secretariat_of_another_area_cannot_publish(client, meeting, other_secretariat):
    client.force_login(other_secretariat)
    assert (
        client.post(reverse("panels:meeting_publish", kwargs={"pk": meeting.pk}), {"confirmed": "1"}).status_code == 404
    )
    meeting.refresh_from_db()
    assert meeting.papers_published_on is None


def test_panel_member_cannot_publish(client, meeting, panel_member_user):
    client.force_login(panel_member_user)
    assert (
        client.post(reverse("panels:meeting_publish", kwargs={"pk": meeting.pk}), {"confirmed": "1"}).status_code == 404
    )
    meeting.refresh_from_db()
    assert meeting.papers_published_on is None


def test_secretariat_schedules_a_meeting_and_sees_papers_due(client, panel, secretariat_user, other_secretariat):
    url = reverse("panels:meeting_create", kwargs={"pk": panel.pk})
    client.force_login(other_secretariat)
    assert client.get(url).status_code == 404
    client.force_login(secretariat_user)
    response = client.post(url, {"kind": "ordinary", "starts_at": "2014-09-29T14:00", "venue": "County Hall"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(panel=panel)
    assert [i.title for i in meeting.agenda_items.all()][:2] == ["Apologies for absence", "Declarations of interest"]
    page = client.get(response["Location"]).text
    assert "Friday 19 September 2014" in page


def test_meeting_form_shows_errors_and_saves_nothing(client, panel, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(reverse("panels:meeting_create", kwargs={"pk": panel.pk}), {"starts_at": "not a date"})
    assert response.status_code == 200
    assert "Enter a valid date/time" in response.text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ["secretariat_user", "admin_user"])
def test_complaints_are_for_the_secretariat(client, panel, role, request):
    Complaint.objects.create(panel=panel, received_on=datetime.date(2014, 8, 4), complainant="X", summary="Slow reply")
    user = request.getfixturevalue(role)
    assert _get(client, user, reverse("panels:complaint_list", kwargs={"pk": panel.pk})) == 200


@pytest.mark.parametrize("role", ["panel_member_user", "staff_user", "partner_user", "other_secretariat"])
def test_complaints_are_hidden_from_everyone_else(client, panel, role, request):
    user = request.getfixturevalue(role)
    assert _get(client, user, reverse("panels:complaint_list", kwargs={"pk": panel.pk})) == 404


def test_anonymous_is_sent_to_sign_in_for_panel_pages(client, panel):
    response = client.get(panel.get_absolute_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_other_areas_users_get_404_on_the_panel_page(client, panel, other_member, other_area_staff):
    assert _get(client, other_member, panel.get_absolute_url()) == 404
    assert _get(client, other_area_staff, panel.get_absolute_url()) == 404


@pytest.mark.parametrize("view", ["panels:panel_balance", "panels:calendar"])
def test_partner_cannot_open_panel_working_pages(client, panel, partner_user, panel_member_user, view):
    url = reverse(view, kwargs={"pk": panel.pk})
    assert _get(client, partner_user, url) == 404
    assert _get(client, panel_member_user, url) == 200


def test_unpublished_panel_report_is_404_for_the_public_and_open_to_members(client, panel, panel_member_user):
    report = PanelReportFactory(panel=panel)
    url = report.get_absolute_url()
    assert _get(client, None, url) == 404
    assert _get(client, None, reverse("panels:panel_report_pdf", kwargs={"pk": report.pk})) == 404
    assert _get(client, panel_member_user, url) == 200


def test_public_sees_only_published_responses(client, panel):
    report = PanelReportFactory(panel=panel, published=True)
    RecommendationFactory(report=report, text="Rank the priorities.", answered=True, response="Published answer.")
    RecommendationFactory(
        report=report, text="Consult partners.", status=Recommendation.Status.NOTED, response="Draft answer."
    )
    page = client.get(report.get_absolute_url()).text
    assert "Published answer." in page
    assert "Consult partners." in page
    assert "Draft answer." not in page


def test_areas_opcc_staff_respond_but_secretariat_and_other_areas_cannot(
    client, panel, staff_user, secretariat_user, other_area_staff
):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel))
    url = reverse("panels:recommendation_respond", kwargs={"pk": rec.pk})
    assert _get(client, secretariat_user, url) == 404
    assert _get(client, other_area_staff, url) == 404
    client.force_login(staff_user)
    response = client.post(url, {"status": "accepted", "response": "I accept and will act."})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.status, rec.response) == ("accepted", "I accept and will act.")


def test_response_form_requires_text_and_saves_nothing(client, panel, staff_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel))
    client.force_login(staff_user)
    response = client.post(
        reverse("panels:recommendation_respond", kwargs={"pk": rec.pk}), {"status": "accepted", "response": ""}
    )
    assert response.status_code == 200
    assert "This field is required" in response.text
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.AWAITING


def test_public_pdf_of_the_panels_report_leaves_out_unpublished_responses(client, panel, panel_member_user):
    from tests.panels.conftest import pdf_text

    report = PanelReportFactory(panel=panel, published=True)
    RecommendationFactory(report=report, answered=True, response="Published answer.")
    RecommendationFactory(report=report, status=Recommendation.Status.NOTED, response="Draft answer.")
    url = reverse("panels:panel_report_pdf", kwargs={"pk": report.pk})
    public = pdf_text(get_pdf(client, url))
    assert "Published answer." in public
    assert "Draft answer." not in public
    client.force_login(panel_member_user)
    assert "Draft answer." in pdf_text(get_pdf(client, url))


def test_secretariat_publishes_the_report_and_the_public_then_reads_it(client, panel, secretariat_user):
    report = PanelReportFactory(panel=panel)
    RecommendationFactory(report=report, status=Recommendation.Status.ACCEPTED, response="We will do it.")
    assert _get(client, None, report.get_absolute_url()) == 404
    client.force_login(secretariat_user)
    client.post(reverse("panels:panel_report_publish", kwargs={"pk": report.pk}), {"confirmed": "1"})
    client.logout()
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "We will do it." in page.text


def test_panel_member_cannot_publish_the_report(client, panel, panel_member_user):
    report = PanelReportFactory(panel=panel)
    client.force_login(panel_member_user)
    assert (
        client.post(reverse("panels:panel_report_publish", kwargs={"pk": report.pk}), {"confirmed": "1"}).status_code
        == 404
    )
    report.refresh_from_db()
    assert not report.is_published


def test_agenda_pack_pdf_carries_exempt_reports_only_for_insiders(
    client, meeting, open_report, exempt_report, panel_member_user
):
    from tests.panels.conftest import pdf_text

    url = reverse("panels:meeting_agenda_pdf", kwargs={"pk": meeting.pk})
    assert _get(client, None, url) == 404  # not published yet
    _publish(meeting)
    exempt_report.subject = "EXEMPT STAFFING MATTER"
    exempt_report.save()
    public = pdf_text(get_pdf(client, url))
    assert "Agenda" in public
    assert "Agenda Item 5" in public
    assert "EXEMPT STAFFING MATTER" not in public
    assert exempt_report.agenda_item.title not in public
    client.force_login(panel_member_user)
    insider = pdf_text(get_pdf(client, url))
    assert "EXEMPT STAFFING MATTER" in insider

"""Workflows: responses to recommendations, publishing papers, veto votes, complaints."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from panels import services
from panels.models import Complaint, Recommendation, VetoVote
from tests.accounts.factories import UserFactory
from tests.panels.factories import (
    ConfirmationHearingFactory,
    MeetingFactory,
    MembershipFactory,
    PanelFactory,
    PanelReportFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


def test_response_moves_recommendation_out_of_awaiting_and_keeps_history(panel, staff_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel))
    services.recommendation_respond(user=staff_user, recommendation=rec, status="partly_accepted", response="In part.")
    rec.refresh_from_db()
    assert rec.status == Recommendation.Status.PARTLY_ACCEPTED
    assert rec.responded_on is not None
    assert rec.history.first().status == Recommendation.Status.PARTLY_ACCEPTED


def test_response_cannot_go_back_to_awaiting(panel, staff_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel), answered=True)
    with pytest.raises(ValidationError, match="cannot become"):
        services.recommendation_respond(user=staff_user, recommendation=rec, status="awaiting", response="x")


def test_stale_response_is_refused_when_someone_else_answered_first(panel, staff_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel))
    stale = Recommendation.objects.get(pk=rec.pk)
    services.recommendation_respond(user=staff_user, recommendation=rec, status="accepted", response="First.")
    with pytest.raises(ValidationError, match="Someone else"):
        services.recommendation_respond(user=staff_user, recommendation=stale, status="noted", response="Second.")
    rec.refresh_from_db()
    assert rec.response == "First."


def test_panel_member_cannot_write_the_commissioners_response(panel, panel_member_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel))
    with pytest.raises(PermissionDenied):
        services.recommendation_respond(user=panel_member_user, recommendation=rec, status="noted", response="x")


def test_overdue_response_is_flagged(panel):
    past = RecommendationFactory(report=PanelReportFactory(panel=panel), response_due_on=datetime.date(2013, 2, 22))
    future = RecommendationFactory(report=past.report, response_due_on=datetime.date.today() + datetime.timedelta(1))
    answered = RecommendationFactory(report=past.report, answered=True, response_due_on=datetime.date(2013, 2, 22))
    assert past.is_overdue
    assert not future.is_overdue
    assert not answered.is_overdue


def test_overdue_responses_show_on_the_secretariat_dashboard(client, panel, secretariat_user):
    rec = RecommendationFactory(report=PanelReportFactory(panel=panel, title="Comments on the precept"))
    rec.response_due_on = datetime.date(2013, 2, 22)
    rec.save()
    client.force_login(secretariat_user)
    page = client.get("/dashboard/").text
    assert "Overdue responses to recommendations" in page
    assert "Comments on the precept" in page


def test_publishing_papers_twice_is_refused(panel, secretariat_user):
    meeting = MeetingFactory(panel=panel, starts_at=datetime.datetime(2030, 1, 10, 14, tzinfo=datetime.UTC))
    services.meeting_publish_papers(user=secretariat_user, meeting=meeting, on=datetime.date(2030, 1, 2))
    with pytest.raises(ValidationError, match="already published"):
        services.meeting_publish_papers(user=secretariat_user, meeting=meeting, on=datetime.date(2030, 1, 3))
    meeting.refresh_from_db()
    assert meeting.papers_published_on == datetime.date(2030, 1, 2)


def test_veto_vote_counts_members_in_post_and_needs_two_thirds(panel, secretariat_user):
    MembershipFactory.create_batch(20, panel=panel)
    MembershipFactory.create_batch(2, panel=panel, left=True)
    short = services.veto_vote_record(
        user=secretariat_user, panel=panel, matter="precept", voted_on=datetime.date(2026, 2, 5), votes_for_veto=13
    )
    carried = services.veto_vote_record(
        user=secretariat_user, panel=panel, matter="precept", voted_on=datetime.date(2026, 2, 6), votes_for_veto=14
    )
    assert (short.members_in_post, short.threshold, short.carried) == (20, 14, False)
    assert (carried.threshold, carried.carried) == (14, True)


def test_veto_vote_with_more_votes_than_members_is_refused(panel, secretariat_user):
    MembershipFactory.create_batch(3, panel=panel)
    with pytest.raises(ValidationError, match="Only 3 members"):
        services.veto_vote_record(
            user=secretariat_user, panel=panel, matter="precept", voted_on=datetime.date(2026, 2, 5), votes_for_veto=4
        )
    assert not VetoVote.objects.exists()


def test_no_veto_on_a_chief_finance_officer(panel, secretariat_user):
    hearing = ConfirmationHearingFactory(panel=panel, post="chief_finance_officer")
    with pytest.raises(ValidationError, match="cannot veto"):
        services.veto_vote_record(
            user=secretariat_user,
            panel=panel,
            matter="chief_constable",
            voted_on=datetime.date(2026, 1, 10),
            votes_for_veto=1,
            hearing=hearing,
        )


def test_recording_a_vote_on_the_calendar_page_reports_the_outcome(client, panel, secretariat_user):
    MembershipFactory.create_batch(20, panel=panel)
    client.force_login(secretariat_user)
    response = client.post(
        f"/panels/{panel.pk}/votes/new/",
        {"matter": "precept", "voted_on": "2026-02-05", "votes_for_veto": "14"},
        follow=True,
    )
    assert "14 of 20 members voted to veto; 14 needed, so the veto is carried" in response.text
    assert panel.precept_years.get(year=2026).vetoed


def test_other_areas_secretariat_cannot_record_a_vote(panel, other_area):
    outsider = UserFactory(panel_secretariat=True, areas=[other_area])
    with pytest.raises(PermissionDenied):
        services.veto_vote_record(
            user=outsider, panel=panel, matter="precept", voted_on=datetime.date(2026, 2, 5), votes_for_veto=1
        )


def test_complaint_follows_its_transitions(panel, secretariat_user):
    complaint = Complaint.objects.create(
        panel=panel, received_on=datetime.date(2014, 8, 4), complainant="X", summary="No reply"
    )
    services.complaint_transition(user=secretariat_user, complaint=complaint, status="informal_resolution")
    services.complaint_transition(
        user=secretariat_user, complaint=complaint, status="resolved", outcome="Apology given."
    )
    with pytest.raises(ValidationError):
        services.complaint_transition(user=secretariat_user, complaint=complaint, status="received")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome) == ("resolved", "Apology given.")


def test_report_naming_another_reports_paragraph_is_refused_whole(panel, staff_user):
    from panels.models import AgendaReport
    from tests.panels.factories import AgendaItemFactory, ReportParagraphFactory

    elsewhere = ReportParagraphFactory(text="Another report's paragraph.")
    item = AgendaItemFactory(meeting=MeetingFactory(panel=panel))
    fields = {"subject": "S"}
    paragraphs = [{"id": None, "text": "One."}, {"id": elsewhere.pk, "text": "Taken over."}]
    with pytest.raises(ValidationError, match="belongs to another report"):
        services.agenda_report_save(user=staff_user, agenda_item=item, fields=fields, paragraphs=paragraphs)
    assert not AgendaReport.objects.filter(agenda_item=item).exists()
    elsewhere.refresh_from_db()
    assert elsewhere.text == "Another report's paragraph."


def test_sub_point_cannot_hang_from_another_reports_recommendation(panel):
    top = RecommendationFactory(report=PanelReportFactory(panel=panel))
    stray = RecommendationFactory.build(report=PanelReportFactory(panel=panel), parent=top, label="i")
    with pytest.raises(ValidationError, match="same report"):
        stray.full_clean()
    nested = RecommendationFactory(report=top.report, parent=top, label="i")
    too_deep = RecommendationFactory.build(report=top.report, parent=nested, label="x")
    with pytest.raises(ValidationError, match="one level deep"):
        too_deep.full_clean()

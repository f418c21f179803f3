"""Each kind of notification reaches the right people once, and nobody in another area or organisation."""

import datetime

import pytest

from pcc_portal.notifications.models import Notification
from pcc_portal.notifications.tasks import deliver_notification
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def told(kind: str) -> list[int]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def emailed(mailoutbox) -> list[str]:
    return sorted(m.to[0] for m in mailoutbox)


@pytest.fixture
def other_area_panel(other_area):
    return [
        UserFactory(panel_member=True, areas=[other_area]),
        UserFactory(panel_secretariat=True, areas=[other_area]),
    ]


# Plans -----------------------------------------------------------------------------------------


@pytest.fixture
def shared_section(area):
    from tests.plans.factories import PlanFactory, PlanVersionFactory, SectionFactory

    version = PlanVersionFactory(plan=PlanFactory(force_area=area), shared=True, label="January 2013 draft")
    return SectionFactory(version=version, heading="Reducing reoffending")


def test_a_new_comment_tells_the_areas_opcc_staff_once(
    staff_user, other_area_staff, panel_member_user, shared_section, mailoutbox, django_capture_on_commit_callbacks
):
    from plans import services

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_create(
            user=panel_member_user, version=shared_section.version, section=shared_section, body="Which target?"
        )
    assert told("plans.comment") == [staff_user.pk]  # not the author, not West Midlands staff
    assert emailed(mailoutbox) == [staff_user.email]
    assert "Reducing reoffending" in mailoutbox[0].subject
    assert comment.get_absolute_url() in mailoutbox[0].body
    assert deliver_notification("plans.comment", comment.pk) == 0  # a second run tells nobody again
    assert len(mailoutbox) == 1


def test_a_reply_tells_everyone_in_the_thread_except_its_author(
    staff_user,
    panel_member_user,
    secretariat_user,
    area,
    shared_section,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from plans import services
    from tests.plans.factories import CommentFactory

    bystander = UserFactory(panel_member=True, areas=[area])  # in the area, not in the thread
    thread = CommentFactory(section=shared_section, author=panel_member_user)
    CommentFactory(section=shared_section, author=secretariat_user, parent=thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.comment_reply(user=staff_user, parent=thread, body="It comes from the 2012 baseline.")
    assert told("plans.comment") == sorted([panel_member_user.pk, secretariat_user.pk])
    assert bystander.pk not in told("plans.comment")
    assert deliver_notification("plans.comment", reply.pk) == 0
    assert len(mailoutbox) == 2


def test_a_thread_author_who_moved_to_another_area_is_not_told(
    staff_user, panel_member_user, other_area, shared_section, django_capture_on_commit_callbacks
):
    from plans import services
    from tests.plans.factories import CommentFactory

    thread = CommentFactory(section=shared_section, author=panel_member_user)
    panel_member_user.force_areas.set([other_area])
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(user=staff_user, parent=thread, body="Answered.")
    assert told("plans.comment") == []


def test_a_shared_draft_tells_the_areas_panel_once(
    staff_user,
    panel_member_user,
    secretariat_user,
    other_area_panel,
    partner_user,
    area,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from plans import services
    from tests.plans.factories import PlanFactory, PlanVersionFactory, SectionFactory

    draft = PlanVersionFactory(plan=PlanFactory(force_area=area), label="January 2013 draft")
    SectionFactory(version=draft)
    with django_capture_on_commit_callbacks(execute=True):
        services.version_share_with_panel(user=staff_user, version=draft)
    assert told("plans.version_shared") == sorted([panel_member_user.pk, secretariat_user.pk])
    assert emailed(mailoutbox) == sorted([panel_member_user.email, secretariat_user.email])
    assert deliver_notification("plans.version_shared", draft.pk) == 0
    assert len(mailoutbox) == 2


# Panels ----------------------------------------------------------------------------------------


@pytest.fixture
def meeting(area):
    from tests.panels.factories import MeetingFactory, PanelFactory

    return MeetingFactory(
        panel=PanelFactory(force_area=area), starts_at=datetime.datetime(2099, 9, 29, 14, 0, tzinfo=datetime.UTC)
    )


def test_published_papers_tell_the_panel_of_the_area_once(
    secretariat_user,
    panel_member_user,
    staff_user,
    other_area_panel,
    meeting,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from panels import services

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_papers(user=secretariat_user, meeting=meeting)
    assert told("panels.papers") == sorted([secretariat_user.pk, panel_member_user.pk])
    assert staff_user.pk not in told("panels.papers")
    assert "Papers published for the meeting of" in mailoutbox[0].subject
    assert deliver_notification("panels.papers", meeting.pk) == 0
    assert len(mailoutbox) == 2


def test_a_response_tells_the_panel_once_and_a_revision_again(
    staff_user,
    secretariat_user,
    panel_member_user,
    other_area_panel,
    area,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from panels import services
    from panels.models import Recommendation
    from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory

    rec = RecommendationFactory(report=PanelReportFactory(panel=PanelFactory(force_area=area)), label="b")
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_respond(
            user=staff_user, recommendation=rec, status=Recommendation.Status.ACCEPTED, response="Agreed."
        )
    assert told("panels.response") == sorted([secretariat_user.pk, panel_member_user.pk])
    assert "recommendation (b)" in mailoutbox[0].subject and "Accepted" in mailoutbox[0].subject
    assert deliver_notification("panels.response", rec.pk) == 0
    services.panel_report_publish(user=secretariat_user, report=rec.report)  # a later save is not a response
    assert deliver_notification("panels.response", rec.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_respond(
            user=staff_user,
            recommendation=Recommendation.objects.get(pk=rec.pk),
            status=Recommendation.Status.PARTLY_ACCEPTED,
            response="Agreed in part.",
        )
    assert len(told("panels.response")) == 4  # the revised response is news: once more each
    assert len(mailoutbox) == 4


# Commissioning ---------------------------------------------------------------------------------


def test_a_decision_tells_the_applicants_users_only(
    staff_user, area, other_area, mailoutbox, django_capture_on_commit_callbacks
):
    from commissioning import services
    from tests.commissioning.factories import ApplicationFactory, FundingStreamFactory, RoundFactory, partner_of
    from tests.partners.factories import OrganisationFactory

    application = ApplicationFactory(
        round=RoundFactory(stream=FundingStreamFactory(force_area=area), closed=True), recommended=True
    )
    applicant = partner_of(application.organisation)
    same_area_other_org = partner_of(OrganisationFactory(areas=[area]))
    other_area_partner = partner_of(OrganisationFactory(areas=[other_area]))
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.application_decide(
            user=staff_user, application=application, outcome="award", amount_pence=25_000_00, reasons="Good value."
        )
    assert told("commissioning.decision") == [applicant.pk]
    assert same_area_other_org.pk not in told("commissioning.decision")
    assert other_area_partner.pk not in told("commissioning.decision")
    assert emailed(mailoutbox) == [applicant.email]
    assert "awarded £25,000.00" in mailoutbox[0].subject
    assert deliver_notification("commissioning.decision", decision.pk) == 0
    assert len(mailoutbox) == 1


# Handover --------------------------------------------------------------------------------------


def test_an_answer_reaches_candidates_through_their_ledger_and_the_areas_staff_in_the_portal(
    staff_user, other_area_staff, panel_member_user, area, mailoutbox, django_capture_on_commit_callbacks
):
    from handover import services
    from tests.handover.factories import BriefingFactory, CandidateFactory, QuestionFactory

    colleague = UserFactory(opcc_staff=True, areas=[area])
    candidate = CandidateFactory(briefing=BriefingFactory(force_area=area, published=True), confirmed=True)
    question = QuestionFactory(candidate=candidate)
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_give(user=staff_user, question=question, text="It is £2m.")
    assert told("handover.answer") == [colleague.pk]  # not the one who answered, not another area
    assert emailed(mailoutbox) == sorted([candidate.email, colleague.email])
    assert deliver_notification("handover.answer", answer.pk) == 0
    assert len(mailoutbox) == 2

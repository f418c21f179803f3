"""The briefing page: built from published information only; who may read, edit and publish it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from handover.models import Answer, Briefing, Candidate
from tests.accounts.factories import UserFactory
from tests.commissioning.factories import GrantFactory
from tests.panels.factories import MeetingFactory, PanelFactory, PanelReportFactory, RecommendationFactory
from tests.partners.factories import PartnershipFactory
from tests.plans.factories import PlanFactory, PlanVersionFactory, PriorityFactory

from .factories import AnswerFactory, BriefingFactory, CandidateFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_world(area):
    """What a visitor may read, next to what they may not."""
    plan = PlanFactory(force_area=area, title="Police and Crime Plan 2013–2017")
    issued = PlanVersionFactory(plan=plan, issued=True, label="March revision")
    PriorityFactory(version=issued, title="Protect vulnerable people", resources_pence=250_000_00)
    PlanVersionFactory(plan=plan, label="Secret draft")
    GrantFactory(
        stream__force_area=area, stream__name="Community Safety Fund", is_published=True, amount_pence=1_000_00
    )
    GrantFactory(stream__force_area=area, stream__name="Hidden Fund", is_published=False)
    panel = PanelFactory(force_area=area)
    MeetingFactory(panel=panel, published=True)
    MeetingFactory(panel=panel)
    report = PanelReportFactory(panel=panel, published=True, title="Report on the proposed precept")
    RecommendationFactory(report=report, answered=True, text="Publish the budget in plain words.")
    RecommendationFactory(report=report, text="An unpublished recommendation.")
    PanelReportFactory(panel=panel, title="Unpublished report")
    PartnershipFactory(force_area=area, name="Safer Leicestershire Partnership")
    return plan


def test_visitor_reads_a_published_briefing_with_every_section_and_its_source(client, area, published_world):
    briefing = BriefingFactory(force_area=area, published=True, introduction="**Welcome**<script>alert(1)</script>")
    response = client.get(briefing.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Welcome</strong>" in html and "<script>alert" not in html
    for heading in [
        "1. The Police and Crime Plan",
        "2. The precept and the budget",
        "3. The partnership landscape",
        "4. Commissioning and grants",
        "5. The Police and Crime Panel",
        "6. Questions from candidates and answers",
    ]:
        assert heading in html
    assert "Protect vulnerable people" in html and "March revision" in html
    assert "Secret draft" not in html
    assert "Community Safety Fund" in html and "Hidden Fund" not in html
    assert "1 grant published, £1,000.00 in all" in html or "1 grant published" in html
    assert "Report on the proposed precept" in html and "Unpublished report" not in html
    assert "Publish the budget in plain words." in html and "An unpublished recommendation." not in html
    assert "Safer Leicestershire Partnership" in html
    assert "1 meeting with published papers" in html
    assert html.count("Source: <a href=") == 5


def test_answered_questions_appear_without_the_askers_name(client, area):
    briefing = BriefingFactory(force_area=area, published=True)
    asker = CandidateFactory(briefing=briefing, confirmed=True, name="Zebedee Asker")
    AnswerFactory(question=QuestionFactory(candidate=asker, text="How big is the budget?"), text="Large.")
    QuestionFactory(candidate=asker, text="An unanswered question")
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "How big is the budget?" in html and "Large." in html
    assert "Zebedee" not in html
    assert "An unanswered question" not in html


@pytest.mark.parametrize("who", ["anonymous", "partner", "panel_member", "other_staff", "successor"])
def test_a_draft_briefing_is_hidden_from_everyone_but_the_areas_staff(client, area, other_area, who):
    briefing = BriefingFactory(force_area=area)
    users = {
        "partner": lambda: UserFactory(partner=True, areas=[area]),
        "panel_member": lambda: UserFactory(panel_member=True, areas=[area]),
        "other_staff": lambda: UserFactory(opcc_staff=True, areas=[other_area]),
        "successor": lambda: UserFactory(successor_officer=True, areas=[area]),
    }
    if who in users:
        client.force_login(users[who]())
    assert client.get(briefing.get_absolute_url()).status_code == 404
    assert client.get(reverse("handover:briefing_pdf", args=[briefing.pk])).status_code == 404
    assert client.get(reverse("handover:candidate_register", args=[briefing.pk])).status_code == 404


def test_staff_and_administrators_see_the_draft(client, area, staff_user, admin_user):
    briefing = BriefingFactory(force_area=area)
    for user in (staff_user, admin_user):
        client.force_login(user)
        response = client.get(briefing.get_absolute_url())
        assert response.status_code == 200 and "This briefing is a draft" in response.content.decode()


def test_staff_write_the_introduction_and_publish(client, area, staff_user):
    briefing = BriefingFactory(force_area=area, introduction="")
    client.force_login(staff_user)
    response = client.post(reverse("handover:briefing_edit", args=[briefing.pk]), {"introduction": "# Hello"})
    assert response.status_code == 302
    client.post(reverse("handover:briefing_publish", args=[briefing.pk]), {"action": "publish"})
    briefing.refresh_from_db()
    assert briefing.is_published and briefing.introduction == "# Hello"
    client.post(reverse("handover:briefing_publish", args=[briefing.pk]), {"action": "unpublish"})
    briefing.refresh_from_db()
    assert not briefing.is_published


@pytest.mark.parametrize("role", ["partner", "panel_secretariat", "panel_member", "successor_officer"])
def test_other_roles_of_the_area_cannot_edit_publish_or_answer(client, area, role):
    briefing = BriefingFactory(force_area=area, published=True)
    question = QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True))
    client.force_login(UserFactory(areas=[area], **{role: True}))
    assert client.get(reverse("handover:briefing_edit", args=[briefing.pk])).status_code == 404
    assert client.post(reverse("handover:briefing_publish", args=[briefing.pk]), {"action": "x"}).status_code == 404
    assert client.get(reverse("handover:candidate_list", args=[briefing.pk])).status_code == 404
    assert client.post(reverse("handover:answer_create", args=[question.pk]), {"text": "Hi"}).status_code == 404
    assert client.get(reverse("handover:briefing_create")).status_code == 404
    assert not Answer.objects.exists()
    briefing.refresh_from_db()
    assert briefing.is_published


def test_another_areas_staff_get_404_on_every_staff_page(client, area, other_area_staff):
    briefing = BriefingFactory(force_area=area, published=True)
    candidate = CandidateFactory(briefing=briefing, confirmed=True)
    question = QuestionFactory(candidate=candidate)
    client.force_login(other_area_staff)
    for url in [
        reverse("handover:briefing_edit", args=[briefing.pk]),
        reverse("handover:candidate_list", args=[briefing.pk]),
        reverse("handover:question_list", args=[briefing.pk]),
        reverse("handover:answer_create", args=[question.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("handover:candidate_withdraw", args=[candidate.pk])).status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.CONFIRMED


def test_anonymous_is_sent_to_sign_in_for_staff_pages(client, area):
    briefing = BriefingFactory(force_area=area, published=True)
    response = client.get(reverse("handover:candidate_list", args=[briefing.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_create_a_briefing_only_for_their_area_and_not_twice(client, area, other_area, staff_user):
    client.force_login(staff_user)
    url = reverse("handover:briefing_create")
    response = client.post(url, {"force_area": other_area.pk, "election_date": "2028-05-04"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert client.post(url, {"force_area": area.pk, "election_date": "2028-05-04"}).status_code == 302
    response = client.post(url, {"force_area": area.pk, "election_date": "2028-05-04"})
    assert "already exists" in response.content.decode()
    response = client.post(url, {"force_area": area.pk, "election_date": "not a date"})
    assert "Enter a valid date" in response.content.decode()
    assert Briefing.objects.count() == 1


def test_staff_withdraw_a_candidate(client, area, staff_user):
    briefing = BriefingFactory(force_area=area, published=True)
    candidate = CandidateFactory(briefing=briefing, confirmed=True, name="Pat Withdrawn")
    client.force_login(staff_user)
    page = client.get(reverse("handover:candidate_list", args=[briefing.pk])).content.decode()
    assert "Pat Withdrawn" in page and candidate.email in page
    client.post(reverse("handover:candidate_withdraw", args=[candidate.pk]))
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.WITHDRAWN


def test_staff_answer_through_the_page_and_an_empty_answer_is_refused(
    client, area, staff_user, django_capture_on_commit_callbacks
):
    briefing = BriefingFactory(force_area=area, published=True)
    candidates = [CandidateFactory(briefing=briefing, confirmed=True) for _ in range(2)]
    question = QuestionFactory(candidate=candidates[0])
    client.force_login(staff_user)
    url = reverse("handover:answer_create", args=[question.pk])
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400 and "Enter the answer" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"text": "Here it is."}).status_code == 302
    assert len(mail.outbox) == 2
    page = client.get(url).content.decode()
    assert "Correct an answer" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "A correction."})
    assert list(question.answers.values_list("is_correction", flat=True)) == [False, True]
    assert len(mail.outbox) == 4


def test_briefing_page_queries_are_flat(client, area, django_assert_max_num_queries, published_world):
    briefing = BriefingFactory(force_area=area, published=True)
    candidate = CandidateFactory(briefing=briefing, confirmed=True)
    AnswerFactory(question=QuestionFactory(candidate=candidate))
    with django_assert_max_num_queries(15) as one:
        client.get(briefing.get_absolute_url())
    for _ in range(19):
        AnswerFactory(question=QuestionFactory(candidate=candidate))
    with django_assert_max_num_queries(15) as twenty:
        client.get(briefing.get_absolute_url())
    assert len(one.captured_queries) == len(twenty.captured_queries)


def test_briefing_list_shows_published_briefings_to_visitors(client, area, other_area):
    BriefingFactory(force_area=area, published=True)
    BriefingFactory(force_area=other_area)
    html = client.get(reverse("handover:briefing_list")).content.decode()
    assert "Leicestershire" in html and "West Midlands" not in html
    assert re.search(r"election of 4 May 2028", html)


def test_navigation_links_for_staff_readers_and_partners(client, area, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("handover:briefing_list")).content.decode()
    assert "Candidate briefings" in html and "Handover packs" in html
    client.force_login(UserFactory(partner=True, areas=[area]))
    html = client.get(reverse("handover:briefing_list")).content.decode()
    assert "Candidate briefings" not in html and "Handover packs" not in html
    assert client.get(reverse("handover:pack_list")).status_code == 404

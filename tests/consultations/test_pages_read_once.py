"""The event and consultation pages decide who manages them from what they read, and count as the database would."""

import pytest
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations.forms import OutcomeForm
from consultations.models import FeedbackDelivery
from consultations.permissions import can_manage_consultation, can_manage_event
from consultations.selectors import (
    consultations_for_page,
    consultations_managed_by,
    event_family_visible_to,
    events_for_page,
    events_managed_by,
)
from tests.accounts.factories import UserFactory
from tests.plans.factories import PlanVersionFactory

from .factories import ConsultationEventFactory, ConsultationFactory, FindingFactory, ResponseFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(area, other_area, staff_user, other_area_staff, admin_user, secretariat_user, panel_member_user, partner):
    inactive = UserFactory(opcc_staff=True, areas=[area], is_active=False)
    both = UserFactory(opcc_staff=True, areas=[area, other_area])
    return [staff_user, other_area_staff, admin_user, secretariat_user, panel_member_user, partner, inactive, both]


def test_who_manages_an_event_is_the_rule_of_events_managed_by_with_or_without_its_areas_read(people, area, other_area):
    events = [
        ConsultationEventFactory(areas=[area]),
        ConsultationEventFactory(areas=[other_area]),
        ConsultationEventFactory(areas=[area, other_area]),
        ConsultationEventFactory(areas=[]),
    ]
    reader = UserFactory(administrator=True)
    for user in people:
        for event in events:
            expected = events_managed_by(user).filter(pk=event.pk).exists()
            assert bool(can_manage_event(user, event)) is expected, (user.role, event.title)
            read = events_for_page(reader).get(pk=event.pk)  # with its areas prefetched
            assert bool(can_manage_event(user, read)) is expected, (user.role, event.title)


def test_who_manages_a_consultation_is_the_rule_of_consultations_managed_by(people, area, other_area):
    consultations = [ConsultationFactory(force_area=area), ConsultationFactory(force_area=other_area, draft=True)]
    for user in people:
        for consultation in consultations:
            expected = consultations_managed_by(user).filter(pk=consultation.pk).exists()
            assert bool(can_manage_consultation(user, consultation)) is expected, (user.role, consultation.title)


@pytest.fixture
def programme(area, other_area):
    """A programme shared by two areas, a child event in each, findings on each and feedback sent to two of three."""
    parent = ConsultationEventFactory(areas=[area, other_area])
    ours = ConsultationEventFactory(areas=[area], parent=parent)
    theirs = ConsultationEventFactory(areas=[other_area], parent=parent)
    for event, findings in ((parent, 2), (ours, 3), (theirs, 4)):
        FindingFactory.create_batch(findings, event=event)
    now = timezone.now()
    for email, sent_at in (("a@example.org", now), ("b@example.org", now), ("c@example.org", None)):
        FeedbackDelivery.objects.create(event=parent, email=email, sent_at=sent_at)
    FeedbackDelivery.objects.create(event=ours, email="a@example.org", sent_at=now)
    return parent


@pytest.mark.parametrize(("user", "findings"), [("staff_user", 5), ("other_area_staff", 6), ("admin_user", 9)])
def test_event_page_counts_the_findings_of_the_events_the_user_reads(client, programme, request, user, findings):
    viewer = request.getfixturevalue(user)
    family = event_family_visible_to(programme, viewer)
    assert [e.finding_count for e in family[1:]] == [e.findings.count() for e in family[1:]]
    client.force_login(viewer)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert f"<p>{findings} findings recorded across the programme.</p>" in page
    assert "2 have been sent the summary" in page  # the programme's own deliveries sent, not its children's


def test_panel_member_reads_the_event_without_the_feedback_counts(client, programme, panel_member_user):
    client.force_login(panel_member_user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "findings recorded across the programme" in page
    assert "been sent the summary" not in page


def test_event_page_is_missing_for_a_partner_and_another_area_s_event_for_staff(
    client, programme, partner, other_area_staff, area
):
    client.force_login(partner)
    assert client.get(programme.get_absolute_url()).status_code == 404
    ours_only = ConsultationEventFactory(areas=[area])
    client.force_login(other_area_staff)
    assert client.get(ours_only.get_absolute_url()).status_code == 404


def test_consultation_page_counts_submitted_responses_for_its_staff_only(
    client, consultation, staff_user, partner, other_area_staff
):
    ResponseFactory.create_batch(3, consultation=consultation, submitted=True)
    ResponseFactory(consultation=consultation)  # a draft: not counted
    assert consultations_for_page(staff_user).get(pk=consultation.pk).response_count == 3
    client.force_login(staff_user)
    assert '<dd class="col-sm-9">3</dd>' in client.get(consultation.get_absolute_url()).content.decode()
    client.force_login(partner)  # invited: reads it, without the count
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert consultation.title in page
    assert "Responses counted" not in page
    client.force_login(other_area_staff)  # not public, another area's
    assert client.get(consultation.get_absolute_url()).status_code == 404


def test_outcome_form_offers_django_s_choices_read_by_plain_queries(consultation, area):
    ThemeFactory.create_batch(3)
    PlanVersionFactory.create_batch(2, plan__force_area=area)
    PlanVersionFactory()  # another area's plan: not offered
    form = OutcomeForm(consultation=consultation)
    with CaptureQueriesContext(connection) as queries:
        offered = {name: list(form.fields[name].widget.choices) for name in ("themes", "changed_plan_version")}
    for name, choices in offered.items():
        assert choices == list(ModelChoiceIterator(form.fields[name])), name
    assert len(offered["changed_plan_version"]) == 3  # the prompt and the area's two versions
    if connection.vendor == "postgresql":
        assert not any("DECLARE" in query["sql"] for query in queries.captured_queries)


def test_consultation_page_queries_do_not_grow_with_responses(client, consultation, staff_user):
    client.force_login(staff_user)
    url = reverse("consultations:detail", args=[consultation.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    ResponseFactory(consultation=consultation, submitted=True)
    at_one = count()
    ResponseFactory.create_batch(19, consultation=consultation, submitted=True)
    assert count() == at_one

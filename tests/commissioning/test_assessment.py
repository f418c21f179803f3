import pytest
from django.core.exceptions import ValidationError

from commissioning.models import Application, Decision
from commissioning.services import assignment_declare, assignment_score
from tests.commissioning.factories import ApplicationFactory, AssignmentFactory

pytestmark = pytest.mark.django_db


def test_assessor_declares_no_conflict_then_scores(client):
    assignment = AssignmentFactory()
    criteria = list(assignment.application.round.criteria.all())
    client.force_login(assignment.assessor)
    client.post(
        f"/commissioning/applications/{assignment.application.pk}/assess/", {"declare": "1", "has_conflict": "no"}
    )
    data = {"score": "1"}
    for c in criteria:
        data[f"score_{c.pk}"] = "4"
        data[f"comment_{c.pk}"] = "Good"
    client.post(f"/commissioning/applications/{assignment.application.pk}/assess/", data)
    assignment.refresh_from_db()
    assert assignment.has_conflict is False
    assert assignment.scores.count() == len(criteria)
    assert assignment.completed_at is not None


def test_conflicted_assessor_cannot_score(client):
    assignment = AssignmentFactory()
    assignment_declare(user=assignment.assessor, assignment=assignment, has_conflict=True, details="I am a trustee")
    criterion = assignment.application.round.criteria.first()
    with pytest.raises(ValidationError, match="conflict of interest"):
        assignment_score(user=assignment.assessor, assignment=assignment, scores={criterion.pk: (5, "")})
    client.force_login(assignment.assessor)
    response = client.get(f"/commissioning/applications/{assignment.application.pk}/assess/")
    assert "You cannot score this application" in response.text
    assert "Save my scores" not in response.text
    assert not assignment.scores.exists()


def test_conflict_needs_details():
    assignment = AssignmentFactory()
    with pytest.raises(ValidationError):
        assignment_declare(user=assignment.assessor, assignment=assignment, has_conflict=True, details=" ")
    assignment.refresh_from_db()
    assert assignment.has_conflict is None


def test_unassigned_staff_of_another_area_cannot_assess(client, other_area_staff):
    assignment = AssignmentFactory()
    client.force_login(other_area_staff)
    assert client.get(f"/commissioning/applications/{assignment.application.pk}/assess/").status_code == 404
    assert client.get(f"/commissioning/applications/{assignment.application.pk}/").status_code == 404


def test_moderate_then_decide_publishes_a_decision_record(client, staff_user, area):
    application = ApplicationFactory(round__stream__force_area=area, submitted=True)
    client.force_login(staff_user)
    client.post(
        f"/commissioning/applications/{application.pk}/moderate/",
        {"recommendation": "award", "recommended_amount": "20,000.00", "notes": "Scores moderated."},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.RECOMMENDED
    assert application.recommended_amount_pence == 20_000_00
    client.post(
        f"/commissioning/applications/{application.pk}/decide/",
        {"outcome": "award", "amount": "20,000.00", "reasons": "Strong fit with the plan."},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    decision = Decision.objects.get(application=application)
    client.logout()
    page = client.get(f"/commissioning/decisions/{decision.reference}/")
    assert page.status_code == 200
    assert "Strong fit with the plan." in page.text
    assert "£20,000.00" in page.text


def test_decision_needs_reasons_and_a_decided_application_cannot_be_decided_again(client, staff_user, area):
    application = ApplicationFactory(round__stream__force_area=area, recommended=True)
    client.force_login(staff_user)
    client.post(f"/commissioning/applications/{application.pk}/decide/", {"outcome": "decline", "reasons": ""})
    assert not Decision.objects.exists()
    client.post(
        f"/commissioning/applications/{application.pk}/decide/", {"outcome": "decline", "reasons": "Duplicates."}
    )
    response = client.post(
        f"/commissioning/applications/{application.pk}/decide/",
        {"outcome": "award", "amount": "1", "reasons": "x"},
        follow=True,
    )
    assert Decision.objects.count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "Cannot move" in response.text or "has changed" in response.text


def test_deferred_application_can_be_moderated_and_decided_again(staff_user, area):
    from commissioning.services import application_decide, application_moderate

    application = ApplicationFactory(round__stream__force_area=area, recommended=True)
    application_decide(user=staff_user, application=application, outcome="defer", amount_pence=None, reasons="Wait.")
    application_moderate(user=staff_user, application=application, recommendation="award", amount_pence=100, notes="ok")
    application_decide(user=staff_user, application=application, outcome="award", amount_pence=100, reasons="Now.")
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    assert application.decisions.count() == 2


def test_moderator_sees_each_assessors_scores_and_the_average_without_the_conflicted(client, staff_user, area):
    from commissioning.services import assignment_declare, assignment_score
    from tests.accounts.factories import UserFactory

    application = ApplicationFactory(round__stream__force_area=area, submitted=True)
    criteria = list(application.round.criteria.all())
    for value in (3, 5):
        assessor = UserFactory(opcc_staff=True, areas=[area])
        assignment = AssignmentFactory(application=application, assessor=assessor)
        assignment_declare(user=assessor, assignment=assignment, has_conflict=False)
        assignment_score(user=assessor, assignment=assignment, scores={c.pk: (value, "") for c in criteria})
    conflicted = AssignmentFactory(application=application)
    assignment_declare(user=conflicted.assessor, assignment=conflicted, has_conflict=True, details="Trustee")
    client.force_login(staff_user)
    response = client.get(f"/commissioning/applications/{application.pk}/")
    assert "Average total score of the assessors without a conflict: <strong>8.0 out of 10</strong>" in response.text
    assert "Declared a conflict of interest" in response.text

import datetime

import pytest
from django.utils import timezone

from commissioning.models import Application
from tests.commissioning.factories import ApplicationFactory, QuestionFactory, RoundFactory, partner_of
from tests.plans.factories import PriorityFactory


@pytest.fixture
def round_(area):
    round_ = RoundFactory(stream__force_area=area)
    round_.priorities.add(PriorityFactory(version__plan__force_area=area, title="Support victims"))
    return round_


@pytest.fixture
def draft(round_):
    return ApplicationFactory(round=round_, complete=True)


@pytest.fixture
def applicant(draft):
    return partner_of(draft.organisation)


def form_data(application, **changes):
    data = {
        "title": application.title,
        "summary": application.summary,
        "amount_requested_pence": "25,000.00",
        "period_start": "2013-10-01",
        "period_end": "2014-03-31",
        "priorities": [p.pk for p in application.round.priorities.all()],
        "evidence_base": "Evidence.",
        "value_for_money": "Value.",
        "outcomes": "Outcomes.",
        "measures": "Measures.",
        "who_is_served": "Victims.",
        "serves_domestic_sexual_abuse_victims": "on",
        "risk_if_not_funded": "Risk.",
    }
    data.update(changes)
    return data


def test_partner_starts_and_autosaves_a_draft(client, round_, area):
    from tests.partners.factories import OrganisationFactory

    organisation = OrganisationFactory(areas=[area])
    user = partner_of(organisation)
    client.force_login(user)
    response = client.post(f"/commissioning/rounds/{round_.pk}/apply/", {"title": "Befrienders"})
    application = Application.objects.get(organisation=organisation)
    assert response.url == f"/commissioning/applications/{application.pk}/edit/"
    response = client.post(
        response.url, form_data(application, summary="Volunteers befriend victims."), HTTP_HX_REQUEST="true"
    )
    assert "Draft saved at" in response.text
    application.refresh_from_db()
    assert application.summary == "Volunteers befriend victims."
    assert application.serves_domestic_sexual_abuse_victims
    assert application.amount_requested_pence == 25_000_00


def test_partner_submits_before_the_close(client, draft, applicant):
    client.force_login(applicant)
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", {**form_data(draft), "submit": "1"}, follow=True
    )
    assert "Once submitted it cannot be changed." in response.text  # the confirmation page, nothing submitted yet
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT
    response = client.post(f"/commissioning/applications/{draft.pk}/submit/", {"confirmed": "1"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED
    assert draft.submitted_at is not None
    assert "It can no longer be changed" in response.text


def test_incomplete_application_cannot_be_submitted_and_says_what_is_missing(client, round_, area):
    application = ApplicationFactory(round=round_)
    client.force_login(partner_of(application.organisation))
    response = client.post(f"/commissioning/applications/{application.pk}/submit/", {"confirmed": "1"}, follow=True)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert "Complete these before submitting" in response.text
    assert "evidence base" in response.text


def test_submitted_application_cannot_be_changed(client, draft, applicant):
    client.force_login(applicant)
    client.post(f"/commissioning/applications/{draft.pk}/edit/", {**form_data(draft), "submit": "1"})
    client.post(f"/commissioning/applications/{draft.pk}/submit/", {"confirmed": "1"})
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", form_data(draft, summary="Changed afterwards"), follow=True
    )
    draft.refresh_from_db()
    assert draft.summary != "Changed afterwards"
    assert "Nothing was saved" in response.text
    assert "has been submitted and can no longer be changed" in response.text
    # Nor by autosave.
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", form_data(draft, summary="Sneaky"), HTTP_HX_REQUEST="true"
    )
    # A refusal that saving again cannot fix: a 409 with a plain sentence the page shows as "Not saved: …".
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/plain")
    assert response.text == (
        "This application has been submitted and can no longer be changed. Your changes were not saved."
    )
    draft.refresh_from_db()
    assert draft.summary != "Sneaky"


def test_draft_cannot_be_changed_or_submitted_after_the_round_closes(client, draft, applicant):
    draft.round.closes_at = timezone.now() - datetime.timedelta(seconds=1)
    draft.round.save()
    client.force_login(applicant)
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", form_data(draft, summary="Too late"), follow=True
    )
    assert "The round has closed" in response.text
    response = client.post(f"/commissioning/applications/{draft.pk}/submit/", {"confirmed": "1"}, follow=True)
    assert "The round has closed" in response.text
    draft.refresh_from_db()
    assert draft.summary != "Too late"
    assert draft.status == Application.Status.DRAFT
    # The edit page itself now explains instead of showing a form.
    response = client.get(f"/commissioning/applications/{draft.pk}/edit/", follow=True)
    assert "The round has closed" in response.text
    assert "Save and submit" not in response.text


def test_round_not_yet_open_refuses_new_applications(client, area):
    from tests.partners.factories import OrganisationFactory

    round_ = RoundFactory(stream__force_area=area, not_open=True)
    user = partner_of(OrganisationFactory(areas=[area]))
    client.force_login(user)
    client.post(f"/commissioning/rounds/{round_.pk}/apply/", {"title": "Early"})
    assert not Application.objects.exists()


def test_partner_gets_404_on_another_organisations_application(client, draft, area):
    from tests.partners.factories import OrganisationFactory

    rival = partner_of(OrganisationFactory(areas=[area]))
    client.force_login(rival)
    assert client.get(f"/commissioning/applications/{draft.pk}/").status_code == 404
    assert client.get(f"/commissioning/applications/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/commissioning/applications/{draft.pk}/edit/", form_data(draft)).status_code == 404
    assert client.post(f"/commissioning/applications/{draft.pk}/submit/", {"confirmed": "1"}).status_code == 404


def test_answers_to_round_questions_are_required_to_submit(client, round_, area):
    question = QuestionFactory(round=round_, text="Which partners are involved?")
    application = ApplicationFactory(round=round_, complete=True)
    application.priorities.set(round_.priorities.all())
    user = partner_of(application.organisation)
    client.force_login(user)
    response = client.post(f"/commissioning/applications/{application.pk}/submit/", {"confirmed": "1"}, follow=True)
    assert "Which partners are involved?" in response.text
    client.post(
        f"/commissioning/applications/{application.pk}/edit/",
        {**form_data(application), f"answer_{question.pk}": "The county council.", "submit": "1"},
    )
    client.post(f"/commissioning/applications/{application.pk}/submit/", {"confirmed": "1"})
    application.refresh_from_db()
    assert application.answers == {str(question.pk): "The county council."}
    assert application.status == Application.Status.SUBMITTED


def test_bad_amount_is_explained_and_nothing_saved(client, draft, applicant):
    client.force_login(applicant)
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", form_data(draft, amount_requested_pence="lots", summary="New")
    )
    assert response.status_code == 200
    assert "Enter an amount in pounds" in response.text
    draft.refresh_from_db()
    assert draft.summary != "New"


def test_autosave_with_a_bad_amount_answers_400_with_the_field_error(client, draft, applicant):
    client.force_login(applicant)
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/",
        form_data(draft, summary="Not kept", amount_requested_pence="lots"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.text.startswith("Correct these fields: Amount requested")
    draft.refresh_from_db()
    assert draft.summary != "Not kept"


def test_autosave_success_carries_the_saved_time(client, draft, applicant):
    client.force_login(applicant)
    response = client.post(
        f"/commissioning/applications/{draft.pk}/edit/", form_data(draft, summary="Kept"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.text.startswith("Draft saved at ")
    assert response["X-Autosave-Saved"]


def test_full_page_save_of_a_bad_amount_says_it_was_not_saved(client, draft, applicant):
    client.force_login(applicant)
    page = client.post(
        f"/commissioning/applications/{draft.pk}/edit/",
        {**form_data(draft, summary="Not kept", amount_requested_pence="lots"), "save": "1"},
    )
    assert page.status_code == 200
    assert "Your application was not saved: correct the fields marked below." in page.text
    draft.refresh_from_db()
    assert draft.summary != "Not kept"

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import Response
from tests.accounts.factories import PASSWORD, UserFactory
from tests.partners.factories import OrganisationFactory

from .factories import ConsultationFactory, QuestionFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def _answers(consultation, **values):
    questions = {q.text: q for q in consultation.questions.all()}
    data = {}
    for text, value in values.items():
        data[questions[text].field_name] = value
    return data


def _sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_partner_draft_is_saved_as_they_type_and_survives_logging_out_and_in(client, partner, consultation):
    _sign_in(client, partner)
    assert client.get(reverse("consultations:respond", args=[consultation.pk])).status_code == 200
    data = _answers(consultation, **{"Your comments": "Prevention needs partnership working."})
    saved = client.post(reverse("consultations:respond_autosave", args=[consultation.pk]), data, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert "Draft saved" in saved.content.decode()
    assert saved["X-Autosave-Saved"]  # the page forgets its local copy only when it sees this

    client.post(reverse("logout"))
    assert client.get(reverse("consultations:respond", args=[consultation.pk])).status_code == 302
    _sign_in(client, partner)

    page = client.get(reverse("consultations:respond", args=[consultation.pk]))
    assert "Prevention needs partnership working." in page.content.decode()


def test_colleague_of_same_organisation_continues_the_same_draft(client, partner, colleague, consultation):
    client.force_login(partner)
    client.post(
        reverse("consultations:respond", args=[consultation.pk]),
        {**_answers(consultation, **{"Your comments": "Started by Val."}), "save": "1"},
    )
    client.force_login(colleague)
    page = client.get(reverse("consultations:respond", args=[consultation.pk]))
    assert "Started by Val." in page.content.decode()
    assert Response.objects.filter(consultation=consultation).count() == 1


def test_submission_gives_reference_and_emails_receipt(
    client, partner, consultation, organisation, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    client.get(reverse("consultations:respond", args=[consultation.pk]))
    data = _answers(consultation, **{"Your comments": "We support the plan.", "Should priorities be ranked?": "Yes"})
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("consultations:respond", args=[consultation.pk]),
            {**data, "submit": "1", "publication_consent": "on"},
            follow=True,
        )
    response = Response.objects.get(consultation=consultation, organisation=organisation)
    assert response.status == Response.Status.SUBMITTED
    assert response.reference
    assert response.submitted_by == partner
    assert response.publication_consent is True
    text = page.content.decode()
    assert response.reference in text
    assert f"on behalf of {organisation.name}" in text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [partner.email]
    assert response.reference in mail.outbox[0].subject
    assert "We support the plan." not in mail.outbox[0].body  # a receipt, not a copy of the answers


def test_submission_without_required_answer_is_refused_and_stays_a_draft(client, partner, consultation):
    client.force_login(partner)
    page = client.post(
        reverse("consultations:respond", args=[consultation.pk]),
        {**_answers(consultation, **{"Should priorities be ranked?": "No"}), "submit": "1"},
    )
    assert page.status_code == 200
    assert "Answer this question before you submit." in page.content.decode()
    assert Response.objects.get(consultation=consultation).status == Response.Status.DRAFT
    assert mail.outbox == []


def test_submission_after_the_close_is_refused_with_a_clear_message_and_changes_nothing(
    client, partner, consultation, organisation
):
    client.force_login(partner)
    client.post(
        reverse("consultations:respond", args=[consultation.pk]),
        {**_answers(consultation, **{"Your comments": "Draft before the close."}), "save": "1"},
    )
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()

    page = client.post(
        reverse("consultations:respond", args=[consultation.pk]),
        {**_answers(consultation, **{"Your comments": "Changed after the close."}), "submit": "1"},
        follow=True,
    )
    text = page.content.decode()
    assert "This consultation closed on" in text
    assert "can no longer be changed or sent" in text
    response = Response.objects.get(consultation=consultation, organisation=organisation)
    assert response.status == Response.Status.DRAFT
    assert response.reference == ""
    assert response.answers.get().text == "Draft before the close."
    assert mail.outbox == []

    autosave = client.post(
        reverse("consultations:respond_autosave", args=[consultation.pk]),
        _answers(consultation, **{"Your comments": "Autosaved after the close."}),
    )
    assert autosave.status_code == 409
    assert autosave["Content-Type"].startswith("text/plain")
    closes = timezone.localtime(consultation.closes_at).strftime("%-d %B %Y at %H:%M")
    assert autosave.content.decode() == (
        f"This consultation closed on {closes}. Responses can no longer be changed or sent. "
        "Your answers were not saved."
    )
    assert response.answers.get().text == "Draft before the close."


def test_closed_consultation_shows_the_unsent_draft_read_only(client, partner, consultation):
    client.force_login(partner)
    client.post(
        reverse("consultations:respond", args=[consultation.pk]),
        {**_answers(consultation, **{"Your comments": "Unsent words."}), "save": "1"},
    )
    consultation.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()
    text = client.get(reverse("consultations:respond", args=[consultation.pk])).content.decode()
    assert "Unsent words." in text
    assert "can no longer be changed" in text
    assert 'name="submit"' not in text


def test_submitted_response_cannot_be_changed(client, partner, consultation, organisation):
    response = ResponseFactory(consultation=consultation, organisation=organisation, submitted=True)
    client.force_login(partner)
    page = client.get(reverse("consultations:respond", args=[consultation.pk]))
    assert page.status_code == 302
    assert page.url == response.get_absolute_url()
    autosave = client.post(
        reverse("consultations:respond_autosave", args=[consultation.pk]),
        _answers(consultation, **{"Your comments": "Sneaky change"}),
    )
    assert autosave.status_code == 409


def test_partner_gets_404_on_another_organisations_response(client, partner, consultation, other_organisation):
    draft = ResponseFactory(consultation=consultation, organisation=other_organisation)
    submitted = ResponseFactory(
        consultation=ConsultationFactory(force_area=consultation.force_area, invited=[other_organisation]),
        organisation=other_organisation,
        submitted=True,
        publication_consent=True,
    )
    client.force_login(partner)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(submitted.get_absolute_url()).status_code == 404


def test_partner_sees_own_organisations_draft(client, partner, consultation, organisation):
    draft = ResponseFactory(consultation=consultation, organisation=organisation)
    client.force_login(partner)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_published_response_is_visible_to_others_who_can_see_the_consultation(
    client, other_partner, partner, consultation, organisation
):
    response = ResponseFactory(
        consultation=consultation,
        organisation=organisation,
        submitted=True,
        publication_consent=True,
        published_at=timezone.now(),
    )
    client.force_login(other_partner)
    assert client.get(response.get_absolute_url()).status_code == 200


def test_partner_cannot_see_consultations_their_organisation_is_not_invited_to(client, partner, area):
    other_org = OrganisationFactory(areas=[area])
    not_invited = ConsultationFactory(force_area=area, invited=[other_org])
    client.force_login(partner)
    assert client.get(not_invited.get_absolute_url()).status_code == 404
    assert client.get(reverse("consultations:respond", args=[not_invited.pk])).status_code == 404
    assert not_invited.title not in client.get(reverse("consultations:list")).content.decode()


def test_another_areas_invited_consultation_is_invisible_but_public_one_is_visible(client, staff_user, other_area):
    private = ConsultationFactory(force_area=other_area)
    public = ConsultationFactory(force_area=other_area, public=True)
    client.force_login(staff_user)
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(public.get_absolute_url()).status_code == 200
    listing = client.get(reverse("consultations:list")).content.decode()
    assert private.title not in listing
    assert public.title in listing


def test_draft_consultation_is_invisible_to_partners_even_if_invited(client, partner, area, organisation):
    draft = ConsultationFactory(force_area=area, draft=True, invited=[organisation])
    client.force_login(partner)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_partner_without_organisation_is_told_to_ask_for_a_link(client, partner_user, area):
    consultation = ConsultationFactory(force_area=area, public=True)
    QuestionFactory(consultation=consultation)
    client.force_login(partner_user)
    page = client.get(reverse("consultations:respond", args=[consultation.pk]), follow=True)
    assert "not linked to an organisation" in page.content.decode()
    assert not Response.objects.exists()


def test_staff_cannot_see_a_partners_draft(client, staff_user, consultation, organisation):
    draft = ResponseFactory(consultation=consultation, organisation=organisation)
    client.force_login(staff_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role", ["panel_member", "panel_secretariat"])
def test_panel_people_of_the_area_see_published_consultations_but_not_responses(client, area, consultation, role):
    user = UserFactory(role=role, areas=[area])
    response = ResponseFactory(consultation=consultation, submitted=True)
    client.force_login(user)
    assert client.get(consultation.get_absolute_url()).status_code == 200
    assert client.get(response.get_absolute_url()).status_code == 404
    assert client.get(reverse("consultations:analysis", args=[consultation.pk])).status_code == 404


def test_autosave_with_an_invalid_choice_saves_nothing_and_says_so(client, partner, consultation):
    client.force_login(partner)
    client.get(reverse("consultations:respond", args=[consultation.pk]))
    data = _answers(consultation, **{"Your comments": "Kept?", "Should priorities be ranked?": "Maybe"})
    saved = client.post(reverse("consultations:respond_autosave", args=[consultation.pk]), data)
    assert saved.status_code == 400
    assert saved["Content-Type"].startswith("text/plain")
    assert "Should priorities be ranked?: Select a valid choice." in saved.content.decode()
    assert not Response.objects.get().answers.exists()


def test_autosave_without_a_draft_is_404(client, other_partner, consultation):
    client.force_login(other_partner)
    response = client.post(reverse("consultations:respond_autosave", args=[consultation.pk]), {})
    assert response.status_code == 404


def test_full_page_save_of_an_invalid_draft_says_it_was_not_saved(client, partner, consultation):
    client.force_login(partner)
    client.get(reverse("consultations:respond", args=[consultation.pk]))
    data = _answers(consultation, **{"Your comments": "Kept?", "Should priorities be ranked?": "Maybe"})
    page = client.post(reverse("consultations:respond", args=[consultation.pk]), {**data, "save": "1"})
    assert page.status_code == 200
    assert "Your draft was not saved: check the questions marked below." in page.content.decode()
    assert not Response.objects.get().answers.exists()

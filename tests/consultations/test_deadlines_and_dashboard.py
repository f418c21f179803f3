import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pcc_portal.deadlines.registry import collect_deadlines

from .factories import ConsultationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def _window():
    now = timezone.now()
    return now - datetime.timedelta(days=1), now + datetime.timedelta(days=60)


def test_closing_date_goes_to_the_areas_staff(staff_user, other_area_staff, consultation):
    start, end = _window()
    mine = [d for d in collect_deadlines(start=start, end=end, user=staff_user) if d.kind == "consultations.close"]
    assert [d.key for d in mine] == [f"consultations.close:{consultation.pk}"]
    assert mine[0].due == consultation.closes_at
    assert not [
        d for d in collect_deadlines(start=start, end=end, user=other_area_staff) if d.kind.startswith("consultations")
    ]


def test_invited_organisation_is_reminded_until_it_responds(partner, other_partner, consultation, organisation):
    start, end = _window()
    reminders = [d for d in collect_deadlines(start=start, end=end, user=partner) if d.kind == "consultations.response"]
    assert len(reminders) == 1
    assert reminders[0].responsible == organisation.name
    assert partner.pk in reminders[0].recipient_ids
    assert other_partner.pk not in reminders[0].recipient_ids
    assert reminders[0].done is False

    ResponseFactory(consultation=consultation, organisation=organisation, submitted=True)
    reminders = [d for d in collect_deadlines(start=start, end=end, user=partner) if d.kind == "consultations.response"]
    assert reminders[0].done is True


def test_draft_and_out_of_window_consultations_have_no_deadlines(staff_user, area):
    ConsultationFactory(force_area=area, draft=True)
    ConsultationFactory(force_area=area, closed=True)
    start, end = timezone.now(), timezone.now() + datetime.timedelta(days=60)
    assert not [d for d in collect_deadlines(start=start, end=end) if d.kind.startswith("consultations")]


def test_partner_dashboard_lists_open_consultations_with_their_status(client, partner, consultation, organisation):
    ResponseFactory(consultation=consultation, organisation=organisation)
    client.force_login(partner)
    text = client.get(reverse("core:dashboard")).content.decode()
    assert "Consultations open to you" in text
    assert consultation.title in text
    assert "Draft in progress" in text


def test_partner_dashboard_shows_its_own_organisations_status_not_anothers(client, partner, consultation, area):
    from tests.partners.factories import OrganisationFactory

    ResponseFactory(consultation=consultation, organisation=OrganisationFactory(areas=[area]), submitted=True)
    client.force_login(partner)
    text = client.get(reverse("core:dashboard")).content.decode()
    assert consultation.title in text and "Not started" in text and "Response submitted" not in text


def test_staff_dashboard_lists_responses_to_analyse(client, staff_user, consultation):
    from .factories import ThemeFactory

    tagged = ResponseFactory(consultation=consultation, submitted=True)
    tagged.tags.create(theme=ThemeFactory())
    tagged.tags.create(theme=ThemeFactory())
    ResponseFactory.create_batch(2, consultation=consultation, submitted=True)
    client.force_login(staff_user)
    text = client.get(reverse("core:dashboard")).content.decode()
    assert "Consultation responses to analyse" in text
    assert "3 responses, 2 not yet tagged" in text


def test_navigation_offers_consultations(client, partner, staff_user):
    client.force_login(partner)
    text = client.get(reverse("core:dashboard")).content.decode()
    assert 'href="/consultations/"' in text
    assert "Consultation events" not in text
    client.force_login(staff_user)
    assert "Consultation events" in client.get(reverse("core:dashboard")).content.decode()

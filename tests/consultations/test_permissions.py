import datetime

import pytest
from django.utils import timezone

from consultations.permissions import (
    can_edit_response,
    can_manage_consultation,
    can_publish_response,
    can_respond_as_organisation,
)
from tests.accounts.factories import UserFactory

from .factories import ConsultationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_invited_partner_can_respond_while_open(partner, consultation):
    assert can_respond_as_organisation(partner, consultation)


def test_partner_cannot_respond_before_opening_or_after_closing(partner, consultation):
    early = consultation.opens_at - datetime.timedelta(minutes=1)
    late = consultation.closes_at
    assert "not open yet" in can_respond_as_organisation(partner, consultation, at=early).reason
    assert "closed on" in can_respond_as_organisation(partner, consultation, at=late).reason


def test_uninvited_partner_cannot_respond_to_invited_consultation(partner, area):
    consultation = ConsultationFactory(force_area=area)
    assert "not invited" in can_respond_as_organisation(partner, consultation).reason


def test_staff_cannot_respond_as_an_organisation(staff_user, consultation):
    assert not can_respond_as_organisation(staff_user, consultation)


def test_colleague_can_edit_the_organisations_draft_but_other_partner_cannot(
    partner, colleague, other_partner, consultation, organisation
):
    draft = ResponseFactory(consultation=consultation, organisation=organisation)
    assert can_edit_response(colleague, draft)
    assert not can_edit_response(other_partner, draft)


def test_staff_of_area_manage_consultation_and_others_do_not(
    staff_user, other_area_staff, secretariat_user, admin_user, consultation
):
    assert can_manage_consultation(staff_user, consultation)
    assert can_manage_consultation(admin_user, consultation)
    assert not can_manage_consultation(other_area_staff, consultation)
    assert not can_manage_consultation(secretariat_user, consultation)


def test_publication_needs_consent(staff_user, consultation):
    without = ResponseFactory(consultation=consultation, submitted=True, publication_consent=False)
    with_consent = ResponseFactory(consultation=consultation, submitted=True, publication_consent=True)
    assert not can_publish_response(staff_user, without)
    assert can_publish_response(staff_user, with_consent)


def test_inactive_staff_manage_nothing(area, consultation):
    user = UserFactory(opcc_staff=True, areas=[area], is_active=False)
    assert not can_manage_consultation(user, consultation)
    assert timezone.now() < consultation.closes_at

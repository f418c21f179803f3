import pytest
from django.urls import reverse

from .factories import ConsultationEventFactory, ConsultationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in_for_portal_pages(client, area):
    consultation = ConsultationFactory(force_area=area)
    event = ConsultationEventFactory(areas=[area])
    for url in (
        reverse("consultations:list"),
        consultation.get_absolute_url(),
        reverse("consultations:analysis", args=[consultation.pk]),
        reverse("consultations:export_xlsx", args=[consultation.pk]),
        reverse("consultations:respond", args=[consultation.pk]),
        reverse("consultations:event_list"),
        event.get_absolute_url(),
        reverse("consultations:event_report_pdf", args=[event.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_anonymous_visitor_cannot_see_unpublished_responses(client, area):
    consultation = ConsultationFactory(force_area=area, public=True)
    unpublished = ResponseFactory(consultation=consultation, submitted=True, publication_consent=True)
    assert client.get(unpublished.get_absolute_url()).status_code == 404

"""The decision notice PDF carries the published record and never the exempt part."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.pdf_fetch import get_pdf

from .factories import DecisionFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    data = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _url(decision):
    return reverse("transparency:decision_pdf", kwargs={"code": decision.force_area.code, "pk": decision.pk})


def test_visitor_downloads_the_notice_without_the_exempt_part(client, area):
    decision = DecisionFactory(
        force_area=area,
        reference="PCC/2026/014",
        title="Re-commission victims' services",
        decision="To let a contract for a single victims' referral service.",
        reasons="One service avoids duplication.",
        financial_implications="Up to £450,000 over three years.",
        interests_declared="None declared.",
        exempt_part="Bidder pricing: Acme 401000",
        exempt_reason="Commercially sensitive",
    )
    response = get_pdf(client, _url(decision))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_text(response).split())
    for expected in [
        "Decision PCC/2026/014",
        "single victims' referral service",
        "One service avoids duplication.",
        "The Police and Crime Commissioner",
        "Up to £450,000 over three years.",
        "Commercially sensitive",
    ]:
        assert expected in text
    assert "Acme 401000" not in text


def test_unpublished_notice_is_404_for_the_public_and_other_areas(client, area, other_area_staff, staff_user):
    decision = DecisionFactory(force_area=area, draft=True)
    assert get_pdf(client, _url(decision)).status_code == 404
    client.force_login(other_area_staff)
    assert get_pdf(client, _url(decision)).status_code == 404
    client.force_login(staff_user)
    assert get_pdf(client, _url(decision)).status_code == 200

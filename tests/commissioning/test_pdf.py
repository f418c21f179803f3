import datetime
import io

import pytest
from pypdf import PdfReader

from commissioning.services import grant_create
from tests.commissioning.factories import FundingStreamFactory, partner_of
from tests.partners.factories import OrganisationFactory
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(staff_user, area):
    return grant_create(
        user=staff_user,
        stream=FundingStreamFactory(force_area=area, name="Transition funding for partners"),
        recipient=OrganisationFactory(areas=[area], name="Voluntary Action Leicestershire", org_id="GB-CHC-1124149"),
        reference="TF-2013-08",
        title="Transition funding April–September 2013",
        purpose="Six months' funding at the previous level.",
        amount_pence=35_000_00,
        award_date=datetime.date(2013, 3, 28),
        start_date=datetime.date(2013, 4, 1),
        end_date=datetime.date(2013, 9, 30),
        conditions="Acknowledge the Commissioner's funding.",
        repayment_conditions="Unspent money is repaid.",
        instalments=2,
    )


def _text(response) -> tuple[str, PdfReader]:
    data = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_grant_offer_pdf_has_terms_payments_and_returns(client, staff_user, grant):
    client.force_login(staff_user)
    response = get_pdf(client, f"/commissioning/grants/{grant.pk}/offer.pdf")
    assert response["Content-Type"] == "application/pdf"
    text, reader = _text(response)
    assert "Grant offer TF-2013-08" in text
    assert "£35,000.00" in text
    assert "£17,500.00 due 1 April 2013" in text
    assert "Unspent money is repaid." in text
    assert "1 Apr 2013 to 30 Jun 2013: due 30 July 2013" in text
    assert reader.metadata.title.startswith("Grant offer TF-2013-08")


def test_recipient_may_download_but_another_partner_may_not(client, grant, area):
    client.force_login(partner_of(grant.recipient))
    assert get_pdf(client, f"/commissioning/grants/{grant.pk}/offer.pdf").status_code == 200
    client.force_login(partner_of(OrganisationFactory(areas=[area])))
    assert get_pdf(client, f"/commissioning/grants/{grant.pk}/offer.pdf").status_code == 404

"""Start a bulletin from a Word file: headings become sections, the text under them articles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Bulletin, OrganisationType
from tests.core.docx_helpers import (
    bold,
    docx_upload,
    heading,
    image,
    lettered_list,
    link,
    paragraph,
    table,
)
from tests.partners.factories import OrganisationFactory
from tests.partners.pdf_text import pdf_text
from tests.partners.test_bulletin_sections import _in_order, _text
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db

URL = reverse("partners:bulletin_from_word")


def _fields(publisher, area) -> dict:
    return {
        "publisher": publisher.pk,
        "series_title": "Partnerships Bulletin",
        "issue_label": "Issue 12",
        "number": 12,
        "issue_date": "2024-04-02",
        "audience": [area.pk],
    }


WORD = [
    paragraph("A word from the Commissioner before the news."),
    heading("Welcome"),
    paragraph("Welcome to issue 12."),
    heading("News update"),
    heading("Funding round opens", level=2),
    paragraph("Apply by ", bold("30 June"), ". Read the ", link("guidance", "https://example.org/guidance"), "."),
    lettered_list(["community safety", "victims' services"]),
    heading("Partners at a glance", level=2),
    table([["Partner", "Area"], ["Council", "Leicester"]]),
    image(),
]


def test_staff_start_a_bulletin_from_a_word_file_and_see_what_did_not_come_across(client, staff_user, area):
    publisher = OrganisationFactory(org_type=OrganisationType.OPCC, areas=[area])
    client.force_login(staff_user)
    assert "Start a bulletin from a Word file" in client.get(URL).content.decode()
    response = client.post(URL, {**_fields(publisher, area), "document": docx_upload(WORD)}, follow=True)
    bulletin = Bulletin.objects.get(number=12)
    assert bulletin.status == Bulletin.Status.DRAFT and list(bulletin.audience.all()) == [area]
    assert [s.heading for s in bulletin.sections.order_by("position")] == ["Welcome", "News update"]
    news = bulletin.sections.get(heading="News update")
    assert [a.title for a in news.articles.order_by("position")] == ["Funding round opens", "Partners at a glance"]
    page = response.content.decode()
    assert "Not brought across from the Word file: " in page and "image" in page
    order = [
        "Issue 12",
        "A word from the Commissioner before the news.",
        "Welcome",
        "Welcome to issue 12.",
        "News update",
        "Funding round opens",
        "Apply by 30 June. Read the guidance.",
        "(a)",
        "community safety",
        "(b)",
        "victims' services",
        "Partners at a glance",
        "Partner",
        "Leicester",
    ]
    _in_order(_text(page), order)
    assert '<a href="https://example.org/guidance"' in page
    pdf = get_pdf(client, reverse("partners:bulletin_pdf", kwargs={"pk": bulletin.pk}))
    text = pdf_text(b"".join(pdf.streaming_content))
    # pdftotext reads the list markers as a column of their own: check them apart from the order.
    _in_order(text, [part for part in order if part not in {"(a)", "(b)"}])
    assert "(a)" in text and "(b)" in text


def test_a_file_that_is_not_a_word_document_is_refused_and_nothing_saved(client, staff_user, area):
    publisher = OrganisationFactory(org_type=OrganisationType.OPCC, areas=[area])
    client.force_login(staff_user)
    upload = SimpleUploadedFile("paper.pdf", b"%PDF-1.4 not a word file", content_type="application/pdf")
    response = client.post(URL, {**_fields(publisher, area), "document": upload})
    assert response.status_code == 200
    assert "Upload the Word (.docx) version" in response.content.decode()
    assert not Bulletin.objects.exists()


@pytest.mark.parametrize("who", ["secretariat_user", "partner_user", "panel_member_user"])
def test_only_bulletin_managers_start_from_a_word_file(client, request, area, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 404

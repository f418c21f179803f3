"""The briefing PDF matches the page's sections and numbering; the demo briefing for 15 November 2012."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from handover.models import Briefing, Candidate
from tests.pdf_fetch import get_pdf

from .factories import AnswerFactory, BriefingFactory, CandidateFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _page_headings(html: str) -> list[str]:
    return re.findall(r"<h2 id=\"[a-z]+-heading\">(\d+\. [^<]+)</h2>", html)


def test_the_pdf_has_the_pages_sections_in_order_with_contents_page_numbers(client, area):
    briefing = BriefingFactory(force_area=area, published=True, introduction="An *introduction* for candidates.")
    AnswerFactory(question=QuestionFactory(candidate=CandidateFactory(briefing=briefing, confirmed=True)))
    headings = _page_headings(client.get(briefing.get_absolute_url()).content.decode())
    assert len(headings) == 6
    response = get_pdf(client, reverse("handover:briefing_pdf", args=[briefing.pk]))
    assert response["Content-Type"] == "application/pdf"
    text, reader = _pdf_text(response)
    assert reader.metadata.title.startswith("Briefing for candidates: Leicestershire")
    positions = [text.index(heading.replace("&#x27;", "'")) for heading in headings]
    # Each heading appears in the contents (with a page number) and again as its section, in the same order.
    for heading in headings:
        assert re.search(re.escape(heading) + r"\s*\.*\s*\d+", text), heading
    last = [text.rindex(heading) for heading in headings]
    assert last == sorted(last) and positions == sorted(positions)
    assert "An introduction for candidates." in text


def test_demo_loads_a_published_leicestershire_briefing_with_illustrative_candidates(client, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    briefing = Briefing.objects.get(force_area__code="leicestershire")
    assert briefing.election_date.isoformat() == "2012-11-15" and briefing.is_published
    assert Candidate.objects.filter(briefing=briefing, is_illustrative=True, status="confirmed").count() == 3
    assert not mail.outbox  # loading the demo emails nobody
    html = client.get(briefing.get_absolute_url()).content.decode()
    assert "the information needed to inform potential candidates" in html
    assert "Illustrative" in html and "Community Safety Fund" in html
    assert "Police and Crime Plan 2013–2017" in html
    pdf = get_pdf(client, reverse("handover:briefing_pdf", args=[briefing.pk]))
    assert pdf.status_code == 200

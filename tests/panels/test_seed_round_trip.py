"""Seeds 002 and 003 entered as demo data come back out as a page and a PDF."""

import re

import pytest
from django.urls import reverse

from panels.demo_text import SEED_002_PARAGRAPHS, SEED_003
from panels.models import AgendaReport, PanelReport
from tests.panels.conftest import pdf_text
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    """Collapse whitespace and strip markup, so wrapped PDF lines and HTML compare as prose."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&").replace("&#39;", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(\w)([-/]) (\w)", r"\1\2\3", text)  # a line broken after a hyphen or slash


@pytest.fixture
def agenda_report(demo):
    return AgendaReport.objects.get(subject="PARTNERSHIPS UPDATE REPORT")


@pytest.fixture
def comments_report(demo):
    return PanelReport.objects.get(title="Comments on Police and Crime Plan")


def _assert_002(text: str) -> None:
    assert "Agenda Item 5" in text
    for label, value in [
        ("Report of", "POLICE AND CRIME COMMISSIONER"),
        ("Date", "29 September 2014"),
        ("Subject", "PARTNERSHIPS UPDATE REPORT"),
        ("Author", "CHIEF EXECUTIVE"),
    ]:
        assert f"{label} {value}" in text
    position = 0
    for paragraph in SEED_002_PARAGRAPHS:
        body = _flat(paragraph["text"])
        found = text.find(f"{paragraph['number']}. {body}", position)
        assert found >= 0, f"paragraph {paragraph['number']} missing or out of order"
        position = found
        for entry in paragraph["items"]:
            assert _flat(entry) in text
    for heading in [
        "Financial:",
        "Legal:",
        "Equality Impact Assessment:",
        "Risks and Impact:",
        "Link to Police and Crime Plan:",
    ]:
        assert heading in text
    assert "Name: Paul Stock, Tel 0116 229 8981 Email: paul.stock@leics.pcc.pnn.gov.uk" in text


def test_agenda_report_pdf_reproduces_seed_002(client, agenda_report):
    response = get_pdf(client, reverse("panels:report_pdf", kwargs={"pk": agenda_report.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    _assert_002(_flat(pdf_text(response)))


def test_agenda_report_page_reproduces_seed_002(client, agenda_report):
    response = client.get(reverse("panels:report_detail", kwargs={"pk": agenda_report.pk}))
    assert response.status_code == 200
    _assert_002(_flat(response.content.decode()))


def _assert_003(text: str) -> None:
    position = text.find(_flat(SEED_003["comments"]).split(". ")[0])
    assert position >= 0
    response_start = text.find(_flat(SEED_003["comments_response"])[:200], position)
    assert response_start > position
    position = response_start
    for rec in SEED_003["recommendations"]:
        if rec["heading"]:
            position = text.index(rec["heading"], position)
        found = text.find(f"{rec['label']}) {_flat(rec['text'])}", position)
        assert found > position, f"recommendation ({rec['label']}) missing or out of order"
        position = found
        points = rec["subs"] or [rec]
        for point in points:
            if point is not rec:
                found = text.find(f"{point['label']}) {_flat(point['text'])}", position)
                assert found > position, f"sub-point ({point['label']}) of ({rec['label']}) missing or out of order"
                position = found
            found = text.find(_flat(point["response"]), position)
            assert found > position, f"response to ({point['label']}) missing or not after it"
            position = found


def test_panel_report_page_reproduces_seed_003_with_every_response(client, comments_report):
    response = client.get(reverse("panels:panel_report_detail", kwargs={"pk": comments_report.pk}))
    assert response.status_code == 200
    _assert_003(_flat(response.content.decode()))


def test_panel_report_pdf_reproduces_seed_003_with_every_response(client, comments_report):
    response = get_pdf(client, reverse("panels:panel_report_pdf", kwargs={"pk": comments_report.pk}))
    assert response.status_code == 200
    _assert_003(_flat(pdf_text(response)))


def test_seed_003_has_ten_recommendations_and_seven_sub_points(comments_report):
    top = comments_report.recommendations.filter(parent__isnull=True).order_by("position")
    assert [r.label for r in top] == list("abcdefghij")
    assert [s.label for s in top.get(label="i").sub_points.order_by("position")] == [
        "i", "ii", "iii", "iv", "v", "vi", "vii",
    ]  # fmt: skip
    assert comments_report.plan_version.label == "January 2013 draft"
    assert comments_report.plan_version.plan.title == "Police and Crime Plan 2013–2017"


def test_paper_text_is_sanitised_on_page_and_cached_render_is_the_same(client, agenda_report):
    paragraph = agenda_report.paragraphs.get(position=4)
    paragraph.text = "Safe text <script>alert(1)</script> [link](javascript:alert(1))"
    paragraph.save()
    page = client.get(reverse("panels:report_detail", kwargs={"pk": agenda_report.pk})).text
    again = client.get(reverse("panels:report_detail", kwargs={"pk": agenda_report.pk})).text
    assert "Safe text" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page
    article = page.split('<article class="paper">')[1]
    assert article == again.split('<article class="paper">')[1]

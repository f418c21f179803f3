"""An agenda report takes the shape its author gives it, and comes back out the same on the page and in the PDF."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from panels.models import AgendaReport
from tests.accounts.factories import UserFactory
from tests.core.docx_helpers import docx_upload, heading, image, lettered_list, paragraph, table, title
from tests.panels.factories import AgendaItemFactory, AgendaReportFactory, MeetingFactory, PanelFactory
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db

SUBJECT = "Surrey Police and Crime Commissioner's Proposed Precept"
PARAGRAPHS = [
    {"section_heading": "Purpose of Report", "text": "To set out the Commissioner's proposed precept for 2026/27."},
    {
        "section_heading": "Recommendations",
        # Pasted from a word processor: Windows line ends, the list straight under the sentence.
        "text": "The Panel is asked to:\r\n(a) note the report;\r\n(b) consider the precept;\r\n"
        "(c) make a recommendation;\r\n(d) agree the timetable;\r\n(e) note the consultation.",
    },
    {
        "section_heading": "Budget context",
        "heading": "Where the money comes from",
        "text": "The figures continue the list in the last report:\n\n2. council tax;\n3. government grant.\n\n"
        "| Source | Notes |\n|---|---|\n| Grant | (i) core grant<br>(ii) pensions grant |",
    },
]
# Every heading, sentence and list marker, in the order a reader meets them.
EXPECTED = [
    "Agenda Item 5",
    SUBJECT,
    "Purpose of Report",
    "1. To set out the Commissioner's proposed precept for 2026/27.",
    "Recommendations",
    "2. The Panel is asked to:",
    "(a) note the report;",
    "(b) consider the precept;",
    "(c) make a recommendation;",
    "(d) agree the timetable;",
    "(e) note the consultation.",
    "Budget context",
    "Where the money comes from",
    "3. The figures continue the list in the last report:",
    "2. council tax;",
    "3. government grant.",
    "Source Notes",
    "Grant",
    "(i) core grant",
    "(ii) pensions grant",
]


def _number_plain_lists(html: str) -> str:
    """Write out the numbers a browser shows for <ol> items (start included), so page and PDF text compare."""

    def number(match: re.Match) -> str:
        counter = iter(range(int(match.group("start") or 1), 10_000))
        return re.sub(r"<li>", lambda _: f"<li>{next(counter)}. ", match.group(0))

    return re.sub(r'<ol(?: start="(?P<start>\d+)")?>.*?</ol>', number, html, flags=re.S)


def _flat(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", _number_plain_lists(text))
    for entity, char in [("&#x27;", "'"), ("&#39;", "'"), ("&quot;", '"'), ("&amp;", "&")]:
        text = text.replace(entity, char)
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(response) -> str:
    """Return the PDF's text line by line as laid out, so a marker and its item read together."""
    data = b"".join(response.streaming_content)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed: .ci/run installs it"
    return subprocess.run([pdftotext, "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def _assert_in_order(text: str, expected: list[str]) -> None:
    position = 0
    for part in expected:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order"
        position = found + len(part)


def _form_data(paragraphs: list[dict], **fields) -> dict:
    data = {
        "report-subject": SUBJECT,
        "report-report_of": "Police and Crime Commissioner",
        "report-paragraph_numbering": "continuous",
        "paragraphs-TOTAL_FORMS": str(len(paragraphs)),
        "paragraphs-INITIAL_FORMS": "0",
        "paragraphs-MIN_NUM_FORMS": "0",
        "paragraphs-MAX_NUM_FORMS": "1000",
    }
    data.update({f"report-{name}": value for name, value in fields.items()})
    for i, row in enumerate(paragraphs):
        data[f"paragraphs-{i}-ORDER"] = str(i + 1)
        for name, value in row.items():
            data[f"paragraphs-{i}-{name}"] = value
    return data


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


@pytest.fixture
def item(panel):
    return AgendaItemFactory(meeting=MeetingFactory(panel=panel, published=True), number=5)


def _enter(client, user, item, paragraphs=PARAGRAPHS, **fields) -> AgendaReport:
    client.force_login(user)
    response = client.post(
        reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), _form_data(paragraphs, **fields)
    )
    assert response.status_code == 302, response.text
    return AgendaReport.objects.get(agenda_item=item)


def test_report_entered_through_the_form_reads_the_same_on_page_and_in_pdf(client, item, staff_user):
    report = _enter(client, staff_user, item)
    page = client.get(reverse("panels:report_detail", kwargs={"pk": report.pk})).text
    article = _flat(page.split('<article class="paper">')[1].split("</article>")[0])
    pdf_response = get_pdf(client, reverse("panels:report_pdf", kwargs={"pk": report.pk}))
    pdf = _flat(_pdf_text(pdf_response))
    for text in (article, pdf):
        _assert_in_order(text, EXPECTED)
        # No implications or contact were written, and no date or author: none of them is printed.
        for absent in ["Implications", "Person to Contact", "None", "Author", "Date"]:
            assert absent not in text
        assert "Surrey police and crime" not in text
    assert f"<title>Agenda Item 5: {SUBJECT}".replace("'", "&#x27;") in page
    assert '<ol start="2">' in page


def test_paragraph_numbering_can_restart_in_each_section_or_be_left_out(client, item, staff_user):
    report = _enter(client, staff_user, item, paragraph_numbering="by_section")
    page = _flat(client.get(report.get_absolute_url()).text)
    _assert_in_order(
        page, ["Purpose of Report", "1.1 To set out", "Recommendations", "2.1 The Panel", "3.1 The figures"]
    )
    report = _enter(client, staff_user, item, paragraph_numbering="none")
    page = _flat(client.get(report.get_absolute_url()).text)
    _assert_in_order(page, ["Purpose of Report", "To set out", "Recommendations", "The Panel is asked to: (a)"])
    assert "1. To set out" not in page and "1.1 To set out" not in page


def test_filled_implications_and_contact_show_only_what_was_written(client, item, staff_user):
    report = _enter(client, staff_user, item, legal_implications="Section 28 of the **2011 Act**.", contact_name="Jo")
    page = _flat(client.get(report.get_absolute_url()).text)
    _assert_in_order(page, ["Implications", "Legal: Section 28 of the 2011 Act", "Person to Contact", "Name: Jo"])
    assert "Financial:" not in page and "None" not in page and "Tel" not in page


def test_add_a_paragraph_without_javascript_keeps_what_was_typed_and_saves_nothing(client, item, staff_user):
    client.force_login(staff_user)
    data = _form_data(PARAGRAPHS[:1]) | {"add_paragraph": "1", "report-subject": ""}
    response = client.post(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), data)
    assert response.status_code == 200
    assert not AgendaReport.objects.exists()
    assert 'name="paragraphs-TOTAL_FORMS" value="2"' in response.text
    assert 'id="paragraph-1"' in response.text
    assert "To set out the Commissioner" in response.text
    assert "This field is required" not in response.text  # adding is not a save: nothing is judged yet


def test_paragraphs_are_reordered_and_removed_in_one_save(client, item, staff_user):
    report = _enter(client, staff_user, item)
    first, second, third = report.paragraphs.all()
    data = _form_data([])
    data["paragraphs-TOTAL_FORMS"] = data["paragraphs-INITIAL_FORMS"] = "3"
    for i, (block, order) in enumerate([(first, "3"), (second, "1"), (third, "2")]):
        data |= {
            f"paragraphs-{i}-id": str(block.pk),
            f"paragraphs-{i}-report": str(report.pk),
            f"paragraphs-{i}-ORDER": order,
            f"paragraphs-{i}-section_heading": block.section_heading,
            f"paragraphs-{i}-heading": block.heading,
            f"paragraphs-{i}-text": block.text,
        }
    data["paragraphs-2-DELETE"] = "on"
    response = client.post(reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}), data)
    assert response.status_code == 302
    assert [(p.pk, p.position) for p in report.paragraphs.all()] == [(second.pk, 1), (first.pk, 2)]
    page = _flat(client.get(report.get_absolute_url()).text)
    _assert_in_order(page, ["Recommendations", "1. The Panel is asked to:", "Purpose of Report", "2. To set out"])
    assert "Budget context" not in page


def test_report_page_links_editors_to_the_form_and_nobody_else(
    client, item, staff_user, secretariat_user, partner_user
):
    report = AgendaReportFactory(agenda_item=item)
    edit = reverse("panels:agenda_report_edit", kwargs={"pk": item.pk})
    for user in (staff_user, secretariat_user):
        client.force_login(user)
        assert edit in client.get(report.get_absolute_url()).text
        assert client.get(edit).status_code == 200
    client.force_login(partner_user)
    assert edit not in client.get(report.get_absolute_url()).text
    assert client.get(edit).status_code == 404
    client.logout()
    assert edit not in client.get(report.get_absolute_url()).text


def test_other_area_and_partner_users_cannot_edit_or_start_from_word(client, item, other_area, partner_user):
    urls = [
        reverse("panels:agenda_report_edit", kwargs={"pk": item.pk}),
        reverse("panels:agenda_report_from_word", kwargs={"pk": item.pk}),
    ]
    for user in (
        UserFactory(panel_secretariat=True, areas=[other_area]),
        UserFactory(opcc_staff=True, areas=[other_area]),
        partner_user,
    ):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404
            assert client.post(url, _form_data(PARAGRAPHS)).status_code == 404
    assert not AgendaReport.objects.exists()


def test_public_sees_a_report_only_once_its_papers_are_published(client, panel):
    unpublished = AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(panel=panel)))
    published = AgendaReportFactory(agenda_item=AgendaItemFactory(meeting=MeetingFactory(panel=panel, published=True)))
    assert client.get(unpublished.get_absolute_url()).status_code == 404
    assert get_pdf(client, reverse("panels:report_pdf", kwargs={"pk": unpublished.pk})).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


def test_word_file_with_heading_lettered_list_and_table_becomes_a_report_of_the_same_shape(client, item, staff_user):
    upload = docx_upload(
        [
            title(SUBJECT),
            heading("Recommendations"),
            paragraph("The Panel is asked to:"),
            lettered_list(["note the report;", "consider the precept."]),
            heading("Figures"),
            table([["Source", "Amount"], ["Council tax", "£1m"]]),
            image(),
        ]
    )
    client.force_login(staff_user)
    url = reverse("panels:agenda_report_from_word", kwargs={"pk": item.pk})
    response = client.post(url, {"document": upload})
    assert response.status_code == 302
    report = AgendaReport.objects.get(agenda_item=item)
    assert report.subject == SUBJECT
    assert [p.section_heading for p in report.paragraphs.all()] == ["Recommendations", "Figures"]
    page = client.get(response["Location"]).text
    assert "Not brought across from your Word file" in page and "image" in page
    article = _flat(page.split('<article class="paper">')[1])
    _assert_in_order(
        article,
        [SUBJECT, "Recommendations", "1. The Panel is asked to:", "(a) note the report;", "(b) consider the precept.",
         "Figures", "Source Amount", "Council tax £1m"],
    )  # fmt: skip
    assert "<table>" in page
    assert "Not brought across" not in client.get(response["Location"]).text  # shown once
    again = client.post(url, {"document": docx_upload([heading("Another")])})
    assert again.status_code == 200 and "already has a report" in again.text
    assert report.paragraphs.count() == 2


def test_a_file_that_is_not_word_is_refused_with_a_message(client, item, staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_user)
    url = reverse("panels:agenda_report_from_word", kwargs={"pk": item.pk})
    response = client.post(url, {"document": SimpleUploadedFile("paper.pdf", b"%PDF-1.4\n", "application/pdf")})
    assert response.status_code == 200
    assert "Upload the Word (.docx) version" in response.text
    assert not AgendaReport.objects.exists()

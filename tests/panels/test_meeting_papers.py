"""Meeting papers: appendices, the public/exempt marking, the agenda pack and minutes, per role."""

import datetime
import io
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from panels.models import AgendaItem, MinutesStatus, ReportAppendix
from panels.pack import agenda_pack_document
from pcc_portal.core.uploads import MAX_DOCUMENT_BYTES
from pcc_portal.pdf.services import html_to_pdf, pdf_from_source
from tests.accounts.factories import UserFactory
from tests.panels.conftest import pdf_text
from tests.panels.factories import (
    AgendaItemFactory,
    AgendaReportFactory,
    MeetingFactory,
    PanelFactory,
    ReportParagraphFactory,
)
from tests.pdf_fetch import get_pdf

pytestmark = pytest.mark.django_db


def appendix_pdf(text: str, pages: int = 1) -> bytes:
    """A real PDF whose pages say `text` (page n)."""
    body = "".join(
        f"<section style='break-before: page'><h1>{text} (page {n})</h1></section>" for n in range(1, pages + 1)
    )
    return html_to_pdf(f"<html lang='en-GB'><head><title>{text}</title></head><body>{body}</body></html>")


def pdftotext(data: bytes) -> str:
    out = subprocess.run(["/usr/bin/pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


@pytest.fixture
def panel(area):
    return PanelFactory(force_area=area)


@pytest.fixture
def meeting(panel):
    return MeetingFactory(panel=panel, published=True)


@pytest.fixture
def open_report(meeting):
    report = AgendaReportFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, number=5), subject="PARTNERSHIPS UPDATE REPORT"
    )
    ReportParagraphFactory(report=report, position=1, text="The Panel is asked to note the partnerships.")
    return report


@pytest.fixture
def exempt_report(meeting):
    item = AgendaItemFactory(meeting=meeting, number=6, exempt=True, title="Staffing review")
    report = AgendaReportFactory(agenda_item=item, subject="STAFFING REVIEW OF THE OFFICE")
    ReportParagraphFactory(report=report, position=1, text="Confidential proposals for the office's staff.")
    return report


def _add_appendix(report, title: str, data: bytes, name: str, kind: str = "pdf", pages: int | None = 1):
    appendix = ReportAppendix(report=report, title=title, kind=kind, size=len(data), page_count=pages, position=1)
    appendix.position = report.appendices.count() + 1
    appendix.file.save(name, ContentFile(data), save=False)
    appendix.save()
    return appendix


def _roles(area, other_area):
    PanelFactory(force_area=other_area)
    return {
        "secretariat": UserFactory(panel_secretariat=True, areas=[area]),
        "staff": UserFactory(opcc_staff=True, areas=[area]),
        "member": UserFactory(panel_member=True, areas=[area]),
        "partner": UserFactory(partner=True, areas=[area]),
        "public": None,
        "other area secretariat": UserFactory(panel_secretariat=True, areas=[other_area]),
    }


def _status(client, user, url) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


# --- Appendices -------------------------------------------------------------------------------


def test_secretariat_uploads_a_pdf_appendix_listed_at_the_end_of_the_report_page_and_pdf(
    client, open_report, secretariat_user
):
    client.force_login(secretariat_user)
    url = reverse("panels:report_appendices", kwargs={"pk": open_report.pk})
    upload = SimpleUploadedFile("funding.pdf", appendix_pdf("Funding table"), "application/pdf")
    response = client.post(url, {"add-title": "Partnership funding 2014/15", "add-file": upload})
    assert response.status_code == 302
    sheet = SimpleUploadedFile("grants.xlsx", b"PK\x03\x04 a workbook", "application/octet-stream")
    assert client.post(url, {"add-title": "Grants register", "add-file": sheet}).status_code == 302
    first, second = open_report.appendices.order_by("position")
    assert (first.kind, first.page_count, second.kind) == ("pdf", 1, "xlsx")

    page = client.get(open_report.get_absolute_url()).text
    assert page.index("The Panel is asked to note") < page.index("Appendix A: ")
    assert "Partnership funding 2014/15</a> (PDF," in page and "Appendix B: " in page
    text = " ".join(pdf_text(get_pdf(client, reverse("panels:report_pdf", kwargs={"pk": open_report.pk}))).split())
    assert "Appendix A: Partnership funding 2014/15 (PDF" in text
    assert "Appendix B: Grants register (Excel spreadsheet" in text


def test_appendices_are_retitled_and_reordered(client, open_report, secretariat_user):
    first = _add_appendix(open_report, "First", appendix_pdf("One"), "one.pdf")
    second = _add_appendix(open_report, "Second", appendix_pdf("Two"), "two.pdf")
    client.force_login(secretariat_user)
    response = client.post(
        reverse("panels:report_appendices_arrange", kwargs={"pk": open_report.pk}),
        {
            f"arrange-title_{first.pk}": "Map of the area",
            f"arrange-position_{first.pk}": "2",
            f"arrange-title_{second.pk}": "Funding table",
            f"arrange-position_{second.pk}": "1",
        },
    )
    assert response.status_code == 302
    page = client.get(open_report.get_absolute_url()).text
    assert page.index("Appendix A: <a") < page.index("Funding table") < page.index("Map of the area")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Upload a PDF, Word (.docx), Excel (.xlsx)"),
        ("funding.pdf", b"PK\x03\x04 a zip pretending", "This file is not a PDF."),
        ("plan.png", b"GIF89a", "This file is not a PNG image."),
        ("broken.pdf", b"%PDF-1.4 no pages here", "This PDF cannot be read"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_appendix_of_the_wrong_type_is_refused_and_nothing_saved(
    client, open_report, secretariat_user, name, data, message
):
    client.force_login(secretariat_user)
    url = reverse("panels:report_appendices", kwargs={"pk": open_report.pk})
    response = client.post(url, {"add-title": "Appendix", "add-file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.text
    assert not open_report.appendices.exists()


def test_appendix_over_10_mb_is_refused(client, open_report, secretariat_user):
    client.force_login(secretariat_user)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)
    response = client.post(
        reverse("panels:report_appendices", kwargs={"pk": open_report.pk}), {"add-title": "Big", "add-file": big}
    )
    assert response.status_code == 400 and "larger than 10 MB" in response.text
    assert not open_report.appendices.exists()


def test_appendix_access_follows_the_report_and_an_exempt_reports_appendix_is_never_public(
    client, area, other_area, open_report, exempt_report
):
    public = _add_appendix(open_report, "Public map", appendix_pdf("Map"), "map.pdf")
    secret = _add_appendix(exempt_report, "Staff list", appendix_pdf("Staff"), "staff.pdf")
    roles = _roles(area, other_area)
    for role, user in roles.items():
        assert _status(client, user, public.get_absolute_url()) == 200, role
        insider = role in {"secretariat", "staff", "member"}
        assert _status(client, user, secret.get_absolute_url()) == (200 if insider else 404), role
    # only the paper's writers manage appendices
    manage = reverse("panels:report_appendices", kwargs={"pk": open_report.pk})
    for role, user in roles.items():
        allowed = role in {"secretariat", "staff"}
        assert _status(client, user, manage) == (200 if allowed else 302 if user is None else 404), role


# --- Public / exempt marking ------------------------------------------------------------------


def test_exempt_item_needs_the_paragraph_of_schedule_12a(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("panels:agenda_item_create", kwargs={"pk": meeting.pk})
    data = {"number": 7, "title": "Legal advice", "kind": "report", "is_exempt": "on"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose the paragraph of Schedule 12A" in response.text
    assert not AgendaItem.objects.filter(title="Legal advice").exists()
    assert client.post(url, {**data, "exempt_paragraph": "5"}).status_code == 302
    item = AgendaItem.objects.get(title="Legal advice")
    page = client.get(meeting.get_absolute_url()).text
    assert "Paragraph 5: information subject to legal professional privilege of Schedule 12A" in page
    # marking it public again clears the paragraph
    edit = reverse("panels:agenda_item_edit", kwargs={"pk": item.pk})
    assert client.post(edit, {"number": 7, "title": "Legal advice", "kind": "report"}).status_code == 302
    item.refresh_from_db()
    assert (item.is_exempt, item.exempt_paragraph) == (False, "")


def test_exempt_report_is_hidden_from_public_pages_search_api_and_feeds(
    client, area, other_area, meeting, open_report, exempt_report
):
    from search.services import search_index_rebuild

    search_index_rebuild()
    roles = _roles(area, other_area)
    for role, user in roles.items():
        insider = role in {"secretariat", "staff", "member"}
        page = _status(client, user, exempt_report.get_absolute_url())
        assert page == (200 if insider else 404), role
        meeting_page = client.get(meeting.get_absolute_url()).text
        assert ("Staffing review" in meeting_page) is insider, role
        results = client.get("/search/", {"q": "Confidential proposals"}).text
        assert ("STAFFING REVIEW OF THE OFFICE" in results) is False, role  # never indexed
    client.logout()
    api = client.get("/api/v1/agenda-items").json()
    titles = [row["title"] for row in api["items"]]
    assert "Partnerships update report" in titles and "Staffing review" not in titles
    feed = client.get(f"/deadlines/meetings.ics?area={area.code}").content.decode()
    assert "Staffing review" not in feed


# --- Agenda pack ------------------------------------------------------------------------------


def test_agenda_pack_has_contents_page_numbers_public_reports_and_their_pdf_appendices(
    client, meeting, open_report, exempt_report
):
    _add_appendix(open_report, "Partnership funding", appendix_pdf("FUNDING TABLE", pages=2), "f.pdf", pages=2)
    _add_appendix(open_report, "Grants register", b"PK\x03\x04 workbook", "grants.xlsx", kind="xlsx", pages=None)
    _add_appendix(exempt_report, "Staff list", appendix_pdf("SECRET STAFF LIST"), "s.pdf")
    stored = pdf_from_source(agenda_pack_document(meeting_id=meeting.pk, insider=False))
    data = stored.read()
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    text = pdftotext(data)
    assert "Contents" in pages[1]
    assert "Item 5: PARTNERSHIPS UPDATE REPORT" in pages[1]
    assert "Appendix A: Partnership funding" in pages[1]
    assert "Appendix B: Grants register (Excel spreadsheet; not printed here)" in " ".join(pages[1].split())
    total = len(reader.pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page
    # the contents give each part's page: the report, then its appendix's two pages laid in after it
    report_page = next(n for n, page in enumerate(pages, 1) if "The Panel is asked to note" in page)
    appendix_pages = [n for n, page in enumerate(pages, 1) if "FUNDING TABLE" in page]
    assert appendix_pages == [report_page + 1, report_page + 2]
    contents_line = next(line for line in pages[1].splitlines() if "Appendix A: Partnership funding" in line)
    assert contents_line.rstrip().endswith(str(appendix_pages[0]))
    assert "Item 5, Appendix A: Partnership funding (page 1 of 2)" in text
    # the exempt report and its appendix are not in the public pack
    assert "STAFFING REVIEW" not in text and "SECRET STAFF LIST" not in text and "Confidential" not in text


def test_signed_in_reader_prepares_the_pack_on_the_progress_page(client, meeting, open_report, partner_user):
    client.force_login(partner_user)
    url = reverse("panels:meeting_pack", kwargs={"pk": meeting.pk})
    assert "Prepare the agenda pack (PDF)" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith("/documents/jobs/")
    assert "Agenda pack: meeting of 29 September 2014" in client.get(response.url).text


def test_visitor_is_told_the_pack_is_being_prepared_then_downloads_it(client, meeting, open_report):
    from panels.services import agenda_pack_make

    url = reverse("panels:meeting_pack", kwargs={"pk": meeting.pk})
    first = client.get(url)
    assert first.status_code == 200 and "being prepared" in first.text
    agenda_pack_make(meeting_id=meeting.pk)  # what the queued task does (eager in tests: already done)
    ready = client.get(url)
    assert ready["Content-Type"] == "application/pdf"
    assert client.post(url).status_code in {403, 404}  # a visitor cannot start a job


def test_pack_of_an_unpublished_meeting_is_refused_to_the_public_and_other_areas(client, panel, other_area):
    meeting = MeetingFactory(panel=panel)
    other = UserFactory(panel_secretariat=True, areas=[other_area])
    url = reverse("panels:meeting_pack", kwargs={"pk": meeting.pk})
    assert _status(client, None, url) == 404
    assert _status(client, other, url) == 404


# --- Minutes ----------------------------------------------------------------------------------


def _record(client, meeting, item, **extra):
    data = {
        f"minutes_discussion_{item.pk}": "Members asked how the grants would be **monitored**.",
        f"minutes_heard_{item.pk}": "Paul Stock, Chief Executive\nCllr A Member",
        f"decision_{item.pk}": "The Panel noted the report.",
        "minutes": "Cllr Example in the chair.",
        "minutes_status": "draft",
        **extra,
    }
    return client.post(reverse("panels:meeting_record", kwargs={"pk": meeting.pk}), data)


def test_minutes_for_each_item_are_draft_until_published_then_public_on_page_and_pdf(
    client, area, other_area, meeting, open_report, exempt_report, secretariat_user
):
    item = open_report.agenda_item
    client.force_login(secretariat_user)
    assert _record(client, meeting, item).status_code == 302
    minutes_url = reverse("panels:meeting_minutes", kwargs={"pk": meeting.pk})
    roles = _roles(area, other_area)
    for role, user in roles.items():
        insider = role in {"secretariat", "staff", "member"}
        assert _status(client, user, minutes_url) == (200 if insider else 404), role
        assert ("Members asked how the grants" in client.get(meeting.get_absolute_url()).text) is insider, role

    client.force_login(secretariat_user)
    assert _record(client, meeting, item, minutes_status="published").status_code == 302
    client.logout()
    page = client.get(meeting.get_absolute_url()).text
    assert "Minutes" in page and "Members asked how the grants would be <strong>monitored</strong>." in page
    assert "People heard:</strong> Paul Stock, Chief Executive; Cllr A Member" in page
    minutes = client.get(minutes_url).text
    assert minutes.index("5. Partnerships update report") < minutes.index("Discussion") < minutes.index("Decision")
    assert "Staffing review" not in minutes  # the exempt item is the panel's only
    text = " ".join(pdf_text(get_pdf(client, reverse("panels:meeting_minutes_pdf", kwargs={"pk": meeting.pk}))).split())
    assert "Minutes of the meeting held on Monday 29 September 2014" in text
    for part in [
        "5. Partnerships update report",
        "MINUTES",
        "Discussion Members asked how the grants would be monitored.",
        "People heard Paul Stock, Chief Executive Cllr A Member",
        "Decision The Panel noted the report.",
    ]:
        assert part in text, part
    assert "Published; not yet approved by the panel." in text


def test_minutes_are_approved_at_a_later_meeting_only(client, panel, meeting, open_report, secretariat_user):
    earlier = MeetingFactory(panel=panel, starts_at=datetime.datetime(2014, 7, 30, 14, tzinfo=datetime.UTC))
    later = MeetingFactory(panel=panel, starts_at=datetime.datetime(2014, 12, 1, 14, tzinfo=datetime.UTC))
    client.force_login(secretariat_user)
    item = open_report.agenda_item
    refused = _record(client, meeting, item, minutes_status="approved")
    assert refused.status_code == 200 and "Choose the meeting at which the minutes were approved" in refused.text
    refused = _record(client, meeting, item, minutes_status="approved", minutes_approved_at=earlier.pk)
    assert refused.status_code == 200
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.DRAFT
    ok = _record(client, meeting, item, minutes_status="approved", minutes_approved_at=later.pk)
    assert ok.status_code == 302
    client.logout()
    assert (
        "Approved as a correct record at the meeting of 1 December 2014." in client.get(meeting.get_absolute_url()).text
    )


def test_only_the_secretariat_records_minutes(client, area, other_area, meeting):
    url = reverse("panels:meeting_record", kwargs={"pk": meeting.pk})
    for role, user in _roles(area, other_area).items():
        expected = 200 if role == "secretariat" else 302 if user is None else 404
        assert _status(client, user, url) == expected, role

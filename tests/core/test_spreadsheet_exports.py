"""No CSV or XLSX the portal writes holds a cell that a spreadsheet would run as a formula."""

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.urls import URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from pcc_portal.core.spreadsheets import FORMULA_STARTS, csv_bytes, safe_cell, xlsx_bytes
from tests.commissioning.factories import GrantFactory
from tests.consultations.factories import AnswerFactory, ConsultationFactory, QuestionFactory, ResponseFactory
from tests.partners.factories import ContactFactory, OrganisationFactory
from tests.transition.factories import ProgrammeFactory, TransferItemFactory
from tests.transparency.factories import ContractFactory, SpendItemFactory, SpendUploadFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',  # fits every field (phone: 40)
    "+44 116 000 0000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


@dataclass
class Hostile:
    consultation: object
    programme: object


@pytest.fixture
def hostile_records(area):
    """One organisation, contact, published grant, consultation answer, payment over £500, published
    contract and transfer register row per hostile text."""
    consultation = ConsultationFactory(force_area=area)
    question = QuestionFactory(consultation=consultation, text="Your comments")
    programme = ProgrammeFactory(force_area=area)
    spending = SpendUploadFactory(force_area=area)
    for n, text in enumerate(HOSTILE):
        organisation = OrganisationFactory(name=text, address=text, areas=[area])
        ContactFactory(organisation=organisation, full_name=f"Contact {n}", job_title=text, phone=text)
        GrantFactory(stream__force_area=area, recipient=organisation, title=text, purpose=text, conditions=text)
        response = ResponseFactory(consultation=consultation, organisation=organisation, submitted=True)
        AnswerFactory(response=response, question=question, text=text)
        SpendItemFactory(upload=spending, supplier=text, description=text, transaction_reference=text[:60])
        ContractFactory(force_area=area, title=text, supplier_name=text, is_published=True)
        TransferItemFactory(programme=programme, title=text)
    return Hostile(consultation=consultation, programme=programme)


def _exports(area, hostile: Hostile):
    """Every CSV and XLSX export: name -> (url, format, needs OPCC staff)."""
    organisations = "partners:organisations_export"
    contacts = "partners:contacts_export"
    consultation, register = hostile.consultation, "transition:register_export"
    return {
        "grants register csv": (reverse("commissioning:register_csv"), "csv", False),
        "organisations csv": (reverse(organisations, kwargs={"code": area.code, "fmt": "csv"}), "csv", True),
        "organisations xlsx": (reverse(organisations, kwargs={"code": area.code, "fmt": "xlsx"}), "xlsx", True),
        "contacts csv": (reverse(contacts, kwargs={"code": area.code, "fmt": "csv"}), "csv", True),
        "contacts xlsx": (reverse(contacts, kwargs={"code": area.code, "fmt": "xlsx"}), "xlsx", True),
        "consultation responses csv": (reverse("consultations:export_csv", args=[consultation.pk]), "csv", True),
        "consultation responses xlsx": (reverse("consultations:export_xlsx", args=[consultation.pk]), "xlsx", True),
        "spending over £500 csv": (reverse("transparency:spend_csv", args=[area.code]), "csv", False),
        "contracts over £10,000 csv": (reverse("transparency:contract_csv", args=[area.code]), "csv", False),
        "transfer register csv": (reverse(register, kwargs={"pk": hostile.programme.pk, "fmt": "csv"}), "csv", True),
        "transfer register xlsx": (reverse(register, kwargs={"pk": hostile.programme.pk, "fmt": "xlsx"}), "xlsx", True),
    }


# The URLs above, by name: a new CSV or XLSX export fails test_every_export_is_checked until it is added.
EXPORT_URL_NAMES = {
    "commissioning:register_csv",
    "partners:organisations_export",
    "partners:contacts_export",
    "consultations:export_csv",
    "consultations:export_xlsx",
    "transparency:spend_csv",
    "transparency:contract_csv",
    "transition:register_export",
}


def _cells(content: bytes, fmt: str) -> list:
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


@pytest.mark.parametrize(
    "export",
    [
        "grants register csv",
        "organisations csv",
        "organisations xlsx",
        "contacts csv",
        "contacts xlsx",
        "consultation responses csv",
        "consultation responses xlsx",
        "spending over £500 csv",
        "contracts over £10,000 csv",
        "transfer register csv",
        "transfer register xlsx",
    ],
)
def test_export_neutralises_every_formula(client, area, staff_user, hostile_records, export):
    url, fmt, needs_staff = _exports(area, hostile_records)[export]
    if needs_staff:
        client.force_login(staff_user)
    response = client.get(url)
    assert response.status_code == 200
    cells = [cell for cell in _cells(response.content, fmt) if isinstance(cell, str)]
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []
    # The hostile text is all there, marked as text, not dropped.
    for text in HOSTILE:
        assert "'" + text in cells, f"{text!r} is missing from {export}"


def _routes(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _routes(pattern, ":".join(n for n in [namespace, pattern.namespace] if n))
        else:
            yield ":".join(n for n in [namespace, pattern.name] if n), str(pattern.pattern)


def test_every_export_is_checked():
    """Every URL that names a CSV or XLSX file, or a format to choose, is one of the exports checked above."""
    exports = {
        name
        for name, route in _routes(get_resolver())
        if any(mark in route for mark in (".csv", ".xlsx", ".<str:fmt>", "export."))
    }
    assert exports - EXPORT_URL_NAMES == set(), "check these exports in test_export_neutralises_every_formula"
    assert EXPORT_URL_NAMES - exports == set(), "these exports are gone: remove them from EXPORT_URL_NAMES"


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert safe_cell(-250) == -250
    assert safe_cell(12.5) == 12.5
    assert safe_cell(None) is None
    assert safe_cell("Melton Community Safety Partnership") == "Melton Community Safety Partnership"
    assert safe_cell("-250") == "'-250"
    workbook = load_workbook(io.BytesIO(xlsx_bytes(["Amount", "Note"], [[-250, "=1+1"]], sheet="Sheet")))
    assert list(workbook["Sheet"].iter_rows(min_row=2, values_only=True)) == [(-250, "'=1+1")]
    assert csv_bytes(["Amount"], [[-250]], excel_bom=False) == b"Amount\r\n-250\r\n"


def _bold_header(sheet) -> None:
    from openpyxl.styles import Alignment, Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["B"].width = 40


AWKWARD_TEXT = [
    " leading and trailing spaces ",
    "Fish & chips <b>not bold</b> \"quoted\" 'apostrophe'",
    "Two lines\r\nand a tab\there",
    "Ünïcödé — £500 😀",
    "",
]


@pytest.mark.parametrize("format_sheet", [None, _bold_header], ids=["plain", "styled"])
def test_xlsx_holds_every_value_as_written(format_sheet):
    rows = [[text, n, None, 2.5] for n, text in enumerate(AWKWARD_TEXT)] + [["Longer row", 1, 2, 3, "fifth"]]
    content = xlsx_bytes(["Text", "Number", "Empty", "Decimal"], rows, sheet="Awkward", format_sheet=format_sheet)
    sheet = load_workbook(io.BytesIO(content))["Awkward"]
    read = list(sheet.iter_rows(values_only=True))
    assert read[0][:4] == ("Text", "Number", "Empty", "Decimal")
    # openpyxl reads an empty text cell back as None, as it does in the files it writes itself.
    assert [row[:4] for row in read[1:-1]] == [(text or None, n, None, 2.5) for n, text in enumerate(AWKWARD_TEXT)]
    assert read[-1] == ("Longer row", 1, 2, 3, "fifth")
    assert sheet.dimensions == "A1:E7"
    if format_sheet is not None:
        assert all(cell.font.bold and cell.alignment.wrap_text for cell in sheet[1])
        assert not sheet["A2"].font.bold
        assert sheet.freeze_panes == "B2"
        assert sheet.column_dimensions["B"].width == 40


def test_xlsx_refuses_text_a_worksheet_cannot_hold():
    with pytest.raises(ValueError):
        xlsx_bytes(["Text"], [["bell \x07"]], sheet="Sheet")


@pytest.mark.parametrize("format_sheet", [None, _bold_header], ids=["plain", "styled"])
def test_xlsx_with_a_date_or_decimal_is_written_by_openpyxl_whole(format_sheet):
    import decimal

    rows = [["Grant", datetime.date(2026, 1, 1), decimal.Decimal("250.50")]]
    content = xlsx_bytes(["Text", "When", "Amount"], rows, sheet="Dates", format_sheet=format_sheet)
    sheet = load_workbook(io.BytesIO(content))["Dates"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [("Grant", datetime.datetime(2026, 1, 1), 250.5)]
    if format_sheet is not None:
        assert sheet["A1"].font.bold and sheet.freeze_panes == "B2"

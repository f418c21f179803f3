"""No CSV or XLSX the portal writes holds a cell that a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pcc_portal.core.spreadsheets import FORMULA_STARTS, csv_bytes, safe_cell, xlsx_bytes
from tests.commissioning.factories import GrantFactory
from tests.consultations.factories import AnswerFactory, ConsultationFactory, QuestionFactory, ResponseFactory
from tests.partners.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',  # fits every field (phone: 40)
    "+44 116 000 0000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]


@pytest.fixture
def hostile_records(area):
    """One organisation, contact, published grant and consultation answer per hostile text."""
    consultation = ConsultationFactory(force_area=area)
    question = QuestionFactory(consultation=consultation, text="Your comments")
    for n, text in enumerate(HOSTILE):
        organisation = OrganisationFactory(name=text, address=text, areas=[area])
        ContactFactory(organisation=organisation, full_name=f"Contact {n}", job_title=text, phone=text)
        GrantFactory(stream__force_area=area, recipient=organisation, title=text, purpose=text, conditions=text)
        response = ResponseFactory(consultation=consultation, organisation=organisation, submitted=True)
        AnswerFactory(response=response, question=question, text=text)
    return consultation


def _exports(area, consultation):
    """Every CSV and XLSX export: name -> (url, format, needs OPCC staff)."""
    organisations = "partners:organisations_export"
    contacts = "partners:contacts_export"
    return {
        "grants register csv": (reverse("commissioning:register_csv"), "csv", False),
        "organisations csv": (reverse(organisations, kwargs={"code": area.code, "fmt": "csv"}), "csv", True),
        "organisations xlsx": (reverse(organisations, kwargs={"code": area.code, "fmt": "xlsx"}), "xlsx", True),
        "contacts csv": (reverse(contacts, kwargs={"code": area.code, "fmt": "csv"}), "csv", True),
        "contacts xlsx": (reverse(contacts, kwargs={"code": area.code, "fmt": "xlsx"}), "xlsx", True),
        "consultation responses csv": (reverse("consultations:export_csv", args=[consultation.pk]), "csv", True),
        "consultation responses xlsx": (reverse("consultations:export_xlsx", args=[consultation.pk]), "xlsx", True),
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


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert safe_cell(-250) == -250
    assert safe_cell(12.5) == 12.5
    assert safe_cell(None) is None
    assert safe_cell("Melton Community Safety Partnership") == "Melton Community Safety Partnership"
    assert safe_cell("-250") == "'-250"
    workbook = load_workbook(io.BytesIO(xlsx_bytes(["Amount", "Note"], [[-250, "=1+1"]], sheet="Sheet")))
    assert list(workbook["Sheet"].iter_rows(min_row=2, values_only=True)) == [(-250, "'=1+1")]
    assert csv_bytes(["Amount"], [[-250]], excel_bom=False) == b"Amount\r\n-250\r\n"

"""Monthly spending over £500: dry run, per-row per-field errors, all or nothing, CSV out with formulas neutralised."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tests.accounts.factories import UserFactory
from transparency.models import SpendItem, SpendUpload

from .factories import SpendItemFactory

pytestmark = pytest.mark.django_db

HEADER = "date,supplier,purpose,expense_type,amount,reference\n"
GOOD = (
    '2026-10-03,Voluntary Action Leicestershire,Victims\' referral service,Commissioned services,"37,500.00",T1\n'
    "2026-10-14,Leicester City Council,CSP grant instalment,Grants,52000,T2\n"
)


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def _url(area):
    return reverse("transparency:spend_upload", kwargs={"code": area.code})


def _post(client, area, content: bytes, *, name="spend.csv", action="import", month="2026-10"):
    upload = SimpleUploadedFile(name, content)
    return client.post(_url(area), {"month": month, "file": upload, "action": action})


def test_good_file_dry_run_saves_nothing_then_import_saves_every_row(client, area, staff_user):
    client.force_login(staff_user)
    response = _post(client, area, (HEADER + GOOD).encode(), action="check")
    assert response.status_code == 200
    assert "Preview: 2 payments for October 2026, £89,500.00 in all" in response.content.decode()
    assert SpendItem.objects.count() == 0
    response = _post(client, area, (HEADER + GOOD).encode())
    assert response.status_code == 302
    upload = SpendUpload.objects.get(force_area=area)
    assert (upload.month, upload.row_count, upload.total) == (datetime.date(2026, 10, 1), 2, Decimal("89500.00"))
    assert upload.uploaded_by == staff_user
    page = client.get(reverse("transparency:spend_list", kwargs={"code": area.code})).content.decode()
    assert "Voluntary Action Leicestershire" in page
    assert "£37,500.00" in page


def test_file_with_one_bad_row_imports_nothing_and_names_the_row_and_field(client, area, staff_user):
    client.force_login(staff_user)
    bad = HEADER + GOOD + "2026-10-20,A stationer,Printing,Supplies,twelve pounds,T3\n"
    response = _post(client, area, bad.encode())
    assert response.status_code == 422
    html = response.content.decode()
    assert "nothing was imported" in html
    assert "Row 4, column <strong>amount</strong>: Enter an amount in pounds" in html
    assert SpendItem.objects.count() == 0
    assert SpendUpload.objects.count() == 0


def test_every_bad_field_of_every_row_is_listed(client, area, staff_user):
    client.force_login(staff_user)
    bad = (
        HEADER + "2026-11-01,,Rent,,400,\n31/10/2026,Acme,Rent,,NaN,\nnot a date,Acme,Rent,,1e99,\n,Acme,,,Infinity,\n"
    )
    response = _post(client, area, bad.encode(), action="check")
    errors = {(e.row, e.column): e.message for e in response.context["plan"].errors}
    assert errors[(2, "date")] == "The date is not in October 2026, the month being uploaded."
    assert errors[(2, "supplier")] == "This field is required."
    assert "over £500" in errors[(2, "amount")]
    assert errors[(3, "amount")] == "Enter an amount in pounds, such as 1,250.00."
    assert (3, "date") not in errors  # DD/MM/YYYY is accepted
    assert errors[(4, "date")] == "Enter a date as YYYY-MM-DD or DD/MM/YYYY."
    assert errors[(4, "amount")] == "Enter an amount in pounds, such as 1,250.00."
    assert errors[(5, "amount")] == "Enter an amount in pounds, such as 1,250.00."
    assert errors[(5, "purpose")] == "This field is required."


def _workbook(*rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Supplier", "Purpose", "Expense type", "Amount", "Reference"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_XLSX_ROW = [datetime.datetime(2026, 10, 5), "Acme Ltd", "Survey fieldwork", "Consultation", 4625.5, "X1"]


def test_xlsx_file_imports(client, area, staff_user):
    client.force_login(staff_user)
    response = _post(client, area, _workbook(GOOD_XLSX_ROW), name="october.xlsx")
    assert response.status_code == 302
    item = SpendItem.objects.get()
    assert (item.paid_on, item.supplier, item.amount) == (datetime.date(2026, 10, 5), "Acme Ltd", Decimal("4625.50"))


def test_xlsx_file_with_one_bad_row_imports_nothing_and_names_the_row_and_field(client, area, staff_user):
    client.force_login(staff_user)
    bad = [datetime.datetime(2026, 10, 9), "A stationer", "Printing", "Supplies", "lots", "X2"]
    response = _post(client, area, _workbook(GOOD_XLSX_ROW, bad), name="october.xlsx")
    assert response.status_code == 422
    assert "Row 3, column <strong>amount</strong>: Enter an amount in pounds" in response.content.decode()
    assert SpendUpload.objects.count() == 0 and SpendItem.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("spend.pdf", b"%PDF-1.4", "Upload a .csv or .xlsx file."),
        ("spend.xlsx", b"date,supplier\n", "The file is named .xlsx but is not an XLSX workbook."),
        ("spend.xlsx", b"PK\x03\x04not really a zip", "The file is not a readable XLSX workbook."),
        ("spend.xlsx", _zip_without_workbook(), "The file is not a readable XLSX workbook."),
        ("spend.csv", b"date,supplier\n2026-10-01,Acme\n", "missing: purpose, amount"),
        ("spend.csv", "date,supplier,purpose,amount\n".encode("utf-16"), "The file is not UTF-8 text"),
        ("spend.csv", HEADER.encode(), "The file has no rows below the header."),
    ],
)
def test_unusable_files_get_a_clear_error_and_save_nothing(client, area, staff_user, name, content, message):
    client.force_login(staff_user)
    response = _post(client, area, content, name=name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert SpendUpload.objects.count() == 0


def test_oversized_file_is_refused(client, area, staff_user):
    client.force_login(staff_user)
    response = _post(client, area, b"x" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 422
    assert "larger than 2 MB" in response.content.decode()


def test_bad_month_is_a_form_error(client, area, staff_user):
    client.force_login(staff_user)
    response = _post(client, area, (HEADER + GOOD).encode(), month="October")
    assert response.status_code == 422
    assert "Enter the month as YYYY-MM" in response.content.decode()


def test_a_new_upload_replaces_the_month(client, area, staff_user):
    client.force_login(staff_user)
    _post(client, area, (HEADER + GOOD).encode())
    _post(client, area, (HEADER + "2026-10-30,Only one,Rent,,600,\n").encode())
    assert list(SpendItem.objects.values_list("supplier", flat=True)) == ["Only one"]
    assert SpendUpload.objects.get().row_count == 1


@pytest.mark.parametrize("role", ["other_area_staff", "partner", "panel_secretariat", "panel_member", "successor"])
def test_only_the_areas_staff_may_upload(client, area, other_area, role):
    user = {
        "other_area_staff": lambda: UserFactory(opcc_staff=True, areas=[other_area]),
        "partner": lambda: UserFactory(partner=True, areas=[area]),
        "panel_secretariat": lambda: UserFactory(panel_secretariat=True, areas=[area]),
        "panel_member": lambda: UserFactory(panel_member=True, areas=[area]),
        "successor": lambda: UserFactory(successor_officer=True, areas=[area]),
    }[role]()
    client.force_login(user)
    assert client.get(_url(area)).status_code == 404
    assert _post(client, area, (HEADER + GOOD).encode()).status_code == 404
    assert SpendItem.objects.count() == 0


def test_anonymous_is_sent_to_sign_in(client, area):
    response = client.get(_url(area))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_administrator_may_upload(client, area, admin_user):
    client.force_login(admin_user)
    assert _post(client, area, (HEADER + GOOD).encode()).status_code == 302


def test_csv_export_neutralises_formulas(client, area):
    SpendItemFactory(upload__force_area=area, supplier='=HYPERLINK("http://evil")', description="@SUM(A1)")
    response = client.get(reverse("transparency:spend_csv", kwargs={"code": area.code}))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in body
    assert "'@SUM(A1)" in body
    assert body.splitlines()[0] == "date,supplier,purpose,expense_type,amount,reference"


def test_spend_page_shows_the_chosen_month(client, area):
    SpendItemFactory(upload__force_area=area, upload__month=datetime.date(2026, 9, 1), supplier="September supplier")
    SpendItemFactory(upload__force_area=area, upload__month=datetime.date(2026, 10, 1), supplier="October supplier")
    url = reverse("transparency:spend_list", kwargs={"code": area.code})
    assert "October supplier" in client.get(url).content.decode()
    september = client.get(url, {"month": "2026-09"}).content.decode()
    assert "September supplier" in september and "October supplier" not in september
    assert "No spending published for August 2026" in client.get(url, {"month": "2026-08"}).content.decode()

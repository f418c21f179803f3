"""Monthly spending over £500 in from CSV or XLSX, and out as CSV.

As partners/transfer.py does for organisations: the whole file is checked
before anything is written, so a file with any bad row imports nothing, and
each error names its row and its column.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from partners.transfer import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, RowError
from pcc_portal.core import spreadsheets
from pcc_portal.core.forms import parse_pounds, pence_to_pounds

SPEND_COLUMNS = ["date", "supplier", "purpose", "expense_type", "amount", "reference"]
REQUIRED_COLUMNS = ["date", "supplier", "purpose", "amount"]
THRESHOLD = Decimal("500")
FIELD_LIMITS = {"supplier": 200, "purpose": 300, "expense_type": 120, "reference": 60}


@dataclass
class SpendRow:
    line: int
    paid_on: datetime.date
    supplier: str
    description: str
    category: str
    amount: Decimal
    transaction_reference: str


@dataclass
class SpendPlan:
    month: datetime.date
    rows: list[SpendRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0"))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”.") from None
    if "\x00" in text:
        raise ValidationError("The file is not a CSV or XLSX spreadsheet.")
    return list(csv.reader(io.StringIO(text)))


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise ValidationError("The file is not a readable XLSX workbook.") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_table(*, data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of a CSV or XLSX file, checking its size and type."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(f"The file is larger than {MAX_IMPORT_BYTES // 1024 // 1024} MB.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise ValidationError("The file is named .xlsx but is not an XLSX workbook.")
        raw = _read_xlsx(data)
    elif name.endswith(".csv"):
        raw = _read_csv(data)
    else:
        raise ValidationError("Upload a .csv or .xlsx file.")
    if not raw:
        raise ValidationError("The file is empty.")
    header = [_cell_text(h).lower().replace(" ", "_") for h in raw[0]]
    rows = [[_cell_text(c) for c in row] for row in raw[1:] if any(_cell_text(c) for c in row)]
    return header, rows


def _parse_date(text: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError("Enter a date as YYYY-MM-DD or DD/MM/YYYY.")


def spend_import_plan(*, data: bytes, filename: str, month: datetime.date) -> SpendPlan:
    """Check a month's spending file; write nothing. Raise ValidationError if the file as a whole is unusable."""
    header, rows = read_table(data=data, filename=filename)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ValidationError(f"The first line must name the columns; missing: {', '.join(missing)}.")
    if not rows:
        raise ValidationError("The file has no rows below the header.")
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError(f"Import at most {MAX_IMPORT_ROWS} rows at a time.")
    plan = SpendPlan(month=month)
    for line, row in enumerate(rows, start=2):
        values = {column: (row[i] if i < len(row) else "") for i, column in enumerate(header) if column}
        errors: list[RowError] = []
        paid_on = None
        try:
            paid_on = _parse_date(values.get("date", ""))
        except ValidationError as exc:
            errors.append(RowError(line, "date", exc.messages[0]))
        else:
            if (paid_on.year, paid_on.month) != (month.year, month.month):
                errors.append(RowError(line, "date", f"The date is not in {month:%B %Y}, the month being uploaded."))
        amount = None
        try:
            amount = pence_to_pounds(parse_pounds(values.get("amount", "")))
        except ValidationError as exc:
            errors.append(RowError(line, "amount", exc.messages[0]))
        else:
            if amount <= THRESHOLD:
                errors.append(RowError(line, "amount", "Only spending over £500 is published: leave this row out."))
        for column in ("supplier", "purpose"):
            if not values.get(column):
                errors.append(RowError(line, column, "This field is required."))
        for column, limit in FIELD_LIMITS.items():
            if len(values.get(column, "")) > limit:
                errors.append(RowError(line, column, f"Shorten this to at most {limit} characters."))
        if errors:
            plan.errors.extend(errors)
            continue
        plan.rows.append(
            SpendRow(
                line=line,
                paid_on=paid_on,
                supplier=values["supplier"],
                description=values["purpose"],
                category=values.get("expense_type", ""),
                amount=amount,
                transaction_reference=values.get("reference", ""),
            )
        )
    return plan


def spend_rows(items: Iterable) -> Iterable[list[str]]:
    for item in items:
        yield [
            item.paid_on.isoformat(),
            item.supplier,
            item.description,
            item.category,
            f"{item.amount:.2f}",
            item.transaction_reference,
        ]


def contract_rows(contracts: Iterable) -> Iterable[list[str]]:
    for c in contracts:
        yield [
            c.reference,
            c.title,
            c.supplier_name,
            f"{c.value:.2f}",
            c.start_date.isoformat(),
            c.end_date.isoformat(),
            c.get_procurement_route_display(),
        ]


CONTRACT_COLUMNS = ["reference", "title", "supplier", "value", "start_date", "end_date", "procurement_route"]


def to_csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """Return CSV with formulas neutralised (a supplier called "=cmd" stays text)."""
    return spreadsheets.csv_bytes(header, rows)

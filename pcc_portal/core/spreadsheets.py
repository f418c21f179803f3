"""Every CSV and XLSX file the portal writes, with no cell a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets treat text that starts with =, +, - or @
(or a tab or line break before one) as a formula, so a partner organisation
named ``=HYPERLINK(...)`` would run in the spreadsheet of whoever opens an
export (CSV or formula injection). Such text gets a leading apostrophe, which
spreadsheets read as "this is text". Numbers are written as numbers, so a
negative amount stays a number.
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """Return text that a spreadsheet would run as a formula with an apostrophe in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def csv_bytes(header: Sequence[str], rows: Iterable[Iterable[Any]], *, excel_bom: bool = True) -> bytes:
    """Return a UTF-8 CSV file; with a byte-order mark by default, so that Excel reads accented names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return (("\ufeff" if excel_bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    *,
    sheet: str,
    format_sheet: Callable | None = None,
) -> bytes:
    """Return an XLSX workbook of one sheet; `format_sheet(worksheet)` may style it once the rows are in."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=format_sheet is None)
    if format_sheet is None:
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    worksheet.append(safe_row(header))
    for row in rows:
        worksheet.append(safe_row(row))
    if format_sheet is not None:
        format_sheet(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Every CSV and XLSX file the portal writes, with no cell a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets treat text that starts with =, +, - or @
(or a tab or line break before one) as a formula, so a partner organisation
named ``=HYPERLINK(...)`` would run in the spreadsheet of whoever opens an
export (CSV or formula injection). Such text gets a leading apostrophe, which
spreadsheets read as "this is text". Numbers are written as numbers, so a
negative amount stays a number.
"""

import csv
import datetime
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
    """Return an XLSX workbook of one sheet; `format_sheet(worksheet)` may style it once the rows are in.

    The file is the one openpyxl writes, part for part: openpyxl writes the workbook's fixed parts (styles, theme,
    workbook, the sheet around its rows) once for each shape of sheet, and the rows are written here as openpyxl
    writes them. Building an openpyxl cell object for every value and its styles, theme and zip parts for every
    download cost more than the query and the rest of the request. `format_sheet` must style by position only
    (it is given a sheet holding just the header row, cells of text). Rows of text, whole and decimal numbers and
    None (an empty cell) are written here; a workbook holding any other value (a date, a Decimal) is written by
    openpyxl cell by cell, as it always was.
    """
    rows = [safe_row(header), *(safe_row(row) for row in rows)]
    try:
        return _xlsx_written(rows, sheet=sheet, format_sheet=format_sheet, header_width=len(header))
    except TypeError:
        return _openpyxl_written(rows, sheet=sheet, format_sheet=format_sheet)


def _openpyxl_written(rows: list[list], *, sheet: str, format_sheet: Callable | None) -> bytes:
    """Return the workbook as openpyxl writes it, a cell object for each value."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=format_sheet is None)
    if format_sheet is None:
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    if format_sheet is not None:
        format_sheet(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_written(rows: list[list], *, sheet: str, format_sheet: Callable | None, header_width: int) -> bytes:
    """Return the workbook with its rows written here (TypeError: a value only openpyxl writes)."""
    width = max(len(row) for row in rows)
    skeleton = _xlsx_skeleton(sheet, format_sheet, header_width, width)
    body = [skeleton.sheet_head.replace(_DIMENSION, f"A1:{_column_letter(width)}{len(rows)}")]
    letters = [_column_letter(column) for column in range(1, width + 1)]
    for number, row in enumerate(rows, start=1):
        styles = skeleton.header_styles if number == 1 else {}
        if styles and len(row) < width:
            row = row + [None] * (width - len(row))  # styling the header gave it a cell in every column
        body.append(f'<row r="{number}">')
        for column, value in enumerate(row):
            style = styles.get(column, "")
            body.append(_xlsx_cell(f"{letters[column]}{number}", style, value))
        body.append("</row>")
    body.append(skeleton.sheet_tail)
    now = datetime.datetime.now(tz=datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, content in skeleton.parts:
            if name == _SHEET_PART:
                content = "".join(body).encode("ascii", "xmlcharrefreplace")  # as openpyxl writes the sheet
            elif name == _CORE_PART:
                content = _TIMESTAMP.sub(now, content)
            archive.writestr(name, content)
    return buffer.getvalue()


_SHEET_PART, _CORE_PART = "xl/worksheets/sheet1.xml", "docProps/core.xml"
_DIMENSION = "\x00dimension\x00"
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# As openpyxl (and lxml below it): text that holds a control character other than tab and line breaks, or a
# character XML cannot hold, cannot go in a worksheet.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


@dataclass(frozen=True, slots=True)
class _Skeleton:
    parts: tuple[tuple[str, str], ...]  # the zip's parts in openpyxl's order, the sheet's and core's as written
    sheet_head: str  # the sheet up to its first row, its dimension (if any) as _DIMENSION
    sheet_tail: str  # the sheet from the end of its rows
    header_styles: dict[int, str]  # the ' s="n"' of each header cell openpyxl gives a style


def _column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx_cell(reference: str, style: str, value: Any) -> str:
    """Return the <c> of a value as openpyxl writes it (text starting with = is no formula: safe_row saw to it)."""
    if value is None:
        return f'<c r="{reference}"{style} t="n"></c>' if style else ""
    kind = type(value)
    if kind is str:
        value = value[:32767]
        if _ILLEGAL.search(value):
            raise ValueError(f"{value} cannot be used in worksheets.")
        if value == "":
            return f'<c r="{reference}"{style} t="inlineStr"></c>'
        if value in _ERROR_CODES:
            return f'<c r="{reference}"{style} t="e"><v>{value}</v></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>'
    if kind is int or kind is float:
        from openpyxl.compat.strings import safe_string

        return f'<c r="{reference}"{style} t="n"><v>{safe_string(value)}</v></c>'
    raise TypeError(f"{kind.__name__} is not written to a spreadsheet here: write it as text or a number")


def _xml_text(text: str) -> str:
    """Return text escaped as lxml escapes an element's text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


@functools.lru_cache(maxsize=64)
def _xlsx_skeleton(sheet: str, format_sheet: Callable | None, header_width: int, width: int) -> _Skeleton:
    """Return the parts openpyxl writes for a sheet of that name, styling and width, with a header row only."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=format_sheet is None)
    if format_sheet is None:
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    worksheet.append(["x"] * header_width + [None] * (width - header_width))
    if format_sheet is not None:
        worksheet.append([None] * width)  # as wide as the widest row
        format_sheet(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = tuple((item.filename, archive.read(item).decode()) for item in archive.infolist())
    written = dict(parts)[_SHEET_PART]
    head, rest = written.split("<sheetData>", 1)
    tail = rest[rest.index("</sheetData>") :]
    head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{_DIMENSION}"/>', head) + "<sheetData>"
    columns = {_column_letter(column): column - 1 for column in range(1, width + 1)}
    header_styles = {
        columns[letter]: f' s="{style}"'
        for letter, style in re.findall(r'<c r="([A-Z]+)1" s="(\d+)"', rest.split("</row>", 1)[0])
    }
    return _Skeleton(parts, head, tail, header_styles)

"""Tables for spreadsheets (CSV and XLSX), safe to open: one way for every export.

- **No formula injection.** A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return would run as a formula in Excel, LibreOffice or Google Sheets (OWASP "CSV
  injection"). In CSV it gets a leading apostrophe; in XLSX every text cell is written with the
  string type, so it is never a formula.
- **Typed cells.** Numbers stay numbers, ``Percent`` values are numbers with a percent format,
  dates and times are dates (in the cohort's time zone, given by the caller); XLSX freezes the
  header row.
- CSV is UTF-8 with a byte order mark, so spreadsheet programs read accents correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Percent:
    """A share from 0 to 100, shown as ``75%``."""

    value: float


Cell = str | int | float | bool | dt.date | dt.datetime | Percent | None


def neutralise(text: str) -> str:
    """``text`` made inert for a spreadsheet: a leading formula character gets an apostrophe."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_value(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{value.value:g}%"
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def _xlsx_cell(sheet: Any, value: Cell, *, bold: bool = False) -> Any:
    if isinstance(value, Percent):
        cell = WriteOnlyCell(sheet, value=value.value / 100)
        cell.number_format = "0%"
    elif isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=dt.datetime.combine(value, dt.time.min))
        cell.number_format = "yyyy-mm-dd"
    elif value is None or isinstance(value, bool | int | float):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.data_type = "s"  # text, never a formula
    if bold:
        cell.font = Font(bold=True)
    return cell


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([_csv_value(h) for h in header])
    writer.writerows([_csv_value(v) for v in row] for row in rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet_title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, h, bold=True) for h in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(
    *,
    filename: str,
    fmt: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    sheet_title: str = "data",
) -> HttpResponse:
    """A download of the table as ``fmt`` (``csv`` or ``xlsx``); ``filename`` without extension."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, sheet_title=sheet_title), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

"""Sheets as bounded grids of plain values, from XLSX (calamine, or openpyxl read-only) or ODS (calamine).

calamine builds a dense grid of the sheet's extent and aborts the whole process when that cannot be allocated
(a 4.8 KB XLSX with one cell at XFD1048576 asks for 512 GB): a sheet XML is handed to calamine only after a
scan of its cell references shows a small extent, no formulas and no cell without a reference; otherwise
openpyxl's read-only parser reads it, row elements only, refusing rows past ``MAX_ROWS`` and columns past
``MAX_COLS``. ODS content is scanned the same way (row and column repeats counted) before calamine sees
it. Formulas are never evaluated: their text is imported as literal text and the cells are listed in a
warning.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import defusedxml.ElementTree as DET
import openpyxl
import python_calamine
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from ..errors import Cancelled
from .messages import SpreadsheetError
from .parts import sheet_paths
from .sniff import Sniffed

MAX_ROWS = 100_000
MAX_COLS = 256
_MAX_CELLS = 5_000_000  # ODS: the dense grid calamine will allocate

Cancel = Callable[[], bool] | None


@dataclass
class Sheet:
    """A sheet's values, row by row (empty cells as ``""``); trailing empty cells and rows may be missing."""

    name: str
    rows: list[list[Any]]
    hidden: bool = False

    def cell(self, row: int, col: int) -> Any:
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


class Book:
    """A workbook's sheets, loaded when first asked for, and the formula cells met (imported as text)."""

    def __init__(self, loader: Callable[[str], Sheet] | None = None, names: list[str] | None = None) -> None:
        self.names: list[str] = list(names or [])
        self.formulas: list[str] = []
        self._loaded: dict[str, Sheet] = {}
        self._loader = loader

    def add(self, sheet: Sheet) -> None:
        self.names.append(sheet.name)
        self._loaded[sheet.name] = sheet

    def sheet(self, name: str) -> Sheet | None:
        if name not in self._loaded:
            if name not in self.names or self._loader is None:
                return None
            self._loaded[name] = self._loader(name)
        return self._loaded[name]

    @property
    def sheets(self) -> list[Sheet]:
        return [sheet for name in self.names if (sheet := self.sheet(name)) is not None]


def load(sniffed: Sniffed, cancel: Cancel = None) -> Book:
    if sniffed.kind == "ods":
        return _load_ods(sniffed.data, cancel)
    return _load_xlsx(sniffed.data, sniffed.fast_parts, cancel)


def _check(cancel: Cancel) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def _trim(row: list[Any]) -> list[Any]:
    end = len(row)
    while end and (row[end - 1] is None or row[end - 1] == ""):
        end -= 1
    return row[:end]


# --- XLSX -----------------------------------------------------------------------------------------------


def _load_xlsx(data: bytes, fast_parts: frozenset[str], cancel: Cancel) -> Book:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        paths = sheet_paths(archive)
    fast = all(p in fast_parts for p in paths.values())
    _check(cancel)
    if fast:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        hidden = {m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Hidden")}

        def read(name: str) -> Sheet:
            _check(cancel)
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            return Sheet(name, [_trim(list(r)) for r in rows], name in hidden)

        return Book(read, list(workbook.sheet_names))
    return _load_xlsx_openpyxl(data, cancel)


def _load_xlsx_openpyxl(data: bytes, cancel: Cancel) -> Book:
    """openpyxl's read-only parser, row elements as they come: no padding of missing rows or columns.

    ``iter_rows(max_col=...)`` pads every row, so a sheet of 100,000 empty rows costs 25 M cells; the parser
    under it (``WorkSheetParser``, what read-only worksheets use) yields only the cells present in the XML.
    """
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    book = Book()
    try:
        for ws in wb.worksheets:
            rows: list[list[Any]] = []
            with ws._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    ws._shared_strings,
                    data_only=False,
                    epoch=wb.epoch,
                    date_formats=wb._date_formats,
                    timedelta_formats=wb._timedelta_formats,
                )
                for index, cells in parser.parse():
                    present = [c for c in cells if c.get("value") is not None]
                    if not present:
                        continue
                    if index > MAX_ROWS:
                        raise SpreadsheetError("too_many_rows", {"sheet": ws.title, "limit": str(MAX_ROWS)})
                    values: list[Any] = []
                    for cell in present:
                        column, value = int(cell["column"]), cell["value"]
                        if column > MAX_COLS:
                            raise SpreadsheetError(
                                "too_many_columns", {"sheet": ws.title, "limit": str(MAX_COLS)}
                            )
                        if cell.get("data_type") == "f":
                            value = str(value)
                            book.formulas.append(f"{ws.title}!{get_column_letter(column)}{index}: {value}")
                        values.extend([""] * (column - 1 - len(values)))
                        if len(values) >= column:
                            values[column - 1] = value
                        else:
                            values.append(value)
                    rows.extend([] for _ in range(index - 1 - len(rows)))
                    if len(rows) >= index:
                        rows[index - 1] = values
                    else:
                        rows.append(values)
                    if index % 1000 == 0:
                        _check(cancel)
            book.add(Sheet(ws.title, rows, ws.sheet_state != "visible"))
    finally:
        wb.close()
    return book


# --- ODS ------------------------------------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


@dataclass
class _OdsScan:
    formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)


def _scan_ods(content: bytes, cancel: Cancel) -> _OdsScan:
    """Walk content.xml once: refuse oversized extents before calamine allocates them; collect formulas."""
    scan = _OdsScan()
    sheet, row, col, row_repeat = "", 0, 0, 1
    extent = (0, 0)
    for event, elem in DET.iterparse(io.BytesIO(content), events=("start", "end")):
        tag = elem.tag
        if event == "start":
            if tag == f"{_T}table":
                sheet, row, extent = elem.get(f"{_T}name", ""), 0, (0, 0)
                scan.formulas[sheet] = {}
            elif tag == f"{_T}table-row":
                col, row_repeat = 0, int(elem.get(f"{_T}number-rows-repeated", "1"))
            continue
        if tag in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            repeat = int(elem.get(f"{_T}number-columns-repeated", "1"))
            has_value = len(elem) > 0 or any(k.endswith("}value-type") for k in elem.attrib)
            if has_value:
                if row + row_repeat > MAX_ROWS:
                    raise SpreadsheetError("too_many_rows", {"sheet": sheet, "limit": str(MAX_ROWS)})
                if col + repeat > MAX_COLS:
                    raise SpreadsheetError("too_many_columns", {"sheet": sheet, "limit": str(MAX_COLS)})
                extent = (max(extent[0], row + row_repeat), max(extent[1], col + repeat))
                if extent[0] * extent[1] > _MAX_CELLS:
                    raise SpreadsheetError(
                        "too_many_rows", {"sheet": sheet, "limit": str(_MAX_CELLS // extent[1])}
                    )
                formula = elem.get(f"{_T}formula")
                if formula:
                    scan.formulas[sheet][(row, col)] = formula
            col += repeat
            elem.clear()
        elif tag == f"{_T}table-row":
            row += row_repeat
            elem.clear()
            if row % 1000 == 0:
                _check(cancel)
    return scan


def _load_ods(data: bytes, cancel: Cancel) -> Book:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        scan = _scan_ods(archive.read("content.xml"), cancel)
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    hidden = {m.name for m in workbook.sheets_metadata if str(m.visible).endswith("Hidden")}
    book = Book()
    for name in workbook.sheet_names:
        rows = [list(r) for r in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        for (r, c), formula in scan.formulas.get(name, {}).items():
            while len(rows) <= r:
                rows.append([])
            while len(rows[r]) <= c:
                rows[r].append("")
            rows[r][c] = formula
            book.formulas.append(f"{name}!{get_column_letter(c + 1)}{r + 1}: {formula}")
        book.add(Sheet(name, [_trim(r) for r in rows], name in hidden))
        _check(cancel)
    return book

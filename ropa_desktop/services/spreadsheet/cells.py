"""Safe cells for the workbooks we write: text stays text, control characters and length handled."""

from __future__ import annotations

import re
from copy import copy
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .messages import Notice

MAX_TEXT = 32_767
# Not allowed in XML 1.0 either, and a lone surrogate cannot even be encoded to UTF-8.
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Either of them, as one character class: every text cell is searched once, not twice.
_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{NOT_XML.pattern[1:-1]}]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


LINE_HEIGHT = 15.0  # points, for the default 11 pt font
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def row_height(values: list[object], widths: list[float]) -> float | None:
    """An explicit height for a row whose wrapped text needs several lines (LibreOffice does not fit them)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and (len(value) > width or "\n" in value):
            per_line = max(int(width * 1.1), 1)
            lines = max(lines, sum(len(part) // per_line + 1 for part in value.split("\n")))
    return min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) if lines > 1 else None


def page_setup(ws: Any, *, landscape: bool, pages_wide: int = 1, title_rows: str = "") -> None:
    """Print on A4 in the orientation given, ``pages_wide`` pages across, as many pages down as needed.

    Never squeezed to one unreadable page width; the header rows repeat on each page.
    """
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.2, footer=0.2)
    ws.print_options.gridLines = True
    if title_rows:
        ws.print_title_rows = title_rows


def pages_across(widths: list[float], landscape: bool = True) -> int:
    """How many A4 pages across keep text readable (about 70 % scale at most, so more rows fit each page)."""
    # About 195 column-width units fill an A4 landscape width at 100 % (LibreOffice's PDF, measured).
    per_page = 270.0 if landscape else 185.0
    return max(1, -(-int(sum(widths)) // int(per_page)))


class CellFactory:
    """Builds cells with shared styles; every string is written as a string (``t="inlineStr"``)."""

    def __init__(self, wb: Workbook, warnings: list[Notice]) -> None:
        self.warnings = warnings
        ws = wb.create_sheet("__styles__")  # a scratch sheet to register the styles, removed below
        wrap = Alignment(wrap_text=True, vertical="top")
        self._text = self._style(ws, alignment=wrap)
        self._quoted = self._style(ws, alignment=wrap, quotePrefix=True)
        self._date = self._style(ws, alignment=wrap, number_format="yyyy-mm-dd")
        self._header = self._style(
            ws,
            alignment=Alignment(wrap_text=True, vertical="center"),
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="DDE4EE"),
        )
        self._title = self._style(ws, font=Font(bold=True, size=14))
        self._label = self._style(ws, alignment=wrap, font=Font(bold=True))
        wb.remove(ws)

    @classmethod
    def sharing(cls, other: CellFactory, warnings: list[Notice]) -> CellFactory:
        """A factory with ``other``'s styles (already in its workbook) and its own list of warnings."""
        made = cls.__new__(cls)
        made.__dict__.update(other.__dict__)
        made.warnings = warnings
        return made

    @property
    def text_style(self) -> Any:
        return self._text

    @property
    def quoted_style(self) -> Any:
        return self._quoted

    @property
    def date_style(self) -> Any:
        return self._date

    @staticmethod
    def _style(ws: Any, **attrs: Any) -> Any:
        cell = Cell(ws, row=1, column=1)
        for name, value in attrs.items():
            setattr(cell, name, value)
        return cell._style

    def clean(self, text: str, where: str, detail: str = "") -> str:
        bad = _BAD.search(text)
        if detail and (len(text) > MAX_TEXT or bad):
            where = f"{where}, {detail}"
        if bad:
            text = NOT_XML.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("\ufffd", text))
            self.warnings.append(Notice("control_characters", {"where": where}))
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
            self.warnings.append(Notice("text_too_long", {"limit": str(MAX_TEXT), "where": where}))
        return text

    def cell(self, ws: Any, value: Any, where: str = "", style: str = "") -> Any:
        """A cell for ``value``: None stays empty, text never becomes a formula."""
        if value is None or value == "":
            return None
        cell = Cell(ws, row=1, column=1)
        if isinstance(value, str):
            text = self.clean(value, where)
            cell._value = text
            cell.data_type = "s"
            base = self._quoted if text.startswith(FORMULA_TRIGGERS) else self._text
        elif isinstance(value, (date, datetime)):
            cell.value = value
            base = self._date
        else:
            cell.value = value
            base = self._text
        if style:
            base = {"header": self._header, "title": self._title, "label": self._label}[style]
        cell._style = copy(base)
        if style and isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
        return cell

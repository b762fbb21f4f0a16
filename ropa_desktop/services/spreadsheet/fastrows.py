"""Rows of the big Register sheet serialised straight to sheet XML, then spliced into openpyxl's workbook.

openpyxl's write-only mode spends ~20 µs per cell in its pure-Python XML writer (10,000 activities took 6 s);
the sheet's frame (columns, freeze, filter, validations, print setup, styles) is still written by openpyxl,
only the ``<row>`` elements are produced here. Every string is an inline string (``t="inlineStr"``): no
``<f>``. The metadata sheet's rows are written so too, the last one (``splice``) digesting every other part as
written, which a re-import of the untouched file checks against the zip's central directory (``parts``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from .cells import _BAD, FORMULA_TRIGGERS, LINE_HEIGHT, MAX_ROW_HEIGHT, MAX_TEXT, CellFactory
from .layout import META_SHEET, PARTS
from .parts import parts_digest
from .zipped import Piece, write_zip

_EPOCH = date(1899, 12, 30)
# A character to clean (``_BAD``) or to escape: one search of a row's texts, joined.
_ODD = re.compile(f"{_BAD.pattern[:-1]}&<>\r]")
_MAX_LINES = int(MAX_ROW_HEIGHT // LINE_HEIGHT) + 1  # a row this tall is already at Excel's highest
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"\s*/>')


def _text(text: str) -> str:
    # An XML parser turns a raw CR into LF: keep it as a character reference.
    return escape(text).replace("\r", "&#13;") if "\r" in text else escape(text)


class FastRows:
    """Collects rows (from ``first_row`` on) as XML text, with the CellFactory's cleaning and styles."""

    def __init__(self, wb: Workbook, cells: CellFactory, columns: int, first_row: int = 2) -> None:
        self.cells = cells
        styles = wb._cell_styles
        self.s_text = styles.add(cells.text_style)
        self.s_quoted = styles.add(cells.quoted_style)
        self.s_date = styles.add(cells.date_style)
        self.letters = [get_column_letter(i) for i in range(1, columns + 1)]
        self.parts: list[str] = []
        self.encoded: list[Piece] = []  # rows after ``parts``, already UTF-8 and deflated (``halves``' chunks)
        self._widths: list[float] = []
        self._per_line: list[int] = []
        self.row = first_row - 1

    def add(self, values: list[Any], where: str, headers: list[str], widths: list[float]) -> None:
        """One row; its height as ``row_height`` gives it, its text as ``CellFactory.clean`` leaves it."""
        self.row += 1
        r = str(self.row)
        if widths is not self._widths:  # characters per wrapped line, per column: once per sheet, not per cell
            self._widths = widths
            self._per_line = [max(int(width * 1.1), 1) for width in widths]
        s_text = self.s_text
        # The row's text is searched once for what would make a cell differ from the plain case (rare): a text to
        # clean, to escape, with whitespace at an end, or starting like a formula. Only then is each cell looked at.
        texts = [v for v in values if isinstance(v, str)]
        joined = "\n".join(texts)
        plain = (_ODD.search(joined) is None and len(joined) <= MAX_TEXT and list(map(str.strip, texts)) == texts
                 and not any(map(str.startswith, texts, repeat(FORMULA_TRIGGERS))))
        lines = 1
        out: list[str] = []
        for letter, value, header, width, per_line in zip(
            self.letters, values, headers, widths, self._per_line, strict=False
        ):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                if len(value) > width or "\n" in value:
                    breaks = value.count("\n")
                    # an upper bound first: most cells cannot beat the row's tallest cell so far
                    if lines < _MAX_LINES and (len(value) - breaks) // per_line + breaks + 1 > lines:
                        lines = max(lines, sum(len(part) // per_line + 1 for part in value.split("\n")))
                if plain:
                    out.append(f'<c r="{letter}{r}" s="{s_text}" t="inlineStr"><is><t>{value}</t></is></c>')
                else:
                    out.append(self._odd(value, f"{letter}{r}", where, header))
            elif isinstance(value, (date, datetime)):
                day = value.date() if isinstance(value, datetime) else value
                out.append(f'<c r="{letter}{r}" s="{self.s_date}"><v>{(day - _EPOCH).days}</v></c>')
            elif isinstance(value, bool):
                out.append(f'<c r="{letter}{r}" s="{s_text}" t="b"><v>{int(value)}</v></c>')
            else:
                out.append(f'<c r="{letter}{r}" s="{s_text}"><v>{value}</v></c>')
        height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) if lines > 1 else None
        head = f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">'
        self.parts.append(head + "".join(out) + "</row>")

    def _odd(self, value: str, ref: str, where: str, header: str) -> str:
        """A text cell of a row that holds something to clean, escape, keep or quote: each case decided here."""
        text = self.cells.clean(value, where, header)
        style = self.s_quoted if text.startswith(FORMULA_TRIGGERS) else self.s_text
        # like openpyxl: xml:space only where leading or trailing whitespace must survive
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        if "&" in text or "<" in text or ">" in text or "\r" in text:
            text = _text(text)
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>'

    def insert_into(self, xml: bytes) -> list[Piece]:
        """The sheet part openpyxl wrote (``xml``) with these rows, as pieces: the rows' own deflated if done."""
        head, sep, tail = xml.partition(b"</sheetData>")
        if not sep:  # a sheet without a head row (the metadata sheet): openpyxl wrote an empty one
            head, sep, tail = xml.partition(b"<sheetData/>")
            if not sep:
                raise ValueError("sheetData not found")
            head, sep = head + b"<sheetData>", b"</sheetData>"
        dimension = f'<dimension ref="A1:{self.letters[-1]}{max(self.row, 1)}"/>'.encode()
        head = _DIMENSION.sub(dimension, head, count=1)
        own = "".join(self.parts).encode("utf-8")
        return [(head + own, None), *self.encoded, (sep + tail, None)]


@dataclass(frozen=True, slots=True)
class Meta:
    """The metadata sheet (its part is named when the workbook is saved), its rows, and their text."""

    sheet: Any
    rows: FastRows
    texts: list[tuple[str, str]]


def splice(workbook: bytes, sheets: dict[str, FastRows], meta: Meta | None = None) -> bytes:
    """The workbook with each FastRows inserted into its sheet part (openpyxl wrote its head rows).

    ``meta``: the metadata sheet's rows, to which the digest of every other part as written is added last.
    """
    with zipfile.ZipFile(io.BytesIO(workbook)) as src:
        infos = src.infolist()
        parts: dict[str, list[Piece]] = {}
        for info in infos:
            data = src.read(info)
            rows = sheets.get(info.filename)
            parts[info.filename] = rows.insert_into(data) if rows is not None else [(data, None)]
        if meta is not None:
            part = meta.sheet.path.lstrip("/")
            crcs = [(name, _crc(pieces), sum(len(raw) for raw, _ in pieces))
                    for name, pieces in parts.items() if name != part]
            meta.rows.add([PARTS, parts_digest(crcs, meta.texts)], META_SHEET, ["", ""], [1e9, 1e9])
            (data, _), = parts[part]
            parts[part] = meta.rows.insert_into(data)
    return write_zip([(info, parts.pop(info.filename)) for info in infos])


def _crc(pieces: list[Piece]) -> int:
    crc = 0
    for raw, _ in pieces:
        crc = zlib.crc32(raw, crc)
    return crc

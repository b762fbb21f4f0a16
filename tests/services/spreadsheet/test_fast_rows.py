"""The big sheets written straight as XML read back as openpyxl's own cells would: values, styles, heights."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook

from ropa_desktop.services.spreadsheet import export_xlsx, flat, read_spreadsheet, row_digest
from ropa_desktop.services.spreadsheet.cells import CellFactory, row_height
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import INJECTIONS, tricky_register
from tests.services.spreadsheet.office import soffice

# Texts whose writing differs from the plain case: escaped, whitespace kept, quoted, cleaned, tall.
ODD_TEXTS = [
    "  leading and trailing  ", "a & b < c > d", "line\r\nbreak", "bell\x07 and \ud800 lone", "tab\tinside",
    "\n".join(["many lines"] * 40), "x" * 400, *INJECTIONS,
]


def _register() -> Any:
    register = tricky_register()
    extra = synthetic_register(len(ODD_TEXTS), seed=5)
    org = register.organizations[0]
    for activity, text in zip(extra.organizations[0].activities, ODD_TEXTS, strict=True):
        activity.name = text
        activity.description = text
        activity.created = date(2024, 2, 29)
        org.activities.append(activity)
    return register


def _reference(register: Any, lang: str, path: Path) -> None:
    """The Register sheet as openpyxl writes it from the same rows and cells (what the export wrote before)."""
    wb = Workbook(write_only=True)
    cells = CellFactory(wb, [])
    ws = wb.create_sheet("Register")
    columns = (*flat.ACTIVITY_COLUMNS, row_digest.COLUMN)  # the row's cell digests last (a re-import's merge)
    ws.append([cells.cell(ws, c.header(lang), style="header") for c in columns])
    widths = [float(c.width) if c.key not in ("sources", "_digest") else 1e9 for c in columns]
    n = 1
    for org in register.organizations:
        names, counts = flat.recipient_names(org)
        for activity in org.activities:
            n += 1
            values = flat.activity_row(activity, org, lang, names, counts)
            values.append(row_digest.of_row(values))
            height = row_height(values, widths)
            if height:
                ws.row_dimensions[n].height = height
            ws.append([cells.cell(ws, v) for v in values])
    wb.save(path)


def _newlines(value: Any) -> Any:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _cells(ws: Any) -> list[list[tuple[Any, ...]]]:
    # openpyxl's own writer loses a carriage return (XML reads it as a line feed); the fast rows keep it.
    return [[(_newlines(c.value), c.font.b, c.alignment.wrap_text, c.alignment.vertical, c.number_format, c.quotePrefix)
             for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_register_sheet_reads_back_as_openpyxl_cells(tmp_path: Path, lang: str) -> None:
    register = _register()
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    report = export_xlsx(register, fast, lang=lang)
    _reference(register, lang, slow)
    got = openpyxl.load_workbook(fast)
    ws = got["Registre" if lang == "fr" else "Register"]
    want = openpyxl.load_workbook(slow)["Register"]
    assert _cells(ws) == _cells(want)
    assert "line\r\nbreak" in [c.value for row in ws.iter_rows() for c in row]
    # and through our own reader (calamine): escaped text, kept whitespace and carriage returns come back
    names = {a.name for o in read_spreadsheet(fast).register.organizations for a in o.activities}
    assert {"  leading and trailing  ", "a & b < c > d", "line\r\nbreak", *INJECTIONS} <= names
    heights = {r: d.height for r, d in ws.row_dimensions.items() if r > 1 and d.height}
    assert heights == {r: d.height for r, d in want.row_dimensions.items() if r > 1 and d.height}
    assert max(heights.values()) == 409  # the 40-line cell: Excel's highest row
    assert {w.code for w in report.warnings} >= {"control_characters"}
    # The frame openpyxl still writes around the rows: dropdowns, frozen panes, filter, print setup.
    assert sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation) == [
        f"{c}2:{c}{ws.max_row}" for c in sorted(
            openpyxl.utils.get_column_letter(i) for i, col in enumerate(flat.ACTIVITY_COLUMNS, 1)
            if col.key in ("status", "role"))]
    assert ws.freeze_panes == "F2" and ws.auto_filter.ref.endswith(str(ws.max_row))
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"


@soffice
@pytest.mark.slow
def test_libreoffice_reads_the_fast_rows_as_written(tmp_path: Path) -> None:
    register = _register()
    path = tmp_path / "fast.xlsx"
    export_xlsx(register, path, lang="en")
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=180)
    ours = openpyxl.load_workbook(path)
    theirs = openpyxl.load_workbook(out / "fast.xlsx")
    for title in ("Register", "Source excerpts", "2_-_List_of_processing"):
        # LibreOffice writes a carriage return as a line feed, and an empty text as no cell
        mine = [[_newlines(c.value) for c in row] for row in ours[title].iter_rows()]
        lo = [[_newlines(c.value) if c.value != "" else None for c in row] for row in theirs[title].iter_rows()]
        width = max(len(r) for r in mine)
        assert [r + [None] * (width - len(r)) for r in lo[: len(mine)]] == [
            r + [None] * (width - len(r)) for r in mine], title
    assert theirs["Register"].data_validations.dataValidation  # the dropdowns survive LibreOffice

"""Import: ``read_spreadsheet(path, *, mapping=None, progress=None, cancel=None) -> ImportResult``.

Decides what the file is by its bytes, checks its declared sizes, reads bounded grids, then recognises our own
export (its Register sheet is authoritative; without it, its CNIL-layout part), the CNIL template filled by a
user, or a plain table with a header row (unknown headers come back in ``unmapped_headers``; call again with
``mapping={header: column_key or ""}``, keys from ``column_choices(lang)``). Every failure is one
``SpreadsheetError(code, params)``; nothing else escapes (``Cancelled`` aside). Nothing is written anywhere.

Then: ``changes = compute_changes(current, result.register, [w.message(lang) for w in result.warnings],
fields=result.fields)``; ``fields`` keeps a CNIL template or a plain table from proposing to clear what it
does not carry.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
import python_calamine
from defusedxml import DefusedXmlException

from ...domain.model import Organization, Register
from .. import lineformat as lf
from ..errors import Cancelled
from ..os_reason import OsReason
from . import cnil_import, cnil_processor, flat, flat_import, roundtrip, tables
from .fingerprint import fingerprint
from .grid import Sheet, load
from .layout import DIGEST_PROCESSOR, DIGEST_SOURCES, FORMAT, META_SHEET
from .messages import Notice, SpreadsheetError
from .results import ImportResult
from .sniff import sniff
from .unchanged import Opened

# Entity bombs and XXE are only refused while openpyxl parses through defusedxml; a plain check, not an
# assert, so that it also holds under ``python -O`` and in a frozen build.
if not openpyxl.DEFUSEDXML:  # pragma: no cover - the dependency is declared
    raise ImportError("defusedxml must be installed: openpyxl would parse untrusted XML unprotected")

Progress = Callable[[int, int], None]
MAX_FORMULA_CELLS_LISTED = 5


def _exported_at(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None  # an older workbook, or a hand-edited metadata sheet: no export time to go by
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@contextlib.contextmanager
def parser_errors(path: Path) -> Iterator[None]:
    """THE mapping of every parser failure to one SpreadsheetError."""
    name = {"name": Path(path).name}
    try:
        yield
    except (SpreadsheetError, Cancelled):
        raise
    except DefusedXmlException:
        raise SpreadsheetError("unsafe_xml", name) from None
    except python_calamine.PasswordError:
        raise SpreadsheetError("encrypted", name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise SpreadsheetError("corrupt", {**name, "reason": _reason(exc)}) from None
    except MemoryError:
        raise SpreadsheetError("too_large", {**name, "size": "?", "limit": "?"}) from None
    except OSError as exc:
        reason = OsReason(exc) if exc.strerror else _reason(exc)
        raise SpreadsheetError("unreadable", {**name, "reason": reason}) from None
    except (
        KeyError,
        ParseError,
        ValueError,
        RuntimeError,
        TypeError,
        IndexError,
        AttributeError,
        OverflowError,
        RecursionError,
        python_calamine.CalamineError,
        Exception,
    ) as exc:
        raise SpreadsheetError("corrupt", {**name, "reason": _reason(exc)}) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def read_spreadsheet(
    path: Path,
    *,
    mapping: dict[str, Any] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    defer: bool = False,
    opened: Opened | None = None,
) -> ImportResult:
    """Read an XLSX or ODS file into a Register; SpreadsheetError says why not.

    ``defer``: our Register rows left as exported are not parsed (``ImportResult.deferred``). ``opened``: the
    workbook as ``unchanged.open_book`` opened it (its sheets already read are not read again).
    """
    with parser_errors(path):

        def step(done: int, total: int) -> None:
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress(done, total)

        if opened is None:
            sniffed = sniff(Path(path))
            opened = Opened(path, sniffed.kind, load(sniffed, cancel))
        book = opened.book
        problems = lf.Problems()
        result = ImportResult(Register(), file_format=opened.kind)
        sheet_map = tables.normalise_mapping(mapping)
        info = flat_import.meta(book)
        register_sheet = flat_import.find_register(book, info, FORMAT) if sheet_map is None else None
        read: set[str] = set()
        if register_sheet is not None:
            result.kind = "ropa"
            result.exported_at = _exported_at(info.get("exported_at", ""))
            result.lang = info.get("lang", "fr")
            result.register = flat_import.read_tables(
                book, register_sheet, info, problems, result.unmapped_headers, step, result.provenance,
                result.row_digests, result.deferred if defer else None, result.recipient_rows,
            )
            read |= {register_sheet.name, META_SHEET}
            read |= {s.name for key in ("organizations", "recipients", "lists", "clients", "processing")
                     if (s := flat_import.find_sheet(book, key, info)) is not None}
            copy = flat_import.find_sheet(book, "sources", info) if info.get(DIGEST_SOURCES) else None
            if copy is not None:  # our printable copy: named when edited (its edits are not read)
                read.add(copy.name)
                if fingerprint(copy.rows) != info[DIGEST_SOURCES]:
                    problems.add("sources_sheet_edited", sheet=copy.name)
            read |= roundtrip.alternatives(book, result)
            # The processor's record in the CNIL layout is a view of the processor sheets, read from those.
            for key, name in info.items():
                if key.startswith("sheet.cnil_processor.") and (sheet := book.sheet(name)) is not None:
                    read.add(name)
                    _processor_copy_edits(sheet, key.removeprefix("sheet.cnil_processor."), info, result)
        elif sheet_map is None and any(cnil_import.is_fiche(s) or cnil_import.is_list(s) for s in book.sheets):
            result.kind = "cnil"
            result.register, result.fields = cnil_import.read_cnil(book, problems, result.provenance)
            read |= {s.name for s in book.sheets if cnil_import.is_fiche(s) or cnil_import.is_list(s)}
            read |= {s.name for s in book.sheets if cnil_import.is_template_part(s)}
        else:
            result.kind = "table"
            carried: set[str] = set()
            found = tables.read_plain(book, sheet_map, problems, carried)
            if found is None:
                names = [s.name for s in book.sheets if not s.hidden] or book.names
                shown = ", ".join(names[:6]) + ("…" if len(names) > 6 else "")
                raise SpreadsheetError("no_register", {"name": Path(path).name, "sheets": shown})
            result.register, table_read = found
            result.fields = frozenset(carried)
            result.guessed_map = table_read.guessed
            read |= set(table_read.read)
            for t in table_read.tables:
                read.add(t.sheet.name)
                for i in t.unmapped():
                    count = sum(1 for _, row in t.rows() if i < len(row) and flat.cell_text(row[i]).strip())
                    result.unmapped_headers.append(t.headers[i])
                    problems.add("unmapped_column", column=t.headers[i], sheet=t.sheet.name, count=str(count))
            read -= set(table_read.ignored)
        for name in book.names:
            sheet = book.sheet(name)
            if name in read or sheet is None:
                continue
            count = sum(1 for row in sheet.rows for v in row if flat.cell_text(v).strip())
            if count:
                result.ignored_sheets.append(name)
                problems.add("sheet_ignored", sheet=name, count=str(count))
        if register_sheet is not None and result.unmapped_headers:
            header_row = [flat.cell_text(v).strip() for v in register_sheet.rows[0]]
            for header in result.unmapped_headers:
                i = header_row.index(header) if header in header_row else -1
                count = sum(
                    1 for row in register_sheet.rows[1:] if 0 <= i < len(row) and flat.cell_text(row[i]).strip()
                )
                problems.add("unmapped_column", column=header, sheet=register_sheet.name, count=str(count))
        result.warnings = [Notice(code, params) for code, params in problems.items] + result.warnings
        if book.formulas:
            listed = ", ".join(_shorten(cell) for cell in book.formulas[:MAX_FORMULA_CELLS_LISTED])
            more = len(book.formulas) - MAX_FORMULA_CELLS_LISTED
            result.warnings.insert(
                0, Notice("formulas", {"cells": listed + (f" (+{more})" if more > 0 else "")})
            )
        if progress is not None:
            progress(1, 1)
        return result


def _processor_copy_edits(sheet: Sheet, org_id: str, info: dict[str, str], result: ImportResult) -> None:
    """Our printable copy of the processor's record is not read: its edited cells are named as not imported."""
    digest = info.get(f"{DIGEST_PROCESSOR}{org_id}")
    if digest and fingerprint(sheet.rows) == digest:
        return  # the copy as it was written (its values may be stale where a processor sheet was edited)
    org = next((o for o in result.register.organizations if o.id == org_id), None)
    edited = cnil_processor.edited_cells(sheet, org or Organization(), info.get("lang", "fr")) if org else []
    if edited:
        result.warnings.append(Notice("processor_copy_not_imported", {
            "where": ", ".join(c for c, _ in edited)[:300], "value": " | ".join(v for _, v in edited)[:200],
            "clients": info.get("sheet.clients", ""), "processing": info.get("sheet.processing", "")}))


def _shorten(cell: str, limit: int = 24) -> str:
    # "Sheet!K2: =HYPERLINK(...)": the cell is what the user needs; a long formula would drown the message.
    ref, _, formula = cell.partition(": ")
    return f"{ref}: {formula if len(formula) <= limit else formula[: limit - 1] + '…'}"


def map_in_use(path: Path) -> tuple[str, dict[str, dict[str, str]]]:
    """What ``--print-map`` shows: our Register sheet's columns, none (CNIL layout), or a table's guess.

    ("ropa", the Register sheet's columns as read), ("cnil", {}: the CNIL layout is read by its labels, it has
    no column map), or ("table", the guessed mapping of a plain table).
    """
    with parser_errors(path):
        book = load(sniff(Path(path)))
        info = flat_import.meta(book)
        register_sheet = flat_import.find_register(book, info, FORMAT)
        if register_sheet is not None:
            index = flat.header_index(flat.ACTIVITY_COLUMNS)
            used: list[str] = []
            columns = flat_import.header_map(register_sheet, index, None, used)
            header = [flat.cell_text(v).strip() for v in register_sheet.rows[0]]
            found = {header[i]: key for i, key in columns.items() if not key.startswith("_")}
            return "ropa", {register_sheet.name: {**found, **{h: "" for h in used}}}
        if any(cnil_import.is_fiche(s) or cnil_import.is_list(s) for s in book.sheets):
            return "cnil", {}
    return "table", guess_map(path)


def guess_map(path: Path) -> dict[str, dict[str, str]]:
    """``{sheet: {header: field or ""}}`` for every sheet with a header row: what ``--print-map`` shows."""
    with parser_errors(path):
        book = load(sniff(Path(path)))
        found = [t for s in book.sheets if (t := tables.read_table(s, None)) is not None]
        linked = []
        for t in found:
            kind = tables._child_kind(t.sheet.name)
            child = tables.read_table(t.sheet, None, kind) if kind else None
            if child is not None and tables.JOIN in child.columns.values():
                linked.append(child)
            else:
                linked.append(t)
        return tables.guessed_mapping(linked)

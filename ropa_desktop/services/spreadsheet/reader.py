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
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import openpyxl
import python_calamine
from defusedxml import DefusedXmlException

from ...domain.model import Register
from .. import lineformat as lf
from ..errors import Cancelled
from . import cnil_import, flat_import
from .grid import load
from .layout import FORMAT
from .messages import Notice, SpreadsheetError
from .sniff import sniff

# Entity bombs and XXE are only refused while openpyxl parses through defusedxml; a plain check, not an
# assert, so that it also holds under ``python -O`` and in a frozen build.
if not openpyxl.DEFUSEDXML:  # pragma: no cover - the dependency is declared
    raise ImportError("defusedxml must be installed: openpyxl would parse untrusted XML unprotected")

Progress = Callable[[int, int], None]
MAX_FORMULA_CELLS_LISTED = 5


@dataclass
class ImportResult:
    """What was read: a Register (saved nowhere), warnings, headers left to map, what the file was."""

    register: Register
    warnings: list[Notice] = field(default_factory=list)
    unmapped_headers: list[str] = field(default_factory=list)
    kind: str = ""  # "ropa" (our export), "cnil" (CNIL template or our CNIL part), "table" (plain table)
    # Field paths the file carries, for compute_changes(..., fields=...); None: all of them (our Register).
    fields: frozenset[str] | None = None
    file_format: str = ""  # "xlsx" or "ods"


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
        raise SpreadsheetError("unreadable", {**name, "reason": exc.strerror or _reason(exc)}) from None
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
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Read an XLSX or ODS file into a Register; SpreadsheetError says why not."""
    with parser_errors(path):

        def step(done: int, total: int) -> None:
            if cancel is not None and cancel():
                raise Cancelled()
            if progress is not None:
                progress(done, total)

        sniffed = sniff(Path(path))
        book = load(sniffed, cancel)
        problems = lf.Problems()
        unmapped: list[str] = []
        info = flat_import.meta(book)
        register_sheet = flat_import.find_register(book, info, FORMAT)
        fields: frozenset[str] | None = None
        carried: set[str] = set()
        if register_sheet is not None:
            kind = "ropa"
            register = flat_import.read_tables(
                book, register_sheet, info, mapping, problems, unmapped, step, plain=False
            )
        elif any(cnil_import.is_fiche(s) or cnil_import.is_list(s) for s in book.sheets):
            kind = "cnil"
            register, fields = cnil_import.read_cnil(book, problems)
        else:
            kind = "table"
            candidates = [s for s in book.sheets if not s.hidden] or book.sheets
            best = max(candidates, key=lambda s: flat_import.looks_like_table(s, mapping), default=None)
            if best is None or (flat_import.looks_like_table(best, mapping) == 0 and not _has_header(best)):
                raise SpreadsheetError("no_register", {"name": Path(path).name})
            register = flat_import.read_tables(
                book, best, info, mapping, problems, unmapped, step, plain=True, carried=carried
            )
            fields = frozenset(carried)
        warnings = [Notice(code, params) for code, params in problems.items]
        if book.formulas:
            listed = ", ".join(_shorten(cell) for cell in book.formulas[:MAX_FORMULA_CELLS_LISTED])
            more = len(book.formulas) - MAX_FORMULA_CELLS_LISTED
            warnings.insert(0, Notice("formulas", {"cells": listed + (f" (+{more})" if more > 0 else "")}))
        if progress is not None:
            progress(1, 1)
        return ImportResult(register, warnings, unmapped, kind=kind, file_format=sniffed.kind, fields=fields)


def _shorten(cell: str, limit: int = 24) -> str:
    # "Sheet!K2: =HYPERLINK(...)": the cell is what the user needs; a long formula would drown the message.
    ref, _, formula = cell.partition(": ")
    return f"{ref}: {formula if len(formula) <= limit else formula[: limit - 1] + '…'}"


def _has_header(sheet: flat_import.Sheet) -> bool:
    return bool(sheet.rows and any(str(v).strip() for v in sheet.rows[0]))

"""Our workbook re-imported as exported into the register as exported: said at once, without loading the register.

Counsel's round trip often returns the workbook untouched. Its metadata sheet names every sheet it wrote with that
sheet's fingerprint, each Register row carries its cells' digests (``row_digest``), and ``register.stamp`` holds
the stored register's ids and versions at the export (``storage.ids``). When every sheet is there under its name
and as written, no other sheet was added, every Register row is as exported, the rows are exactly the register's
activities, and the register's stamp is the export's, the import has nothing to change. Anything else, or a sheet
without its fingerprint (an older workbook), takes the full import, which then explains itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...storage.ids import Stamp
from . import row_digest
from .fingerprint import fingerprint
from .flat import ACTIVITY_COLUMNS, cell_text
from .flat_import import meta
from .grid import Book, Sheet, load
from .layout import DIGEST_SHEET, FORMAT, META_SHEET, STAMP
from .sniff import sniff

_KEYS = [c.key for c in ACTIVITY_COLUMNS]
_ID, _ORG = _KEYS.index("_id"), _KEYS.index("_organization_id")
_CHUNK = 500  # rows digested at a time


@dataclass(frozen=True, slots=True)
class Opened:
    """A workbook sniffed and opened once: its sheets, read on demand, serve this check and then the full import."""

    kind: str
    book: Book


def open_book(path: Path) -> Opened | None:
    """The workbook at ``path``, or None when it is not one we can read (the full import says why)."""
    try:
        sniffed = sniff(Path(path))
        return Opened(sniffed.kind, load(sniffed))
    except Exception:  # any doubt takes the full import, which reports the file's problem
        return None


def unchanged(opened: Opened, stamp: Stamp) -> bool:
    """True only when importing the workbook would change nothing in the register ``stamp`` describes (see above).

    A workbook that cannot be read is not unchanged: the full import says what is wrong with it.
    """
    try:
        return _unchanged(opened.book, stamp)
    except Exception:  # any doubt takes the full import, which reports the file's problem
        return False


def _unchanged(book: Book, stamp: Stamp) -> bool:
    info = meta(book)
    if info.get("format") != FORMAT or not info.get(STAMP) or info[STAMP] != stamp.digest:
        return False
    named = {key.removeprefix("sheet."): name for key, name in info.items() if key.startswith("sheet.")}
    if "register" not in named or sorted(book.names) != sorted({META_SHEET, *named.values()}):
        return False  # a sheet renamed, added or removed (a name recorded twice is not ours either)
    if len(named) + 1 != len(book.names) or any(not info.get(f"{DIGEST_SHEET}{k}") for k in named if k != "register"):
        return False  # a sheet without its fingerprint (an older workbook): the full import compares it
    # The Register first: it is where counsel types, and a failed check has then cost little beyond what the
    # full import reads anyway.
    register = book.sheet(named["register"])
    orgs = {key.removeprefix("list.") for key in named if key.startswith("list.")}  # one CNIL list each
    if book.formulas or register is None or not _rows_as_exported(register, info.get("lang", "fr"), stamp, orgs):
        return False
    for key, name in named.items():
        sheet = book.sheet(name) if key != "register" else None
        if key != "register" and (sheet is None or fingerprint(sheet.rows) != info[f"{DIGEST_SHEET}{key}"]):
            return False
    return True


def _rows_as_exported(sheet: Sheet, lang: str, stamp: Stamp, orgs: set[str]) -> bool:
    """Every row as exported (its digest), and the rows exactly the activities of the organisations exported."""
    columns = (*ACTIVITY_COLUMNS, row_digest.COLUMN)
    if not sheet.rows or [cell_text(v).strip() for v in sheet.rows[0]] != [c.header(lang) for c in columns]:
        return False
    at = len(ACTIVITY_COLUMNS)
    rows = [row for row in sheet.rows[1:] if row]
    if any(len(row) != at + 1 for row in rows):
        return False  # a row added without its digest, or a cell typed beyond the digests
    for start in range(0, len(rows), _CHUNK):  # by chunks: the first edited row ends the check early
        chunk = rows[start:start + _CHUNK]
        if row_digest.of_rows(chunk) != [row[at] for row in chunk]:
            return False
    seen = {cell_text(row[_ID]).strip(): cell_text(row[_ORG]).strip() for row in rows}
    return len(seen) == len(rows) and seen == {a: o for a, o in stamp.activities.items() if o in orgs}

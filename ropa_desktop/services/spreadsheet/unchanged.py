"""Our workbook re-imported as exported into the register as exported: said at once, without loading the register.

Counsel's round trip often returns the workbook untouched. Its metadata sheet names every sheet it wrote with that
sheet's fingerprint, each Register row carries its cells' digests (``row_digest``), and ``register.stamp`` holds
the stored register's ids and versions at the export (``storage.ids``). When every sheet is there under its name
and as written, no other sheet was added, every Register row is as exported, the rows are exactly the register's
activities, and the register's stamp is the export's, the import has nothing to change. Anything else, or a sheet
without its fingerprint (an older workbook), takes the full import, which then explains itself. A file whose every
zip part is as written (``parts``: their CRC-32s, in the central directory) is known unedited without a sheet read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .layout import DIGEST_SHEET, FORMAT, META_SHEET, STAMP
from .parts import untouched_meta

if TYPE_CHECKING:
    from ...storage.ids import Stamp
    from .grid import Book, Sheet

_CHUNK = 500  # rows digested at a time


class Opened:
    """A workbook sniffed and opened once, when first needed: its sheets serve this check and then the full import.

    A file left as the export wrote it needs neither (``parts``): openpyxl and calamine are then not even imported.
    """

    def __init__(self, path: Path, kind: str = "", book: Book | None = None) -> None:
        self.path = Path(path)
        self._kind, self._book = kind, book

    def _open(self) -> None:
        from .grid import load
        from .sniff import sniff

        sniffed = sniff(self.path)  # raises SpreadsheetError for a file we cannot read safely
        self._kind, self._book = sniffed.kind, load(sniffed)

    @property
    def kind(self) -> str:
        if self._book is None:
            self._open()
        return self._kind

    @property
    def book(self) -> Book:
        if self._book is None:
            self._open()
        assert self._book is not None
        return self._book


def open_book(path: Path) -> Opened:
    """The workbook at ``path``, read when first needed (a file we cannot read: the full import says why)."""
    return Opened(path)


def unchanged(opened: Opened, stamp: Stamp) -> bool:
    """True only when importing the workbook would change nothing in the register ``stamp`` describes (see above).

    A workbook that cannot be read is not unchanged: the full import says what is wrong with it.
    """
    info = untouched_meta(opened.path)  # every part as written: no sheet to read at all
    if info is not None and info.get("format") == FORMAT and info.get(STAMP):
        # Its rows are the activities exported with this stamp (the export's own snapshot): the register's now.
        return info[STAMP] == stamp.digest
    try:
        return _unchanged(opened.book, stamp)
    except Exception:  # any doubt takes the full import, which reports the file's problem
        return False


def _unchanged(book: Book, stamp: Stamp) -> bool:
    from .fingerprint import fingerprint
    from .flat_import import meta

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
    from . import row_digest
    from .flat import ACTIVITY_COLUMNS, cell_text

    keys = [c.key for c in ACTIVITY_COLUMNS]
    at_id, at_org = keys.index("_id"), keys.index("_organization_id")
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
    seen = {cell_text(row[at_id]).strip(): cell_text(row[at_org]).strip() for row in rows}
    return len(seen) == len(rows) and seen == {a: o for a, o in stamp.activities.items() if o in orgs}

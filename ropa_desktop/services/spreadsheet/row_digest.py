"""A Register row's cells as short digests in a hidden column: a re-import tells counsel's edits from the register's.

Each cell's text (as ``flat.cell_text`` reads it back, stripped) is a 4-byte CRC-32; a row's digests are packed and
written in base64 in the row's last, hidden column. On re-import a cell whose text still has its digest was not
edited (it never overrides the register); the register's current row, digested alike, says which fields the DPO
changed since the export. CRC-32 is enough: it tells an edit from none, nobody forges it, and it is the cheapest
digest Python has (10,000 rows x 50 cells each way).
"""

from __future__ import annotations

import base64
import binascii
import struct
import zlib
from collections.abc import Sequence
from typing import Any

from ...domain.model import Activity, Organization
from .flat import ACTIVITY_COLUMNS, Column, activity_row, cell_text

COLUMN = Column("_digest", hidden=True)  # after the Register sheet's columns
_SIZE = len(ACTIVITY_COLUMNS)
_PACK = struct.Struct(f"<{_SIZE}I")
_CRC = zlib.crc32
# Column key -> the field path it is read into (the legal basis column is a part of the purposes).
_PATHS = {"legal_basis": "purposes"}
# Ids, the organisation's name (its own sheet's) and the last update (the register's own): not counsel's fields
_NOT_FIELDS = {"_id", "_organization_id", "organization", "updated"}


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def of_row(values: Sequence[Any]) -> str:
    """The digest text of a row of ``ACTIVITY_COLUMNS`` values (as written, or as read back)."""
    head = values[:_SIZE]
    try:  # read back, nearly every cell is text (an empty one too): stripped in one C loop
        texts = list(map(str.strip, head))
    except TypeError:  # a number, a date, a yes/no or an empty cell (None)
        texts = [(v if v.__class__ is str else cell_text(v)).strip() for v in head]
    if len(texts) < _SIZE:
        texts += [""] * (_SIZE - len(texts))
    try:
        crcs = map(_CRC, map(str.encode, texts))
        packed = _PACK.pack(*crcs)
    except UnicodeEncodeError:  # a lone surrogate (rare): the slow way
        packed = _PACK.pack(*(_CRC(_encoded(t)) for t in texts))
    return base64.b64encode(packed).decode("ascii")


def of_rows(rows: Sequence[Sequence[Any]]) -> list[str]:
    """``of_row`` of each row (every one at least ``ACTIVITY_COLUMNS`` long), column by column.

    A column of text is stripped, encoded and digested in C loops (``map``): per-cell Python work is what a
    re-import of 10,000 rows would wait for.
    """
    crcs: list[list[int]] = []
    for column in list(zip(*rows, strict=False))[:_SIZE]:
        try:
            texts = list(map(str.strip, column))
        except TypeError:  # a column of dates, numbers or yes/no
            texts = [(v if v.__class__ is str else cell_text(v)).strip() for v in column]
        try:
            crcs.append(list(map(_CRC, map(str.encode, texts))))
        except UnicodeEncodeError:  # a lone surrogate (rare): the slow way
            crcs.append([_CRC(_encoded(t)) for t in texts])
    if len(crcs) < _SIZE:
        raise ValueError("a row shorter than the Register's columns")
    pack, encode = _PACK.pack, base64.b64encode
    return [encode(pack(*row)).decode("ascii") for row in zip(*crcs, strict=True)]


def read_row(row: Sequence[Any], order: Sequence[int]) -> str:
    """The digest text of a sheet row whose column of each ``ACTIVITY_COLUMNS`` key is at ``order`` (-1: absent)."""
    size = len(row)
    return of_row([row[i] if 0 <= i < size else None for i in order])


def _unpacked(text: str) -> tuple[int, ...] | None:
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    return _PACK.unpack(data) if len(data) == _PACK.size else None


def valid(text: str) -> bool:
    """A digest this version wrote (a hand-typed or older one is not, and the row is read as before)."""
    return _unpacked(text) is not None


def differing_paths(stored: str, other: str) -> set[str]:
    """The field paths whose cells differ between two digest texts (every path when ``stored`` is not valid)."""
    if stored == other:
        return set()
    a, b = _unpacked(stored), _unpacked(other)
    out: set[str] = set()
    for i, col in enumerate(ACTIVITY_COLUMNS):
        if col.key in _NOT_FIELDS:
            continue
        if a is None or b is None or a[i] != b[i]:
            out.add(_PATHS.get(col.key, col.key))
    return out


def of_cells(values: Sequence[Any]) -> str:
    """The digest text of any row of cells (a Recipients row, kept in the metadata sheet): one CRC a cell."""
    texts = [cell_text(v).strip() for v in values]
    return base64.b64encode(struct.pack(f"<{len(texts)}I", *(_CRC(_encoded(t)) for t in texts))).decode("ascii")


def differing_cells(stored: str, other: str) -> set[int] | None:
    """The cells (0-based) whose digests differ between two ``of_cells`` texts; None when ``stored`` is not one."""
    try:
        a, b = (base64.b64decode(t.encode("ascii"), validate=True) for t in (stored, other))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    if len(a) != len(b) or len(a) % 4:
        return None
    return {i // 4 for i in range(0, len(a), 4) if a[i:i + 4] != b[i:i + 4]}


def of_activity(activity: Activity, org: Organization, lang: str) -> str:
    """The digest text of the row we would write for ``activity`` now (the register's side of the merge)."""
    return of_row(activity_row(activity, org, lang))

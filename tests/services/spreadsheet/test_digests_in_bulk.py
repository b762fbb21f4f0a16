"""The re-import's bulk digests are the writer's, cell for cell: a row or sheet as exported still matches."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from ropa_desktop.services.spreadsheet import row_digest
from ropa_desktop.services.spreadsheet.fingerprint import fingerprint
from ropa_desktop.services.spreadsheet.flat import ACTIVITY_COLUMNS, cell_text

WIDTH = len(ACTIVITY_COLUMNS)
ROWS: list[list[Any]] = [
    [f" text {i} " for i in range(WIDTH)],
    [None, "", 12.0, 3.5, True, False, date(2024, 5, 1), datetime(2024, 5, 1, 9, 30), "é\n", "\ud800",
     *[""] * (WIDTH - 10)],
    ["x"] * WIDTH + ["beyond the columns"],
]


def test_rows_digested_column_by_column_are_each_rows_digest() -> None:
    assert row_digest.of_rows(ROWS) == [row_digest.of_row(row) for row in ROWS]
    edited = [list(r) for r in ROWS]
    edited[0][3] = "text 3 (edited)"
    assert row_digest.of_rows(edited)[0] != row_digest.of_row(ROWS[0])


def _one_cell_at_a_time(rows: list[list[Any]]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = cell_text(value).strip()
            if text:
                digest.update(f"{r}\x1f{c}\x1f{text}\x1e".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def test_a_sheets_fingerprint_is_unchanged_by_hashing_a_row_at_a_time() -> None:
    assert fingerprint(ROWS) == _one_cell_at_a_time(ROWS)
    assert fingerprint([["a", None, "b"]]) != fingerprint([["a", "b"]])  # a cell's place counts

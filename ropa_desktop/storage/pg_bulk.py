"""Bulk inserts on a PostgreSQL server: COPY ... FROM STDIN (one stream) instead of one INSERT per row."""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from typing import Any

# Fewer rows than this go as INSERTs: a COPY costs a round trip of its own, like a pipelined executemany of a few.
MIN_COPY_ROWS = 8
_INSERT = re.compile(r"\s*INSERT INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*\(", re.IGNORECASE)
# Per driver connection: the tables where row-level security applies to its role (COPY FROM refuses those).
_GUARDED: weakref.WeakKeyDictionary[Any, dict[str, bool]] = weakref.WeakKeyDictionary()


def insert_many(cursor: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``sql`` (``INSERT INTO t (a, b) VALUES (%s, %s)``) for every row, by COPY when it is worth it.

    The rows' values are what the INSERT would bind: text (JSON columns as their JSON text, dates as ISO text),
    numbers, flags, None. COPY's text format has the server read each value by its column's type, as an INSERT's
    parameters are, and fires the same row triggers (the audit log's guard stamps the role). A table under
    row-level security for this role takes INSERTs: the server refuses COPY FROM there.
    """
    match = _INSERT.match(sql)
    if len(rows) < MIN_COPY_ROWS or match is None or _row_security(cursor, match.group(1)):
        cursor.executemany(sql, rows)
        return
    table, columns = match.group(1), match.group(2)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _row_security(cursor: Any, table: str) -> bool:
    """Whether row-level security applies to this connection's role on ``table`` (asked once per connection)."""
    connection = cursor.connection
    known = _GUARDED.setdefault(connection, {})
    if table not in known:
        cursor.execute("SELECT row_security_active(%s)", (table,))
        known[table] = bool(cursor.fetchone()[0])
    return known[table]

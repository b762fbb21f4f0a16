"""Many rows per INSERT statement in a register file: the same rows, in the same order, as one statement a row."""

from __future__ import annotations

import sqlite3

import pytest

from ropa_desktop.storage.sqlite_bulk import MAX_PARAMETERS, ROWS_PER_STATEMENT, BulkCursor


def _table(width: int) -> tuple[sqlite3.Connection, str]:
    con = sqlite3.connect(":memory:")
    columns = [f"c{i}" for i in range(width)]
    con.execute(f"CREATE TABLE t (id INTEGER PRIMARY KEY, {', '.join(columns)})")
    return con, f"INSERT INTO t ({', '.join(columns)}) VALUES ({', '.join('?' * width)})"


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 3 * ROWS_PER_STATEMENT + 7])
def test_rows_go_in_as_given_whatever_their_number(count: int) -> None:
    con, sql = _table(3)
    rows = [(f"é{i}", i, None if i % 2 else 1.5) for i in range(count)]
    statements: list[str] = []
    con.set_trace_callback(statements.append)
    BulkCursor(con.cursor()).executemany(sql, iter(rows))
    assert con.execute("SELECT c0, c1, c2 FROM t ORDER BY id").fetchall() == rows
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == count // ROWS_PER_STATEMENT + count % ROWS_PER_STATEMENT  # fewer statements


def test_a_wide_row_stays_under_the_parameter_limit() -> None:
    width = 40
    con, sql = _table(width)
    rows = [tuple(range(i, i + width)) for i in range(100)]
    statements: list[str] = []
    con.set_trace_callback(statements.append)
    BulkCursor(con.cursor()).executemany(sql, rows)
    assert con.execute(f"SELECT {', '.join(f'c{i}' for i in range(width))} FROM t ORDER BY id").fetchall() == rows
    per = MAX_PARAMETERS // width
    # rows per statement: each statement under the limit
    assert max(s.count("(") - 1 for s in statements if s.startswith("INSERT")) == per


def test_a_constraint_refuses_the_whole_write_as_before() -> None:
    con, sql = _table(1)
    con.execute("CREATE UNIQUE INDEX u ON t (c0)")
    with pytest.raises(sqlite3.IntegrityError):
        BulkCursor(con.cursor()).executemany(sql, [(i % 60,) for i in range(120)])


def test_other_statements_run_row_by_row() -> None:
    con, sql = _table(1)
    cursor = BulkCursor(con.cursor())
    cursor.executemany(sql, [(i,) for i in range(10)])
    cursor.executemany("DELETE FROM t WHERE c0 = ?", [(i,) for i in range(5)])
    assert [r[0] for r in con.execute("SELECT c0 FROM t ORDER BY id")] == list(range(5, 10))

"""Is an SQLite file sound and only ours? quick/full integrity checks, foreign keys, and foreign objects."""

from __future__ import annotations

import re
import sqlite3

from .schema import SCHEMA_TRIGGERS, Base

# SQLite's own objects (autoindexes, sqlite_sequence, sqlite_stat*) and Alembic's version table.
_INTERNAL_PREFIX = "sqlite_"
_ALEMBIC_TABLE = "alembic_version"


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").casefold()


def _known() -> tuple[set[str], set[str], set[str]]:
    tables = set(Base.metadata.tables) | {_ALEMBIC_TABLE}
    indexes = {str(index.name) for table in Base.metadata.tables.values() for index in table.indexes}
    triggers = {_normal(sql) for sql in SCHEMA_TRIGGERS}
    return tables, indexes, triggers


def foreign_objects(con: sqlite3.Connection) -> list[str]:
    """Triggers, views, tables and indexes our schema does not define ("trigger t", "view v"...), sorted."""
    tables, indexes, triggers = _known()
    found = []
    for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master"):
        if name.startswith(_INTERNAL_PREFIX):
            continue
        if kind == "table" and name in tables:
            continue
        if kind == "index" and name in indexes:
            continue
        # A trigger runs with our writes: only ours, word for word, is accepted.
        if kind == "trigger" and _normal(sql or "") in triggers:
            continue
        found.append(f"{kind} {name}")
    return sorted(found)


def damage(con: sqlite3.Connection, *, full: bool = False) -> str | None:
    """What is wrong with the file (first lines of the check), or None when it is sound."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}(5)")]
    if rows != ["ok"]:
        # One line for people: SQLite's report spans lines and starts with "*** in database main ***".
        text = " ".join(" ".join(rows).replace("*** in database main ***", "").split())
        return text[:300]
    orphans = con.execute("PRAGMA foreign_key_check").fetchmany(5)
    if orphans:
        return "; ".join(f"orphan row {rowid} in {table} (missing {parent})" for table, rowid, parent, _ in orphans)
    return None

"""A one-field save on a server in one statement (an activity, a client, a processing): version check, row, audit."""

from __future__ import annotations

import contextlib
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..domain.model import Activity
from . import mapping as m
from .store_base import _ACT, _AUDIT, _CHILD_TABLES, StoreBase

_LISTS = (*_CHILD_TABLES, "sources")  # what the one-statement save cannot rewrite: the usual path does
_KEPT = ("id", "organization_id", "position")  # not rewritten: the WHERE names the first two, the row keeps its place


def save_in_one_statement(store: StoreBase, org_id: str, activity: Activity, base: Activity | None = None) -> bool:
    """Save an activity whose own fields alone changed since this store read it; False: use the usual path.

    On a server each statement is a round trip, and a transaction adds two more (BEGIN, COMMIT). A save from the
    version this store read, changing no sub-list, is one UPDATE guarded by that version whose RETURNING feeds the
    audit line's INSERT (a data-modifying CTE), run as its own transaction (autocommit): the row and its line are
    written together or not at all, with synchronous_commit as the server has it. When the version moved on (no
    row updated), nothing was written and the usual path reports the conflict with what the register holds.
    ``base``: see ``_known``.
    """
    expected = store._versions.get(("activity", activity.id))
    known = _known(store, activity.id, expected, base, activity)
    if store.server is None or store.read_only or store._quiet or expected is None or known is None \
            or known[0] != expected:
        return False
    before, after = known[1], m.snapshot(activity)
    if before == after or any(before.get(key) != after.get(key) for key in _LISTS):
        return False
    values = {f"v_{name}": value for name, value in m.activity_row(activity, org_id, 0).items() if name not in _KEPT}
    line = store._audit_row("update", "activity", activity.id, before, after, org=org_id)
    params = {**values, **{f"a_{name}": value for name, value in line.items()}, "w_version": expected + 1,
              "w_expected": expected}
    try:
        written = _run(store, _statement(), params)
    except SQLAlchemyError as exc:
        store._pictures.pop(activity.id, None)
        raise store._error(exc) from None
    if written is None:
        return False
    store._versions[("activity", activity.id)] = expected + 1
    store._pictures[activity.id] = (expected + 1, after)
    return True


_STATEMENT: list[Any] = []  # built once: its compiled form is then cached, and a save only binds values


def _statement() -> Any:
    """WITH changed AS (UPDATE activities ... WHERE id, organisation, version RETURNING id) INSERT INTO audit_log."""
    if not _STATEMENT:
        names = [column.name for column in _ACT.c if column.name not in (*_KEPT, "version")]
        changed = (update(_ACT).where((_ACT.c.id == bindparam("a_entity_id")) & (_ACT.c.organization_id
                                                                                 == bindparam("a_organization_id"))
                                      & (_ACT.c.version == bindparam("w_expected")))
                   .values({name: bindparam(f"v_{name}", type_=_ACT.c[name].type) for name in names}
                           | {"version": bindparam("w_version")})
                   .returning(_ACT.c.id).cte("changed"))
        columns = [column.name for column in _AUDIT.c if column.name not in ("id", "entity_id")]
        picked = [bindparam(f"a_{name}", type_=_AUDIT.c[name].type) for name in columns]
        _STATEMENT.append(insert(_AUDIT).from_select([*columns, "entity_id"], select(*picked, changed.c.id))
                          .add_cte(changed).returning(_AUDIT.c.id))
    return _STATEMENT[0]


def _known(store: StoreBase, key: str, expected: int | None, base: Any,
           record: Any) -> tuple[int, dict[str, Any]] | None:
    """The record's picture at the version this store read or wrote (None: unknown).

    Kept from its last save or one-by-one read; else ``base``, the record as the caller holds it from this store's
    load at that version (the window's copy, never changed in place): the first save after a load needs no reload.
    The guarded UPDATE still refuses a row no longer at that version.
    """
    known = store._pictures.get(key)
    if known is None and base is not None and base is not record and expected is not None:
        known = (expected, m.snapshot(base))
    return known


def _run(store: StoreBase, statement: Any, params: dict[str, Any]) -> Any:
    """Run a one-statement save on the store's saving connection (autocommit); its first row (None: none written).

    The connection is kept from one save to the next: a pooled one is pinged at each checkout, a round trip that
    cost a quarter of a save. One the server dropped meanwhile (a restart) fails before anything is sent: the save
    is sent once more on a new connection. Even had the first reached the server, the version guard would make the
    second write nothing (the usual path then says what the register holds), never twice.
    """
    for attempt in (1, 2):
        conn = store._saving
        fresh = conn is None
        if conn is None:
            conn = store._saving = store._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            return conn.execute(statement, params).first()
        except DBAPIError as exc:
            store._saving = None
            with contextlib.suppress(SQLAlchemyError):
                conn.invalidate()
            if fresh or attempt == 2 or not exc.connection_invalidated:
                raise
    return None  # (not reached)


def picture_key(entity: str, record_id: str) -> str:
    """Where a client's or a processing's picture is kept beside the activities' (which are keyed by their id)."""
    return f"{entity}:{record_id}"


def save_record_in_one_statement(store: StoreBase, entity: str, table: Table, org_id: str, record: Any,
                                 base: Any = None) -> bool:
    """``save_in_one_statement`` for a client or a processing for clients: its own columns, guarded by its version.

    False (use the usual path): not on a server, not from the version read, nothing changed, or a contact or
    sub-list changed (those are rows of other tables).
    """
    key = picture_key(entity, record.id)
    expected = store._versions.get((entity, record.id))
    known = _known(store, key, expected, base, record)
    if store.server is None or store.read_only or store._quiet or expected is None or known is None \
            or known[0] != expected:
        return False
    kind: type = type(record)
    names = m.flat_names(kind)
    before, after = known[1], m.snapshot(record)
    if before == after or any(before.get(name) != after.get(name) for name in after if name not in names):
        return False
    values = {f"v_{name}": value for name, value in zip(names, m.flat_values(record), strict=True) if name != "id"}
    line = store._audit_row("update", entity, record.id, before, after, org=org_id)
    params = {**values, **{f"a_{name}": value for name, value in line.items()}, "w_version": expected + 1,
              "w_expected": expected}
    try:
        written = _run(store, _record_statement(table, names), params)
    except SQLAlchemyError as exc:
        store._pictures.pop(key, None)
        raise store._error(exc) from None
    if written is None:
        return False
    store._versions[(entity, record.id)] = expected + 1
    store._pictures[key] = (expected + 1, after)
    return True


def remember_picture(store: StoreBase, entity: str, record: Any) -> None:
    """After the usual path wrote ``record``: its picture at its new version, for the next save's one statement."""
    version = store._versions.get((entity, record.id))
    if version is not None:
        store._pictures[picture_key(entity, record.id)] = (version, m.snapshot(record))


_RECORD_STATEMENTS: dict[str, Any] = {}


def _record_statement(table: Table, names: tuple[str, ...]) -> Any:
    """The activities' one statement for another table of versioned rows (built once per table)."""
    if table.name not in _RECORD_STATEMENTS:
        changed = (update(table).where((table.c.id == bindparam("a_entity_id"))
                                       & (table.c.organization_id == bindparam("a_organization_id"))
                                       & (table.c.version == bindparam("w_expected")))
                   .values({name: bindparam(f"v_{name}", type_=table.c[name].type) for name in names if name != "id"}
                           | {"version": bindparam("w_version")})
                   .returning(table.c.id).cte("changed"))
        columns = [column.name for column in _AUDIT.c if column.name not in ("id", "entity_id")]
        picked = [bindparam(f"a_{name}", type_=_AUDIT.c[name].type) for name in columns]
        _RECORD_STATEMENTS[table.name] = (insert(_AUDIT).from_select([*columns, "entity_id"],
                                                                     select(*picked, changed.c.id))
                                          .add_cte(changed).returning(_AUDIT.c.id))
    return _RECORD_STATEMENTS[table.name]

"""A one-field save of an activity on a server in one statement: the version check, the row and its audit line."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..domain.model import Activity
from . import mapping as m
from .store_base import _ACT, _AUDIT, _CHILD_TABLES, StoreBase

_LISTS = (*_CHILD_TABLES, "sources")  # what the one-statement save cannot rewrite: the usual path does
_KEPT = ("id", "organization_id", "position")  # not rewritten: the WHERE names the first two, the row keeps its place


def save_in_one_statement(store: StoreBase, org_id: str, activity: Activity) -> bool:
    """Save an activity whose own fields alone changed since this store read it; False: use the usual path.

    On a server each statement is a round trip, and a transaction adds two more (BEGIN, COMMIT). A save from the
    version this store read, changing no sub-list, is one UPDATE guarded by that version whose RETURNING feeds the
    audit line's INSERT (a data-modifying CTE), run as its own transaction (autocommit): the row and its line are
    written together or not at all, with synchronous_commit as the server has it. When the version moved on (no
    row updated), nothing was written and the usual path reports the conflict with what the register holds.
    """
    expected = store._versions.get(("activity", activity.id))
    known = store._pictures.get(activity.id)
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
        with store._engine.connect() as conn:
            written = conn.execution_options(isolation_level="AUTOCOMMIT").execute(_statement(), params).first()
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

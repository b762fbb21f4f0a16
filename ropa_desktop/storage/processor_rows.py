"""The processor's register and imported statements in SQL: clients, processing for them, sub-lists, bulk I/O."""

from __future__ import annotations

import sqlite3
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

from ..domain.fields import SCOPE_TYPES, Kind, field_spec, fields_of
from ..domain.model import Client, Contact, Organization, ProcessorActivity, Recipient, SecurityMeasure
from . import mapping as m
from .pg_bulk import insert_many
from .schema import (
    CLIENT_CONTACTS,
    CLIENTS,
    ORGANIZATION_SECURITY,
    PROCESSOR_ACTIVITIES,
    PROCESSOR_CHILDREN,
    RECIPIENT_CHILDREN,
)
from .sqlite_bulk import BulkCursor

# A client's nested contacts (the person in charge, its representative, its DPO), as rows of ``client_contacts``.
CLIENT_CONTACT_KINDS = tuple(f.key for f in fields_of("client") if f.kind is Kind.CONTACT)
_PA_OWNER = "processor_activity_id"


def cursor_of(conn: Connection) -> sqlite3.Cursor:
    """The transaction's DBAPI cursor: plain rows built straight into dataclasses, as the activity loads do.

    The statements are written with SQLite's ``?``; on a server the cursor takes them in the driver's style.
    """
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    if conn.dialect.name == "sqlite":
        return cursor  # type: ignore[no-any-return]
    return typing.cast(sqlite3.Cursor, _ServerCursor(cursor))


def bulk_cursor(conn: Connection) -> sqlite3.Cursor:
    """``cursor_of`` for bulk inserts: in a register file, many rows per INSERT statement (``sqlite_bulk``)."""
    cursor = cursor_of(conn)
    return typing.cast(sqlite3.Cursor, BulkCursor(cursor)) if conn.dialect.name == "sqlite" else cursor


class _ServerCursor:
    """A server driver's cursor taking ``?`` placeholders (our statements' only use of the character)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Any = ()) -> Any:
        self._cursor.execute(sql.replace("?", "%s"), params)
        return self._cursor

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = list(rows)
        if rows:
            insert_many(self._cursor, sql.replace("?", "%s"), rows)  # by COPY when there are many
        return self._cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def _columns(names: Iterable[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)  # quoted: "end" is an SQL keyword


def _insert(table: Table | str, names: Sequence[str]) -> str:
    name = table if isinstance(table, str) else table.name
    return f"INSERT INTO {name} ({_columns(names)}) VALUES ({', '.join('?' * len(names))})"


def _items_sql(table: Table, owner: str, cls: type, where: str) -> str:
    return (f"SELECT {owner}, {_columns(m.flat_names(cls))} FROM {table.name} WHERE {where} "
            f"ORDER BY {owner}, position")


def _owner_filter(owner_table: str, org_id: str | None, one_id: str | None) -> tuple[str, tuple[str, ...]]:
    """The WHERE of a sub-list query on its owner column: one owner, one organisation's, or every one."""
    if one_id is not None:
        return "{owner} = ?", (one_id,)
    if org_id is not None:
        return f"{{owner}} IN (SELECT id FROM {owner_table} WHERE organization_id = ?)", (org_id,)
    return "1 = 1", ()


def _fill(cursor: sqlite3.Cursor, table: Table, owner: str, key: str, cls: type, owners: dict[str, Any],
          where: str, params: tuple[str, ...]) -> None:
    for owner_id, *values in cursor.execute(_items_sql(table, owner, cls, where.format(owner=owner)), params):
        getattr(owners[owner_id], key).append(m.flat_from(cls, values))


# --- reading -------------------------------------------------------------------------------------------------

def load_processor_side(conn: Connection, orgs: dict[str, Organization], org_id: str | None) -> None:
    """Fill each organisation's general security measures, clients and processor activities."""
    cursor = cursor_of(conn)
    try:
        by_org = "organization_id = ?" if org_id is not None else "1 = 1"
        params: tuple[str, ...] = (org_id,) if org_id is not None else ()
        _fill(cursor, ORGANIZATION_SECURITY, "organization_id", "security_measures", SecurityMeasure, orgs,
              by_org, params)
        clients = _load_clients(cursor, by_org, params)
        for owner, client in clients:
            orgs[owner].clients.append(client)
        activities = _load_processor_activities(cursor, by_org, params, org_id, None)
        for owner, activity in activities:
            orgs[owner].processor_activities.append(activity)
    finally:
        cursor.close()


def _load_clients(cursor: sqlite3.Cursor, where: str, params: tuple[str, ...]) -> list[tuple[str, Client]]:
    names = m.flat_names(Client)
    rows = cursor.execute(f"SELECT organization_id, {_columns(names)} FROM clients WHERE {where} ORDER BY "
                          "organization_id, position", params).fetchall()
    if not rows:
        return []
    clients = [(owner, m.flat_from(Client, values)) for owner, *values in rows]
    by_id = {c.id: c for _, c in clients}
    contact_names = m.flat_names(Contact)
    ids_where = "client_id IN (SELECT id FROM clients WHERE " + where + ")"
    for client_id, kind, *values in cursor.execute(
            f"SELECT client_id, kind, {_columns(contact_names)} FROM client_contacts WHERE {ids_where}", params):
        if kind in CLIENT_CONTACT_KINDS and client_id in by_id:
            setattr(by_id[client_id], kind, m.flat_from(Contact, values))
    return clients


def _load_processor_activities(cursor: sqlite3.Cursor, where: str, params: tuple[str, ...], org_id: str | None,
                               one_id: str | None) -> list[tuple[str, ProcessorActivity]]:
    names = m.flat_names(ProcessorActivity)
    rows = cursor.execute(f"SELECT organization_id, {_columns(names)} FROM processor_activities WHERE {where} "
                          "ORDER BY organization_id, position", params).fetchall()
    if not rows:
        return []
    found = [(owner, m.flat_from(ProcessorActivity, values)) for owner, *values in rows]
    by_id = {a.id: a for _, a in found}
    child_where, child_params = _owner_filter("processor_activities", org_id, one_id)
    for key, table in PROCESSOR_CHILDREN.items():
        cls = _item_type(ProcessorActivity, key)
        _fill(cursor, table, _PA_OWNER, key, cls, by_id, child_where, child_params)
    return found


def load_client(conn: Connection, client_id: str) -> tuple[str, Client] | None:
    """(organisation id, client) or None."""
    cursor = cursor_of(conn)
    try:
        found = _load_clients(cursor, "id = ?", (client_id,))
    finally:
        cursor.close()
    return found[0] if found else None


def load_processor_activity(conn: Connection, activity_id: str) -> tuple[str, ProcessorActivity] | None:
    """(organisation id, processor activity) or None."""
    cursor = cursor_of(conn)
    try:
        found = _load_processor_activities(cursor, "id = ?", (activity_id,), None, activity_id)
    finally:
        cursor.close()
    return found[0] if found else None


def load_organization_security(conn: Connection, org_id: str) -> list[SecurityMeasure]:
    holder = Organization(id=org_id)
    cursor = cursor_of(conn)
    try:
        _fill(cursor, ORGANIZATION_SECURITY, "organization_id", "security_measures", SecurityMeasure,
              {org_id: holder}, "organization_id = ?", (org_id,))
    finally:
        cursor.close()
    return holder.security_measures


def load_statements(conn: Connection, recipients: dict[str, Recipient], org_id: str | None = None,
                    recipient_id: str | None = None) -> None:
    """Fill the recipients' imported statement sub-lists (sub-processors, transfers)."""
    if not recipients:
        return
    where, params = _owner_filter("recipients", org_id, recipient_id)
    cursor = cursor_of(conn)
    try:
        for key, table in RECIPIENT_CHILDREN.items():
            _fill(cursor, table, "recipient_id", key, _item_type(Recipient, key), recipients, where, params)
    finally:
        cursor.close()


def _item_type(owner: type, key: str) -> type:
    scope = {Recipient: "recipient", ProcessorActivity: "processor_activity"}[owner]
    return SCOPE_TYPES[field_spec(scope, key).item]


# --- writing -------------------------------------------------------------------------------------------------

def _item_rows(items: Sequence[Any], owner_id: str) -> list[tuple[Any, ...]]:
    return [(owner_id, position, *m.flat_values(item)) for position, item in enumerate(items)]


def _insert_items(cursor: sqlite3.Cursor, table: Table, owner: str, cls: type,
                  rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cursor.executemany(_insert(table, (owner, "position", *m.flat_names(cls))), rows)


def write_organization_security(conn: Connection, org: Organization) -> None:
    cursor = cursor_of(conn)
    try:
        cursor.execute("DELETE FROM organization_security_measures WHERE organization_id = ?", (org.id,))
        _insert_items(cursor, ORGANIZATION_SECURITY, "organization_id", SecurityMeasure,
                      _item_rows(org.security_measures, org.id))
    finally:
        cursor.close()


def write_statement(conn: Connection, recipient: Recipient) -> None:
    """Replace a recipient's statement sub-lists (its row is written by the caller)."""
    cursor = cursor_of(conn)
    try:
        for key, table in RECIPIENT_CHILDREN.items():
            cursor.execute(f"DELETE FROM {table.name} WHERE recipient_id = ?", (recipient.id,))
            _insert_items(cursor, table, "recipient_id", _item_type(Recipient, key),
                          _item_rows(getattr(recipient, key), recipient.id))
    finally:
        cursor.close()


def insert_clients(conn: Connection, org_id: str, items: Sequence[tuple[Client, int]]) -> None:
    """Insert clients (absent from the file) and their contacts."""
    if not items:
        return
    cursor = cursor_of(conn)
    try:
        cursor.executemany(_insert(CLIENTS, ("organization_id", "position", *m.flat_names(Client))),
                           [(org_id, position, *m.flat_values(c)) for c, position in items])
        _insert_contacts(cursor, [c for c, _ in items])
    finally:
        cursor.close()


def insert_client_contacts(conn: Connection, clients: Sequence[Client]) -> None:
    cursor = cursor_of(conn)
    try:
        _insert_contacts(cursor, clients)
    finally:
        cursor.close()


def _insert_contacts(cursor: sqlite3.Cursor, clients: Sequence[Client]) -> None:
    cursor.executemany(_insert(CLIENT_CONTACTS, ("client_id", "kind", *m.flat_names(Contact))),
                       [(c.id, kind, *m.flat_values(getattr(c, kind))) for c in clients
                        for kind in CLIENT_CONTACT_KINDS])


def insert_processor_activities(conn: Connection, org_id: str, items: Sequence[tuple[ProcessorActivity, int]]) -> None:
    """Insert processor activities (absent from the file) and their sub-lists: one executemany per table."""
    if not items:
        return
    cursor = cursor_of(conn)
    try:
        cursor.executemany(_insert(PROCESSOR_ACTIVITIES, ("organization_id", "position",
                                                          *m.flat_names(ProcessorActivity))),
                           [(org_id, position, *m.flat_values(a)) for a, position in items])
        for key, table in PROCESSOR_CHILDREN.items():
            _insert_items(cursor, table, _PA_OWNER, _item_type(ProcessorActivity, key),
                          [row for a, _ in items for row in _item_rows(getattr(a, key), a.id)])
    finally:
        cursor.close()


def client_usage(conn: Connection, client_id: str) -> list[tuple[str, str]]:
    """(reference, name) of the processor activities linked to a client, in their order."""
    cursor = cursor_of(conn)
    try:
        rows = cursor.execute(
            "SELECT DISTINCT a.reference, a.name, a.position FROM processor_activities a "
            "JOIN processor_activity_clients l ON l.processor_activity_id = a.id WHERE l.client_id = ? "
            "ORDER BY a.position", (client_id,)).fetchall()
    finally:
        cursor.close()
    return [(r[0], r[1]) for r in rows]

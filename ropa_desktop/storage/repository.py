"""The register file's API: open, load, and one durable transaction per user action, audited.

``RegisterStore`` is built in layers, each its own module: ``store_base`` (opening, transactions, audit lines),
``store_reads`` (loads and version claims), ``store_writes`` (the controller's records), ``store_processor``
(clients and processing); here, the whole-register writes of imports and moves.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, text, update

from ..domain.model import Activity, Organization, Register
from . import mapping as m
from . import processor_rows as pr
from .lock import current_user
from .schema import (
    VERSIONED_TABLES,
    Base,
)
from .store_base import (
    _ACT,
    _AUDIT,
    _CLIENT,
    _ORG,
    _PACT,
    _REC,
    _SLICE,
    _VERSIONED_ENTITIES,
    AuditEntry,
    _chunks,
)
from .store_processor import ProcessorWrites

__all__ = ["AuditEntry", "RegisterStore"]


class RegisterStore(ProcessorWrites):
    """An open register, a file or a server database: each method is one transaction, nothing pending after it."""

    def write_register(self, register: Register, *, exact: bool = False, base: Register | None = None) -> None:
        """Make each organisation of ``register`` exactly as given, in ONE transaction (imports, merges).

        Activities and recipients of a given organisation that ``register`` lacks are deleted; unchanged
        activities are not rewritten (nor audited). Organisations not in ``register`` are left alone, unless
        ``exact``: then the file holds exactly ``register`` (undoing an import that added an organisation).
        ``base``: the register as this store loaded it and still holds it (under its lock), which spares reading
        it again to tell what changed.
        """
        self._pictures.clear()  # rows deleted and written again here may come back at a version seen before
        with self._write() as conn:
            if exact:
                keep = {o.id for o in register.organizations}
                for row in conn.execute(select(_ORG.c.id)).all():
                    if row.id not in keep:
                        self._delete_organization(conn, row.id)
            known = {o.id: o for o in base.organizations} if base is not None and not self.read_only else {}
            for position, org in enumerate(register.organizations):
                self._write_organization_exactly(conn, org, known.get(org.id))
                conn.execute(update(_ORG).where(_ORG.c.id == org.id).values(position=position))

    def _write_organization_exactly(self, conn: Connection, org: Organization, base: Organization | None) -> None:
        existed = conn.execute(select(_ORG.c.id).where(_ORG.c.id == org.id)).first() is not None
        if existed and base is None:
            base = self._load_organizations(conn, org.id)[0]
        current = {a.id: a for a in base.activities} if existed and base is not None else {}
        stored = {r.id: r for r in base.recipients} if existed and base is not None else {}
        self._put_organization(conn, org)
        for position, recipient in enumerate(org.recipients):
            self._put_recipient(conn, org.id, recipient, position, stored)
        for position, client in enumerate(org.clients):
            self._put_client(conn, org.id, client, position)
        self._write_processor_activities_exactly(conn, org, base if existed else None)
        positions = {a.id: i for i, a in enumerate(org.activities)}
        changed = [a for a in org.activities if current.get(a.id) != a]
        gone = [a for a in current.values() if a.id not in positions]
        self._claim_activities(conn, org.id, changed, gone)
        # An import into a register without activities has none to delete (twenty statements of 500 ids on 10,000).
        if existed or conn.execute(select(_ACT.c.id).limit(1)).first() is not None:
            for chunk in _chunks([a.id for a in changed + gone], 500):
                conn.execute(delete(_ACT).where(_ACT.c.id.in_(chunk)))  # sub-lists cascade
        # Only the kept activities whose place changed are moved (the rewritten ones are inserted in theirs): an
        # unchanged re-import of 10,000 activities rewrote every row's position twice.
        placed = dict(conn.execute(select(_ACT.c.id, _ACT.c.position).where(_ACT.c.organization_id == org.id)).all())
        moved = [{"b_id": a.id, "b_position": positions[a.id]} for a in org.activities if a.id in placed
                 and placed[a.id] != positions[a.id]]
        if moved:
            conn.execute(update(_ACT).where(_ACT.c.id == bindparam("b_id")).values(position=bindparam("b_position")),
                         moved)
        at, user = datetime.now(UTC).isoformat(), self._user or current_user()
        # In id order and in slices: the indexes keyed by activity id grow at their end rather than at random
        # pages (which slowed large imports more than in proportion), and only one slice's rows and audit
        # pictures are in memory at a time.
        by_id = sorted(changed, key=lambda a: a.id)
        # The lines first: on a server, a change whose line this transaction already wrote is covered as it is
        # made, and the check at commit (migration 0012) has nothing left to look at.
        for start in range(0, len(changed), _SLICE):
            self._insert_audit(conn, [self._audit_row("update" if a.id in current else "create", "activity", a.id,
                                                      current.get(a.id), a, org=org.id, at=at, user=user)
                                      for a in changed[start:start + _SLICE]])
        for start in range(0, len(changed), _SLICE):
            self._insert_activities(conn, org.id, [(a, positions[a.id]) for a in by_id[start:start + _SLICE]])
        self._insert_audit(conn, [self._audit_row("delete", "activity", a.id, a, None, org=org.id, at=at,
                                                  user=user) for a in gone])
        keep = {r.id for r in org.recipients}
        for stale in conn.execute(select(_REC).where(_REC.c.organization_id == org.id)).mappings().all():
            if stale["id"] not in keep:
                self._claim(conn, "recipient", _REC, stale["id"], stale["name"] or stale["id"])
                before = self._recipient(conn, stale, stored)
                conn.execute(delete(_REC).where(_REC.c.id == stale["id"]))
                self._versions.pop(("recipient", stale["id"]), None)
                self._audit(conn, "delete", "recipient", stale["id"], before, None, org=org.id)
        keep = {c.id for c in org.clients}
        for old in (base.clients if existed and base is not None else []):
            if old.id not in keep:
                self._claim(conn, "client", _CLIENT, old.id, old.name or old.id)
                conn.execute(delete(_CLIENT).where(_CLIENT.c.id == old.id))
                self._versions.pop(("client", old.id), None)
                self._audit(conn, "delete", "client", old.id, old, None, org=org.id)

    def _write_processor_activities_exactly(self, conn: Connection, org: Organization,
                                            base: Organization | None) -> None:
        """The organisation's processor activities as ``org`` has them: changed ones rewritten, audited."""
        current = {a.id: a for a in base.processor_activities} if base is not None else {}
        if not current and not org.processor_activities:
            return
        positions = {a.id: i for i, a in enumerate(org.processor_activities)}
        changed = [a for a in org.processor_activities if current.get(a.id) != a]
        gone = [a for a in current.values() if a.id not in positions]
        versions = {r.id: int(r.version) for r in conn.execute(select(_PACT.c.id, _PACT.c.version)
                                                                .where(_PACT.c.organization_id == org.id)
                                                                .with_for_update())}
        for activity in (*changed, *gone):
            if self._versions.get(("processor_activity", activity.id)) != versions.get(activity.id):
                self._claim(conn, "processor_activity", _PACT, activity.id, activity.reference or activity.name)
        for chunk in _chunks([a.id for a in changed + gone], 500):
            conn.execute(delete(_PACT).where(_PACT.c.id.in_(chunk)))  # sub-lists cascade
        conn.execute(update(_PACT).where(_PACT.c.organization_id == org.id).values(position=-1 - _PACT.c.position))
        moved = [{"b_id": a.id, "b_position": positions[a.id]} for a in org.processor_activities
                 if a.id in current and current[a.id] == a]
        if moved:
            conn.execute(update(_PACT).where(_PACT.c.id == bindparam("b_id"))
                         .values(position=bindparam("b_position")), moved)
        pr.insert_processor_activities(conn, org.id, [(a, positions[a.id]) for a in changed])
        bumped = [{"b_id": a.id, "b_version": versions[a.id] + 1} for a in changed if a.id in versions]
        for activity in changed:
            self._versions["processor_activity", activity.id] = versions.get(activity.id, 0) + 1
        for activity in gone:
            self._versions.pop(("processor_activity", activity.id), None)
        if bumped:
            conn.execute(update(_PACT).where(_PACT.c.id == bindparam("b_id")).values(version=bindparam("b_version")),
                         bumped)
        at, user = datetime.now(UTC).isoformat(), self._user or current_user()
        self._insert_audit(conn, [self._audit_row("update" if a.id in current else "create", "processor_activity",
                                                  a.id, current.get(a.id), a, org=org.id, at=at, user=user)
                                  for a in changed])
        self._insert_audit(conn, [self._audit_row("delete", "processor_activity", a.id, a, None, org=org.id, at=at,
                                                  user=user) for a in gone])

    def _claim_activities(self, conn: Connection, org_id: str, changed: list[Activity], gone: list[Activity]) -> None:
        """``_claim`` for many activities with one query (an import of 10,000), then their new versions."""
        query = select(_ACT.c.id, _ACT.c.version).where(_ACT.c.organization_id == org_id)
        found = {r.id: int(r.version) for r in conn.execute(query.with_for_update())}
        versions = self._versions
        for activity in (*changed, *gone):
            if versions.get(("activity", activity.id)) != found.get(activity.id):
                self._claim(conn, "activity", _ACT, activity.id, activity.reference or activity.name)
        for activity in changed:
            version = found.get(activity.id)
            versions["activity", activity.id] = 1 if version is None else version + 1
        for activity in gone:
            versions.pop(("activity", activity.id), None)

    def _insert_audit(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if not rows or self._quiet:
            return
        columns = ("at", "user", "action", "entity", "entity_id", "before", "after", "display_name",
                   "organization_id")
        quoted = tuple(f'"{c}"' for c in columns)  # "user" is a reserved word on PostgreSQL
        cursor = pr.bulk_cursor(conn)  # a COPY on a server
        try:
            cursor.executemany(m.insert_sql("audit_log", quoted),
                               [tuple(map(r.get, columns)) for r in rows])
        finally:
            cursor.close()

    # --- moving a register between a file and a server -------------------------------------------------------

    def snapshot(self) -> tuple[Register, dict[tuple[str, str], int], list[dict[str, Any]]]:
        """Everything a move copies, in one transaction: the register, its rows' versions, its audit log."""
        with self._read() as conn:
            register = Register(self._load_organizations(conn, None))
            versions = {(name, str(r.id)): int(r.version) for name in VERSIONED_TABLES
                        for r in conn.execute(select(Base.metadata.tables[name].c.id,
                                                     Base.metadata.tables[name].c.version))}
            audit = [dict(r) for r in conn.execute(select(_AUDIT).order_by(_AUDIT.c.id)).mappings()]
        for row in audit:
            row.pop("id")
        return register, versions, audit

    def is_empty(self) -> bool:
        with self._read() as conn:
            return conn.execute(select(_ORG.c.id).limit(1)).first() is None

    def receive(self, register: Register, versions: dict[tuple[str, str], int], audit: list[dict[str, Any]]) -> None:
        """Make this register an exact copy of another's ``snapshot`` in one transaction (``migrate``).

        What it held is deleted first (audited); the copy is written as an import would be, then given the
        source's row versions, and the source's audit log is appended as it was (who, when, what) instead of
        new entries for the copy.
        """
        self._pictures.clear()
        with self._write() as conn:
            self._load_organizations(conn, None, remember=True)  # what --replace deletes, at its current versions
            for row in conn.execute(select(_ORG.c.id)).all():
                self._delete_organization(conn, row.id)
            if conn.dialect.name == "postgresql":
                # From here on, the server keeps the copied lines' times and names, and the rows' versions, as
                # given, and adds no line of its own (migration 0012): for the owner's session only.
                conn.execute(text("SELECT set_config('ropa.copy_history', 'on', true)"))
            self._quiet = True
            try:
                for position, org in enumerate(register.organizations):
                    self._write_organization_exactly(conn, org, None)
                    conn.execute(update(_ORG).where(_ORG.c.id == org.id).values(position=position))
            finally:
                self._quiet = False
            for name in VERSIONED_TABLES:
                table = Base.metadata.tables[name]
                rows = [{"b_id": key, "b_version": v} for (t, key), v in versions.items() if t == name]
                if rows:
                    conn.execute(update(table).where(table.c.id == bindparam("b_id"))
                                 .values(version=bindparam("b_version")), rows)
            self._versions = {(entity, key): versions[(table, key)] for entity, table in _VERSIONED_ENTITIES
                              for (t, key) in versions if t == table}
            for start in range(0, len(audit), _SLICE):
                self._insert_audit(conn, audit[start:start + _SLICE])

    def delete_organization(self, org_id: str) -> None:
        with self._write() as conn:
            self._delete_organization(conn, org_id)

    def _delete_organization(self, conn: Connection, org_id: str) -> None:
        orgs = self._load_organizations(conn, org_id)
        if not orgs:
            return
        self._claim(conn, "organization", _ORG, org_id, orgs[0].name or org_id)
        self._versions.pop(("organization", org_id), None)
        self._pictures.clear()
        for activity in orgs[0].activities:  # they go with it (cascade)
            self._versions.pop(("activity", activity.id), None)
        for recipient in orgs[0].recipients:
            self._versions.pop(("recipient", recipient.id), None)
        for client in orgs[0].clients:
            self._versions.pop(("client", client.id), None)
        for processing in orgs[0].processor_activities:
            self._versions.pop(("processor_activity", processing.id), None)
        # Activities first: their links to recipients (and clients) would otherwise block those cascades.
        conn.execute(delete(_ACT).where(_ACT.c.organization_id == org_id))
        conn.execute(delete(_PACT).where(_PACT.c.organization_id == org_id))
        conn.execute(delete(_ORG).where(_ORG.c.id == org_id))
        self._audit(conn, "delete", "organization", org_id, orgs[0], None, org=org_id)


"""The register file's API: open, load, and one durable transaction per user action, audited."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..domain.model import Activity, Client, Organization, ProcessorActivity, Recipient, Register
from . import mapping as m
from . import processor_rows as pr
from .backup import backup_if_due
from .connection import (
    connection_settings,
    immediate,
    make_engine,
    storage_error_from,
    vet_existing_file,
    writable,
)
from .errors import ClientInUseError, RecipientInUseError, StaleWriteError, StorageError
from .filesystem import network_filesystem
from .lock import RegisterLock, current_user
from .migrate import upgrade, upgrade_server
from .private import create_private_file, private_dir
from .schema import (
    ACTIVITY_CHILDREN,
    CLIENT_CONTACTS,
    CLIENTS,
    PROCESSOR_ACTIVITIES,
    SCHEMA_VERSION,
    VERSIONED_TABLES,
    ActivityRecipientRow,
    ActivityRow,
    AuditRow,
    Base,
    ContactRow,
    OrganizationRow,
    RecipientRow,
    SourceRow,
)
from .server import (
    ServerLocation,
    check_reachable,
    database_role,
    display_path,
    is_server_url,
    make_server_engine,
    parse_server_url,
    server_error,
)


def _table(row: type[Base]) -> Table:
    return row.__table__


_ACT = _table(ActivityRow)
_ORG = _table(OrganizationRow)
_REC = _table(RecipientRow)
_CONTACT = _table(ContactRow)
_SOURCE = _table(SourceRow)
_LINK = _table(ActivityRecipientRow)
_AUDIT = _table(AuditRow)
_CLIENT = CLIENTS
_PACT = PROCESSOR_ACTIVITIES
_CHILD_TABLES = {key: _table(row) for key, row in ACTIVITY_CHILDREN.items()}
_ACTIVITY_INSERT = m.activity_insert()
_ITEM_INSERTS = [m.item_insert(key, table.name) for key, table in _CHILD_TABLES.items()]
_SOURCE_INSERT = m.source_insert()
_ACTIVITY_COLUMNS, _ACTIVITY_BUILD = m.raw_activity_loader()
_VERSIONED_ENTITIES = (("organization", "organizations"), ("activity", "activities"), ("recipient", "recipients"),
                       ("client", "clients"), ("processor_activity", "processor_activities"))
_SLICE = 2000  # activities written per executemany round in a bulk write


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log."""

    at: str
    user: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    display_name: str | None = None  # the name set in preferences, beside the accountable ``user``
    organization_id: str | None = None


class RegisterStore:
    """An open register, a file or a server database: each method is one transaction, nothing pending after it."""

    def __init__(self, path: Path, engine: Engine, lock: RegisterLock | None, read_only: bool,
                 server: ServerLocation | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.server = server
        # What messages name: the file, or the server URL (which never holds a password).
        self.where: str = server.shown if server is not None else str(path)
        self._engine = engine
        self._lock = lock
        # The version of each organisation, activity and recipient as this store last read or wrote it: a save
        # must start from it, so a change someone else made since is never overwritten (StaleWriteError).
        # Kept here, not on the domain objects, so that equality (what imports and undo compare) ignores it.
        self._versions: dict[tuple[str, str], int] = {}
        # Who the audit log names: the database role on a server, the system user for a file.
        self._user = database_role(engine) if server is not None else None
        self._quiet = False  # while a move writes the copy: its history is the source's, not new entries
        # The audit picture of each activity this store last loaded or saved one by one, with its version: a save
        # from that very version needs no reload of the activity to tell what changed. Cleared by a failed write.
        self._pictures: dict[str, tuple[int, dict[str, Any]]] = {}
        # The name the person set in preferences, written beside the role (or system user) in each audit line.
        self.display_name: str | None = None

    def _raw(self, sql: str) -> str:
        """A raw bulk statement (written with SQLite's ``?``) in the driver's placeholder style."""
        return sql if self.server is None else sql.replace("?", "%s")

    # --- opening ----------------------------------------------------------------------------------------

    @staticmethod
    def shown(location: Path | str) -> str:
        """How messages name a register: its path, or its server URL (refused if it holds a password)."""
        return parse_server_url(str(location)).shown if is_server_url(location) else str(location)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, read_only: bool = False,
             backup_dir: Path | None = None, break_lock: bool = False,
             lock_wait: float = 1.0) -> RegisterStore:
        """Open (or with ``create``, create) a register; StorageError says why not, leaving the file as it was.

        A writer holds the register's lock: a second one waits up to ``lock_wait`` seconds, then is refused;
        ``break_lock`` is the user's consent to take over a lock left by another host or a dead process.
        A ``postgresql://`` URL opens a team register on a server: no lock (the server serialises writers and
        row versions catch stale saves), no file backups (the server's own).
        """
        if is_server_url(path):
            return cls._open_server(str(path), create=create, read_only=read_only)
        path = Path(path)
        exists = os.path.lexists(path)
        if not exists and (read_only or not create):
            raise StorageError("not_found", path=path)
        state = vet_existing_file(path) if exists else None
        if read_only:
            return cls(path, make_engine(path, read_only=True), None, True)
        if exists and not writable(path):
            raise StorageError("read_only", path=path)
        share = network_filesystem(path)
        if share is not None:
            raise StorageError("network_share", path=path, fstype=share)
        if not exists:
            private_dir(path.parent)
            try:
                create_private_file(path)  # before SQLite makes it world-readable; its -wal/-shm copy the mode
            except FileExistsError:
                raise StorageError("busy", path=path) from None
            except OSError as exc:
                raise StorageError("unreadable", path=path, reason=exc.strerror or exc) from None
        lock = RegisterLock(path, wait=lock_wait, break_lock=break_lock)
        try:
            lock.acquire()
        except BaseException:
            if not exists:
                _remove_new_file(path)
            raise
        try:
            if state is not None and 0 < state.schema_version < SCHEMA_VERSION:
                vet_existing_file(path, full=True)  # a migration rewrites tables: never on a damaged file
            if state is not None and state.schema_version and backup_dir is not None:
                backup_if_due(path, backup_dir, force=state.schema_version < SCHEMA_VERSION)
            migration_engine = make_engine(path, wal=False)
            try:
                upgrade(migration_engine, path)
            finally:
                migration_engine.dispose()
            engine = make_engine(path)
        except BaseException:
            lock.release()
            if not exists:
                _remove_new_file(path)
            raise
        return cls(path, engine, lock, False)

    @classmethod
    def _open_server(cls, url: str, *, create: bool, read_only: bool) -> RegisterStore:
        """Open a register on a server; ``create`` runs the migrations on an empty database (only ``init``)."""
        location = parse_server_url(url)
        engine = make_server_engine(location)
        try:
            revision = check_reachable(engine, location.shown)
            if revision is None and not create:
                raise StorageError("no_register", path=location.shown)
            if not read_only:
                upgrade_server(engine, location.shown)
            elif revision is not None and revision < SCHEMA_VERSION:
                raise StorageError("read_only", path=location.shown)  # an old schema needs a writer to upgrade it
        except BaseException:
            engine.dispose()
            raise
        return cls(display_path(location), engine, None, read_only, server=location)

    def settings(self) -> dict[str, Any]:
        """The durability settings in force: SQLite's pragmas, or the server's commit settings."""
        if self.server is not None:
            with self._read() as conn:
                return {name: conn.exec_driver_sql(f"SHOW {name}").scalar_one()
                        for name in ("synchronous_commit", "fsync", "transaction_isolation")}
        return connection_settings(self._engine)

    def close(self) -> None:
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> RegisterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions -------------------------------------------------------------------------------------

    def _error(self, exc: BaseException) -> StorageError:
        if self.server is not None:
            return server_error(exc, self.where)
        return storage_error_from(exc, self.path)

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except StorageError:
            raise
        except SQLAlchemyError as exc:
            error = self._error(exc)
            if error.code == "io_error":  # reading: a missing table or column is damage, not a failed write
                error = StorageError("corrupt", path=self.where, reason=type(getattr(exc, "orig", exc)).__name__)
            raise error from None
        except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError, UnicodeError) as exc:
            # A value our own writes never produce (a date that is not one, bytes that are not text): tampering.
            raise StorageError("corrupt", path=self.where, reason=type(exc).__name__) from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.read_only:
            raise StorageError("read_only", path=self.where)
        versions = dict(self._versions)  # what a failed write's versions roll back to, with the transaction
        try:
            with self._engine.connect() as conn, immediate(conn), conn.begin():
                yield conn
        except StorageError:
            self._versions = versions
            self._pictures.clear()
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:  # bulk writes use the DBAPI cursor directly
            self._versions = versions
            self._pictures.clear()
            raise self._error(exc) from None
        except BaseException as exc:
            self._versions = versions
            self._pictures.clear()
            if self.server is not None and hasattr(exc, "sqlstate"):  # the driver's own, from its raw cursor
                raise self._error(exc) from None
            raise

    def _audit_row(self, action: str, entity: str, entity_id: str, before: object | None,
                   after: object | None, *, org: str, at: str | None = None, user: str | None = None
                   ) -> dict[str, Any]:
        """One audit line; a batch passes one ``at`` and ``user`` (asking the system for the user costs).

        A created activity is pictured by what names it: its whole content is the row written beside this line,
        and the ``before`` of its next change (a full picture of each of 10,000 imported activities cost more
        than writing them).
        """
        picture = _named(after) if action == "create" and isinstance(after, Activity) else _picture(after)
        return {"at": at or datetime.now(UTC).isoformat(), "user": user or self._user or current_user(),
                "action": action,
                "entity": entity, "entity_id": entity_id, "before": _picture(before), "after": picture,
                "display_name": self.display_name or None, "organization_id": org}

    def _audit(self, conn: Connection, action: str, entity: str, entity_id: str,
               before: object | None, after: object | None, *, org: str) -> None:
        if self._quiet:
            return
        conn.execute(insert(_AUDIT).values(self._audit_row(action, entity, entity_id, before, after, org=org)))

    # --- reading -------------------------------------------------------------------------------------------

    def load(self) -> Register:
        """The whole register, with bulk queries (fast enough for 10,000 activities)."""
        with self._read() as conn:
            return Register(self._load_organizations(conn, None, remember=True))

    def version(self, entity: str, entity_id: str) -> int | None:
        """A versioned row's version (organisation, activity, recipient, client, processing) as last read or written."""
        return self._versions.get((entity, entity_id))

    def list_organizations(self) -> list[tuple[str, str]]:
        with self._read() as conn:
            return [(r.id, r.name) for r in conn.execute(select(_ORG.c.id, _ORG.c.name).order_by(_ORG.c.position))]

    def load_organization(self, org_id: str) -> Organization:
        with self._read() as conn:
            orgs = self._load_organizations(conn, org_id, remember=True)
        if not orgs:
            raise StorageError("not_in_register", what=f"organization {org_id}")
        return orgs[0]

    def load_activity(self, activity_id: str) -> Activity:
        with self._read() as conn:
            activity, version = self._activity_at(conn, activity_id)
            self._versions[("activity", activity_id)] = version
            self._pictures[activity_id] = (version, m.snapshot(activity))
            return activity

    def count_activities(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(_ACT)).scalar_one())

    def audit_log(self, entity_id: str | None = None) -> list[AuditEntry]:
        query = select(_AUDIT).order_by(_AUDIT.c.id)
        if entity_id is not None:
            query = query.where(_AUDIT.c.entity_id == entity_id)
        with self._read() as conn:
            return [AuditEntry(r.at, r.user, r.action, r.entity, r.entity_id,
                               json.loads(r.before) if r.before else None,
                               json.loads(r.after) if r.after else None, r.display_name, r.organization_id)
                    for r in conn.execute(query)]

    def _load_organizations(self, conn: Connection, org_id: str | None, *,
                            remember: bool = False) -> list[Organization]:
        """Organisations with everything they hold; ``remember`` records the versions read (a load for editing)."""
        def where(query: Any, column: Any) -> Any:
            return query if org_id is None else query.where(column == org_id)

        contacts: dict[str, dict[str, Any]] = defaultdict(dict)
        for row in conn.execute(where(select(_CONTACT), _CONTACT.c.organization_id)).mappings():
            contacts[row["organization_id"]][row["kind"]] = row
        versions: dict[tuple[str, str], int] = {}
        orgs = {}
        for row in conn.execute(where(select(_ORG), _ORG.c.id).order_by(_ORG.c.position)).mappings():
            orgs[row["id"]] = m.organization_from(row, contacts[row["id"]])
            versions["organization", row["id"]] = row["version"]
        recipients: dict[str, Recipient] = {}
        for row in conn.execute(where(select(_REC), _REC.c.organization_id).order_by(_REC.c.position)).mappings():
            recipient = recipients[row["id"]] = m.recipient_from(row)
            orgs[row["organization_id"]].recipients.append(recipient)
            versions["recipient", row["id"]] = row["version"]
        pr.load_statements(conn, recipients, org_id)
        pr.load_processor_side(conn, orgs, org_id)
        activities = self._load_activities(conn, orgs, org_id, versions)
        if remember:
            for entity, table in (("client", _CLIENT), ("processor_activity", _PACT)):
                for held in conn.execute(where(select(table.c.id, table.c.version), table.c.organization_id)):
                    versions[entity, held.id] = int(held.version)
            self._versions.update(versions)
        self._load_items(conn, activities, org_id)
        query = where(select(_SOURCE), _SOURCE.c.organization_id).order_by(_SOURCE.c.position)
        for row in conn.execute(query).mappings():
            owner = activities[row["activity_id"]] if row["activity_id"] else orgs[row["organization_id"]]
            owner.sources.append(m.source_from(row))
        return list(orgs.values())

    def _load_activities(self, conn: Connection, orgs: dict[str, Organization], org_id: str | None,
                         versions: dict[tuple[str, str], int]) -> dict[str, Activity]:
        """The activities' own rows, on the DBAPI cursor like their sub-lists (SQLAlchemy's rows cost twice that)."""
        sql = f"SELECT organization_id, version, {', '.join(_ACTIVITY_COLUMNS)} FROM activities"
        params: tuple[str, ...] = ()
        if org_id is not None:
            sql, params = f"{sql} WHERE organization_id = ?", (org_id,)
        activities: dict[str, Activity] = {}
        build = _ACTIVITY_BUILD
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for row in cursor.execute(self._raw(f"{sql} ORDER BY position"), params):
                activity = build(row[2:])
                activities[activity.id] = activity
                orgs[row[0]].activities.append(activity)
                versions["activity", activity.id] = row[1]
        finally:
            cursor.close()
        return activities

    def _load_items(self, conn: Connection, activities: dict[str, Activity], org_id: str | None = None,
                    activity_id: str | None = None) -> None:
        """Fill the sub-lists of all activities, one organisation's, or one activity's.

        Plain DBAPI rows on the same connection (same transaction) built straight into dataclasses: SQLAlchemy's
        result layer costs a third of the load time on 150,000 rows. Names come from our own schema.
        """
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for key, table in _CHILD_TABLES.items():
            columns = ", ".join(m.item_columns(key))
            sql = f"SELECT activity_id, {columns} FROM {table.name}"
            params: tuple[str, ...] = ()
            if activity_id is not None:
                sql += " WHERE activity_id = ?"
                params = (activity_id,)
            elif org_id is not None:
                sql += " WHERE activity_id IN (SELECT id FROM activities WHERE organization_id = ?)"
                params = (org_id,)
            build = m.raw_item_builder(key)
            owner, items = None, []
            for row in cursor.execute(self._raw(f"{sql} ORDER BY activity_id, position"), params):
                if row[0] != owner:  # an activity's rows come together: its list is looked up once
                    owner = row[0]
                    items = getattr(activities[owner], key)
                items.append(build(row[1:]))
        cursor.close()

    def _activity(self, conn: Connection, activity_id: str) -> Activity:
        return self._activity_at(conn, activity_id)[0]

    def _activity_at(self, conn: Connection, activity_id: str) -> tuple[Activity, int]:
        """An activity with its sub-lists, and its version (read with its row)."""
        row = conn.execute(select(_ACT).where(_ACT.c.id == activity_id)).mappings().first()
        if row is None:
            raise StorageError("not_in_register", what=f"activity {activity_id}")
        activity = m.activity_from(row)
        self._load_items(conn, {activity_id: activity}, activity_id=activity_id)
        query = select(_SOURCE).where(_SOURCE.c.activity_id == activity_id).order_by(_SOURCE.c.position)
        activity.sources = [m.source_from(r) for r in conn.execute(query).mappings()]
        return activity, int(row["version"])

    # --- versions ------------------------------------------------------------------------------------------

    @staticmethod
    def _current_version(conn: Connection, table: Table, entity_id: str, *, lock: bool = False) -> int | None:
        query = select(table.c.version).where(table.c.id == entity_id)
        # On the server the row stays locked until the commit: two saves of it are checked one after the other.
        row = conn.execute(query.with_for_update() if lock else query).first()
        return None if row is None else int(row.version)

    def _claim(self, conn: Connection, entity: str, table: Table, entity_id: str, what: str, *,
               locked: tuple[int | None] | None = None) -> int | None:
        """Check that the row is still at the version this store read; its current version (None: no such row).

        A row this store never read, or that changed or vanished since, is a conflict: StaleWriteError with what
        the register holds now. ``locked``: the version the caller already read with the row locked.
        """
        found = locked[0] if locked is not None else self._current_version(conn, table, entity_id, lock=True)
        expected = self._versions.get((entity, entity_id))
        if found == expected or (found is None and expected is None):
            return found
        current: object | None = None
        if found is not None:
            if entity == "activity":
                current = self._activity(conn, entity_id)
            elif entity == "organization":
                current = self._identity(conn, entity_id)
            elif entity in ("client", "processor_activity"):
                loaded = (pr.load_client if entity == "client" else pr.load_processor_activity)(conn, entity_id)
                current = loaded[1] if loaded is not None else None
            else:
                row = conn.execute(select(_REC).where(_REC.c.id == entity_id)).mappings().first()
                current = m.recipient_from(row) if row is not None else None
        raise StaleWriteError(entity, entity_id, what, expected, found, current)

    def _written(self, entity: str, entity_id: str, found: int | None) -> int:
        """The version a write gives a row that was at ``found`` (None: a new row), remembered as this store's."""
        version = 1 if found is None else found + 1
        self._versions[(entity, entity_id)] = version
        return version

    # --- writing -------------------------------------------------------------------------------------------

    def save_organization(self, org: Organization) -> None:
        """Create or update an organisation's identity, contacts and sources (not its activities)."""
        with self._write() as conn:
            self._put_organization(conn, org)

    def _identity(self, conn: Connection, org_id: str) -> Organization | None:
        """An organisation's own fields, contacts and sources, without its activities or recipients.

        What ``save_organization`` writes; reading the whole organisation here cost a second on 10,000 activities.
        """
        row = conn.execute(select(_ORG).where(_ORG.c.id == org_id)).mappings().first()
        if row is None:
            return None
        contacts = {c["kind"]: c for c in conn.execute(select(_CONTACT).where(_CONTACT.c.organization_id == org_id))
                    .mappings()}
        org = m.organization_from(row, contacts)
        query = (select(_SOURCE).where((_SOURCE.c.organization_id == org_id) & _SOURCE.c.activity_id.is_(None))
                 .order_by(_SOURCE.c.position))
        org.sources = [m.source_from(r) for r in conn.execute(query).mappings()]
        org.security_measures = pr.load_organization_security(conn, org_id)
        return org

    def _put_organization(self, conn: Connection, org: Organization) -> None:
        found = self._claim(conn, "organization", _ORG, org.id, org.name or org.id)
        before = self._identity(conn, org.id)
        after = dataclasses.replace(org, activities=[], recipients=[], clients=[], processor_activities=[])
        if before == after:
            return
        version = self._written("organization", org.id, found)
        if before is not None:
            position = conn.execute(select(_ORG.c.position).where(_ORG.c.id == org.id)).scalar_one()
            conn.execute(update(_ORG).where(_ORG.c.id == org.id).values({**m.organization_row(org, position),
                                                                         "version": version}))
            conn.execute(delete(_CONTACT).where(_CONTACT.c.organization_id == org.id))
            conn.execute(delete(_SOURCE).where((_SOURCE.c.organization_id == org.id) & _SOURCE.c.activity_id.is_(None)))
        else:
            position = int(conn.execute(select(func.coalesce(func.max(_ORG.c.position) + 1, 0))).scalar_one())
            conn.execute(insert(_ORG).values({**m.organization_row(org, position), "version": version}))
        conn.execute(insert(_CONTACT), m.contact_rows(org))
        if org.sources:
            conn.execute(insert(_SOURCE), m.source_rows(org.sources, org.id, None))
        pr.write_organization_security(conn, org)
        self._audit(conn, "update" if before else "create", "organization", org.id, before, after, org=org.id)

    def save_activity(self, org_id: str, activity: Activity, *, position: int | None = None,
                      touch: bool = True) -> Activity:
        """Create or replace an activity; ``touch`` stamps ``updated``. Returns what was written."""
        if touch:
            activity.updated = datetime.now(UTC).replace(microsecond=0)
        with self._write() as conn:
            self._put_activity(conn, org_id, activity, position)
        return activity

    def _put_activity(self, conn: Connection, org_id: str, activity: Activity, position: int | None) -> None:
        """Write ``activity``; a given ``position`` inserts it there (shifting the rest), else it keeps its place."""
        # One locked read for the version check and the row's place (each statement is a round trip on a server).
        current = conn.execute(select(_ACT.c.version, _ACT.c.position, _ACT.c.organization_id)
                               .where(_ACT.c.id == activity.id).with_for_update()).first()
        found = self._claim(conn, "activity", _ACT, activity.id, " ".join(filter(None, (activity.reference,
                                                                                          activity.name))),
                            locked=(None if current is None else int(current.version),))
        if current is not None and current.organization_id != org_id:
            raise StorageError("not_in_register", what=f"activity {activity.id} in organization {org_id}")
        after = m.snapshot(activity)
        known = self._pictures.get(activity.id)
        if current is None:
            before: dict[str, Any] | None = None
        elif known is not None and known[0] == found:  # as this store read or wrote it at this very version
            before = known[1]
        else:
            before = m.snapshot(self._activity(conn, activity.id))
        if before == after and position is None:
            return
        version = self._written("activity", activity.id, found)
        self._pictures[activity.id] = (version, after)
        if current is not None and before is not None and position is None:
            self._update_activity(conn, org_id, activity, current.position, before, after, version)
            return
        if position is None:
            position = current.position if current is not None else int(conn.execute(
                select(func.coalesce(func.max(_ACT.c.position) + 1, 0)).where(_ACT.c.organization_id == org_id)
            ).scalar_one())
        else:
            conn.execute(update(_ACT).where((_ACT.c.organization_id == org_id) & (_ACT.c.position >= position)
                                            & (_ACT.c.id != activity.id)).values(position=_ACT.c.position + 1))
        self._replace_activity(conn, org_id, activity, position, before)

    def _update_activity(self, conn: Connection, org_id: str, activity: Activity, position: int,
                         before: dict[str, Any], after: dict[str, Any], version: int) -> None:
        """Rewrite an activity in place: its row, and only the sub-lists that changed (a one-field edit is one UPDATE).

        On a server every statement is a round trip: deleting and inserting the activity with all its sub-lists
        cost about twenty of them per save.
        """
        conn.execute(update(_ACT).where(_ACT.c.id == activity.id)
                     .values({**m.activity_row(activity, org_id, position), "version": version}))
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for (key, table), (sql, rows) in zip(_CHILD_TABLES.items(), _ITEM_INSERTS, strict=True):
                if before.get(key) != after.get(key):
                    cursor.execute(self._raw(f"DELETE FROM {table.name} WHERE activity_id = ?"), (activity.id,))
                    if batch := rows(activity):
                        cursor.executemany(self._raw(sql), batch)
            if before.get("sources") != after.get("sources"):
                cursor.execute(self._raw("DELETE FROM sources WHERE activity_id = ?"), (activity.id,))
                sql, sources = _SOURCE_INSERT
                if batch := sources(activity.sources, org_id, activity.id):
                    cursor.executemany(self._raw(sql), batch)
        finally:
            cursor.close()
        self._audit(conn, "update", "activity", activity.id, before, after, org=org_id)

    def _replace_activity(self, conn: Connection, org_id: str, activity: Activity, position: int,
                          before: object | None) -> None:
        conn.execute(delete(_ACT).where(_ACT.c.id == activity.id))  # its sub-lists cascade
        self._insert_activities(conn, org_id, [(activity, position)])
        self._audit(conn, "update" if before else "create", "activity", activity.id, before, activity, org=org_id)

    def _insert_activities(self, conn: Connection, org_id: str, items: list[tuple[Activity, int]]) -> None:
        """Insert activities and their sub-lists: one ``executemany`` (a COPY on a server) per table."""
        if not items:
            return
        raw = str  # the cursor takes SQLite's placeholders on a server too
        cursor = pr.cursor_of(conn)
        try:
            sql, values = _ACTIVITY_INSERT
            versions = self._versions
            cursor.executemany(raw(sql), [values(a, org_id, position, versions.get(("activity", a.id), 1))
                                          for a, position in items])
            for sql, rows in _ITEM_INSERTS:
                batch = [row for a, _ in items for row in rows(a)]
                if batch:
                    cursor.executemany(raw(sql), batch)
            sql, sources = _SOURCE_INSERT
            batch = [row for a, _ in items if a.sources for row in sources(a.sources, org_id, a.id)]
            if batch:
                cursor.executemany(raw(sql), batch)
        finally:
            cursor.close()

    def delete_activity(self, activity_id: str) -> None:
        with self._write() as conn:
            if self._claim(conn, "activity", _ACT, activity_id, activity_id) is None:
                raise StorageError("not_in_register", what=f"activity {activity_id}")
            before = self._activity(conn, activity_id)
            org_id = conn.execute(select(_ACT.c.organization_id).where(_ACT.c.id == activity_id)).scalar_one()
            conn.execute(delete(_ACT).where(_ACT.c.id == activity_id))
            self._versions.pop(("activity", activity_id), None)
            self._pictures.pop(activity_id, None)
            self._audit(conn, "delete", "activity", activity_id, before, None, org=org_id)

    def activity_position(self, activity_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_ACT.c.position).where(_ACT.c.id == activity_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"activity {activity_id}")
        return int(row.position)

    def save_recipient(self, org_id: str, recipient: Recipient) -> None:
        """Create or update a catalogue recipient: a rename shows in every activity that uses it."""
        with self._write() as conn:
            self._put_recipient(conn, org_id, recipient, None)

    def _put_recipient(self, conn: Connection, org_id: str, recipient: Recipient, position: int | None,
                       known: dict[str, Recipient] | None = None) -> None:
        """``known``: the organisation's recipients as stored (with their statements), to spare reading them."""
        found = self._claim(conn, "recipient", _REC, recipient.id, recipient.name or recipient.id)
        row = conn.execute(select(_REC).where(_REC.c.id == recipient.id)).mappings().first()
        before = self._recipient(conn, row, known)
        if before == recipient and position in (None, row["position"] if row else None):
            return
        # A new place in the list alone is not a change of the recipient: its version moves with its content.
        version = self._written("recipient", recipient.id, found) if before != recipient else found
        if row is not None:
            values = m.recipient_row(recipient, org_id, row["position"] if position is None else position)
            conn.execute(update(_REC).where(_REC.c.id == recipient.id).values({**values, "version": version}))
        else:
            if position is None:
                position = int(conn.execute(select(func.coalesce(func.max(_REC.c.position) + 1, 0))
                                            .where(_REC.c.organization_id == org_id)).scalar_one())
            conn.execute(insert(_REC).values({**m.recipient_row(recipient, org_id, position), "version": version}))
        if before is None or (before.sub_processors, before.transfers) != (recipient.sub_processors,
                                                                           recipient.transfers):
            pr.write_statement(conn, recipient)
        self._audit(conn, "update" if before else "create", "recipient", recipient.id, before, recipient, org=org_id)

    @staticmethod
    def _recipient(conn: Connection, row: Any, known: dict[str, Recipient] | None = None) -> Recipient | None:
        """The stored recipient of ``row`` (None for none) with its statement's sub-lists."""
        if row is None:
            return None
        if known is not None and row["id"] in known:
            return known[row["id"]]
        recipient = m.recipient_from(row)
        pr.load_statements(conn, {recipient.id: recipient}, recipient_id=recipient.id)
        return recipient

    def recipient_usage(self, recipient_id: str) -> list[tuple[str, str]]:
        """(reference, name) of the activities that use a recipient."""
        query = (select(_ACT.c.reference, _ACT.c.name).join(_LINK, _LINK.c.activity_id == _ACT.c.id)
                 .where(_LINK.c.recipient_id == recipient_id).distinct().order_by(_ACT.c.position))
        with self._read() as conn:
            return [(r.reference, r.name) for r in conn.execute(query)]

    def delete_recipient(self, recipient_id: str) -> None:
        """Delete an unused recipient; RecipientInUseError names the activities still using it."""
        usage = self.recipient_usage(recipient_id)
        with self._write() as conn:
            row = conn.execute(select(_REC).where(_REC.c.id == recipient_id)).mappings().first()
            if row is None:
                raise StorageError("not_in_register", what=f"recipient {recipient_id}")
            if usage:
                raise RecipientInUseError(row["name"], [f"{ref} {name}".strip() for ref, name in usage])
            self._claim(conn, "recipient", _REC, recipient_id, row["name"] or recipient_id)
            before = self._recipient(conn, row)
            conn.execute(delete(_REC).where(_REC.c.id == recipient_id))
            self._versions.pop(("recipient", recipient_id), None)
            self._audit(conn, "delete", "recipient", recipient_id, before, None, org=row["organization_id"])

    # --- the processor's register (Art. 30(2)) ----------------------------------------------------------------

    def load_client(self, client_id: str) -> Client:
        with self._read() as conn:
            found = pr.load_client(conn, client_id)
            self._versions[("client", client_id)] = self._current_version(conn, _CLIENT, client_id) or 1
        if found is None:
            raise StorageError("not_in_register", what=f"client {client_id}")
        return found[1]

    def save_client(self, org_id: str, client: Client, *, position: int | None = None) -> None:
        """Create or update a client of the organisation: a rename shows in every processing linked to it.

        A given ``position`` puts it there (shifting the rest); else an existing client keeps its place and a new
        one goes last.
        """
        with self._write() as conn:
            self._put_client(conn, org_id, client, position, shift=True)

    def _put_client(self, conn: Connection, org_id: str, client: Client, position: int | None, *,
                    shift: bool = False) -> None:
        current = conn.execute(select(_CLIENT.c.position, _CLIENT.c.organization_id)
                               .where(_CLIENT.c.id == client.id)).first()
        if current is not None and current.organization_id != org_id:
            raise StorageError("not_in_register", what=f"client {client.id} in organization {org_id}")
        found = pr.load_client(conn, client.id) if current is not None else None
        before = found[1] if found is not None else None
        if before == client and position in (None, current.position if current else None):
            return
        # A new place alone is not a change of the client: its version moves with its content.
        claimed = self._claim(conn, "client", _CLIENT, client.id, client.name or client.id)
        version = self._written("client", client.id, claimed) if before != client else claimed
        if position is None:
            position = current.position if current is not None else int(conn.execute(
                select(func.coalesce(func.max(_CLIENT.c.position) + 1, 0)).where(_CLIENT.c.organization_id == org_id)
            ).scalar_one())
        elif shift:
            conn.execute(update(_CLIENT).where((_CLIENT.c.organization_id == org_id) & (_CLIENT.c.position >= position)
                                               & (_CLIENT.c.id != client.id)).values(position=_CLIENT.c.position + 1))
        if current is not None:
            # Updated in place: deleting the row would break (RESTRICT) the links of the processings using it.
            values = dict(zip(m.flat_names(Client), m.flat_values(client), strict=True))
            conn.execute(update(_CLIENT).where(_CLIENT.c.id == client.id).values(**values, position=position,
                                                                                  version=version))
            conn.execute(delete(CLIENT_CONTACTS).where(CLIENT_CONTACTS.c.client_id == client.id))
            pr.insert_client_contacts(conn, [client])
        else:
            pr.insert_clients(conn, org_id, [(client, position)])
        self._audit(conn, "update" if before else "create", "client", client.id, before, client, org=org_id)

    def client_position(self, client_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_CLIENT.c.position).where(_CLIENT.c.id == client_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"client {client_id}")
        return int(row.position)

    def client_usage(self, client_id: str) -> list[tuple[str, str]]:
        """(reference, name) of the processor activities carried out for a client."""
        with self._read() as conn:
            return pr.client_usage(conn, client_id)

    def delete_client(self, client_id: str) -> None:
        """Delete a client no processing is linked to; ClientInUseError names the processings still linked."""
        with self._write() as conn:
            found = pr.load_client(conn, client_id)
            if found is None:
                raise StorageError("not_in_register", what=f"client {client_id}")
            self._claim(conn, "client", _CLIENT, client_id, found[1].name or client_id)
            usage = pr.client_usage(conn, client_id)
            if usage:
                raise ClientInUseError(found[1].name, [f"{ref} {name}".strip() for ref, name in usage])
            conn.execute(delete(_CLIENT).where(_CLIENT.c.id == client_id))  # its contacts cascade
            self._versions.pop(("client", client_id), None)
            self._audit(conn, "delete", "client", client_id, found[1], None, org=found[0])

    def load_processor_activity(self, activity_id: str) -> ProcessorActivity:
        with self._read() as conn:
            found = pr.load_processor_activity(conn, activity_id)
            self._versions[("processor_activity", activity_id)] = self._current_version(conn, _PACT, activity_id) or 1
        if found is None:
            raise StorageError("not_in_register", what=f"processor activity {activity_id}")
        return found[1]

    def save_processor_activity(self, org_id: str, activity: ProcessorActivity, *, position: int | None = None,
                                touch: bool = True) -> ProcessorActivity:
        """Create or replace a processing carried out for clients; ``touch`` stamps ``updated``.

        A given ``position`` inserts it there (shifting the rest), else it keeps its place (a new one goes last).
        """
        if touch:
            activity.updated = datetime.now(UTC).replace(microsecond=0)
        with self._write() as conn:
            current = conn.execute(select(_PACT.c.position, _PACT.c.organization_id)
                                   .where(_PACT.c.id == activity.id)).first()
            if current is not None and current.organization_id != org_id:
                raise StorageError("not_in_register", what=f"processor activity {activity.id} in organization {org_id}")
            claimed = self._claim(conn, "processor_activity", _PACT, activity.id,
                                  " ".join(filter(None, (activity.reference, activity.name))))
            found = pr.load_processor_activity(conn, activity.id) if current is not None else None
            before = found[1] if found is not None else None
            if before == activity and position is None:
                return activity
            self._written("processor_activity", activity.id, claimed)
            if position is None:
                position = current.position if current is not None else int(conn.execute(
                    select(func.coalesce(func.max(_PACT.c.position) + 1, 0)).where(_PACT.c.organization_id == org_id)
                ).scalar_one())
            else:
                conn.execute(update(_PACT).where((_PACT.c.organization_id == org_id) & (_PACT.c.position >= position)
                                                 & (_PACT.c.id != activity.id)).values(position=_PACT.c.position + 1))
            conn.execute(delete(_PACT).where(_PACT.c.id == activity.id))  # its sub-lists cascade
            pr.insert_processor_activities(conn, org_id, [(activity, position)])
            if claimed is not None:  # rewritten whole: its version goes on from the one it had
                conn.execute(update(_PACT).where(_PACT.c.id == activity.id).values(version=claimed + 1))
            self._audit(conn, "update" if before else "create", "processor_activity", activity.id, before, activity,
                        org=org_id)
        return activity

    def delete_processor_activity(self, activity_id: str) -> None:
        with self._write() as conn:
            found = pr.load_processor_activity(conn, activity_id)
            if found is None:
                raise StorageError("not_in_register", what=f"processor activity {activity_id}")
            self._claim(conn, "processor_activity", _PACT, activity_id, found[1].reference or activity_id)
            conn.execute(delete(_PACT).where(_PACT.c.id == activity_id))
            self._versions.pop(("processor_activity", activity_id), None)
            self._audit(conn, "delete", "processor_activity", activity_id, found[1], None, org=found[0])

    def processor_activity_position(self, activity_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_PACT.c.position).where(_PACT.c.id == activity_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"processor activity {activity_id}")
        return int(row.position)

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
        for start in range(0, len(changed), _SLICE):
            self._insert_activities(conn, org.id, [(a, positions[a.id]) for a in by_id[start:start + _SLICE]])
        for start in range(0, len(changed), _SLICE):
            self._insert_audit(conn, [self._audit_row("update" if a.id in current else "create", "activity", a.id,
                                                      current.get(a.id), a, org=org.id, at=at, user=user)
                                      for a in changed[start:start + _SLICE]])
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
        cursor = pr.cursor_of(conn)  # a COPY on a server
        try:
            cursor.executemany(m.insert_sql("audit_log", quoted),
                               [tuple(r.get(c) for c in columns) for r in rows])
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


def _picture(obj: object | None) -> str | None:
    return None if obj is None else json.dumps(m.snapshot(obj), default=str, ensure_ascii=False)


def _named(activity: Activity) -> str:
    return json.dumps({"id": activity.id, "reference": activity.reference, "name": activity.name}, ensure_ascii=False)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """Slices of at most ``size`` (SQLite caps the number of bound parameters per statement)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink()

"""An open register's core: opening it, its transactions, and the audit line each write adds."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import Connection, Engine, Table, insert
from sqlalchemy.exc import SQLAlchemyError

from ..domain.model import Activity
from . import mapping as m
from .backup import backup_if_due
from .backup_behind import BackupBehind
from .connection import (
    connection_settings,
    immediate,
    make_engine,
    storage_error_from,
    vet_existing_file,
    writable,
)
from .errors import StorageError
from .filesystem import network_filesystem
from .lock import RegisterLock, current_user
from .migrate import upgrade, upgrade_server
from .private import create_private_file, private_dir
from .schema import (
    ACTIVITY_CHILDREN,
    CLIENTS,
    PROCESSOR_ACTIVITIES,
    SCHEMA_VERSION,
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
    # On a server (schema 13): what the line's record was at its commit, read from the tables by the server
    # (``audit_records``), None for a record gone; ``has_record`` says whether there is one.
    recorded: object | None = None
    has_record: bool = False


class StoreBase:
    """Opening a file or a server register, one transaction per call, the versions read and the audit lines."""

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
        self._backup_dir: Path | None = None  # the day's backup, made (if due) before this store's first write
        self._backup_behind: BackupBehind | None = None  # or being made on a thread since the opening
        self._saving: Connection | None = None  # a server's one-statement saves keep their connection (pg_save)

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
             lock_wait: float = 1.0, backup_on_write: bool = False, backup_behind: bool = False) -> Self:
        """Open (or with ``create``, create) a register; StorageError says why not, leaving the file as it was.

        A writer holds the register's lock: a second one waits up to ``lock_wait`` seconds, then is refused;
        ``break_lock`` is the user's consent to take over a lock left by another host or a dead process.
        A ``postgresql://`` URL opens a team register on a server: no lock (the server serialises writers and
        row versions catch stale saves), no file backups (the server's own).
        ``backup_on_write``: the day's backup is made before the first write rather than at opening (a command that
        finds nothing to change spares copying and verifying the whole file); a migration's is always made first.
        ``backup_behind``: the day's backup is made on a thread from the opening, and the first write waits for it
        (the window shows a large register without waiting for its copy).
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
            later = None
            behind = False
            if state is not None and state.schema_version and backup_dir is not None:
                migrating = state.schema_version < SCHEMA_VERSION
                if backup_on_write and not migrating:
                    later = backup_dir
                elif backup_behind and not migrating:
                    behind = True
                else:
                    backup_if_due(path, backup_dir, force=migrating)
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
        store = cls(path, engine, lock, False)
        store._backup_dir = later
        if behind and backup_dir is not None:
            store._backup_behind = BackupBehind(path, backup_dir)
        return store

    @classmethod
    def _open_server(cls, url: str, *, create: bool, read_only: bool) -> Self:
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
        if self._backup_behind is not None:  # never leave a half-made copy behind (nor release the lock under it)
            self._backup_behind.wait()
            self._backup_behind = None
        if self._saving is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._saving.close()
            self._saving = None
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
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
        if self._backup_behind is not None:
            behind, self._backup_behind = self._backup_behind, None
            if not behind.wait():  # it failed: try again now, and say why if it fails again
                self._backup_dir = behind.folder
        if self._backup_dir is not None:  # under this store's lock: the copy is the file as it was opened
            backup_if_due(self.path, self._backup_dir)
            self._backup_dir = None
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

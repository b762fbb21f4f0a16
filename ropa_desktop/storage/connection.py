"""Opening a register file safely: vet it read-only first, then connect with verified durability pragmas."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from .errors import StorageError
from .integrity import damage, foreign_objects
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .sound_files import known_sound, remember_sound, signature

SQLITE_MAGIC = b"SQLite format 3\x00"
# WAL with synchronous=FULL: every acknowledged commit is on disk, and a commit costs one fsync.
REQUIRED_PRAGMAS: dict[str, Any] = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}


@dataclass(frozen=True, slots=True)
class FileState:
    """What vetting learnt about an existing file."""

    schema_version: int  # PRAGMA user_version
    fresh: bool  # a valid SQLite file of ours with no tables yet (never the case for a foreign file)


def sqlite_uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only ``file:`` URI for ``path``, every reserved character quoted (``?``, ``#``, ``%`` in names)."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def _writable_place(path: Path) -> bool:
    """Can SQLite create its -wal/-shm files beside ``path`` (not on read-only media, not in a locked folder)?"""
    folder = Path(os.path.abspath(path)).parent
    return os.access(folder, os.W_OK) and _filesystem_writable(folder)


def _filesystem_writable(folder: Path) -> bool:
    try:
        return not os.statvfs(folder).f_flag & os.ST_RDONLY
    except (OSError, AttributeError):  # no statvfs on Windows
        return True


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection by path; on read-only media (no -shm possible), an immutable one."""
    if _writable_place(path):
        return sqlite3.connect(sqlite_uri(path), uri=True)
    # Nobody can write a file on read-only media, so reading it as immutable is safe.
    return sqlite3.connect(sqlite_uri(path, immutable=True), uri=True)


def connect_reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, to a file known to be ours.

    Where the file could be written, a query-only read-write connection: the last one to close checkpoints
    and removes the -wal/-shm files (a mode=ro connection leaves them behind). Elsewhere a read-only one.
    """
    if not writable(path):
        return connect_read_only(path)
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True)
    con.execute("PRAGMA query_only = 1")
    return con


def writable(path: Path) -> bool:
    """Whether ``path`` (an existing register) could be written: the file, its folder, its filesystem."""
    return _writable_place(path) and os.access(path, os.W_OK)


def check_regular(path: Path) -> None:
    """Refuse a FIFO, a device or a socket before anything opens it (opening a FIFO blocks for ever)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise StorageError("not_found", path=path) from None
    except OSError as exc:
        raise StorageError("unreadable", path=path, reason=exc.strerror or exc) from None
    if stat.S_ISDIR(mode):
        raise StorageError("is_directory", path=path)
    if not stat.S_ISREG(mode):
        raise StorageError("not_regular", path=path)


def vet_existing_file(path: Path, *, full: bool = False) -> FileState:
    """Check that ``path`` is a sound register of ours this version can open, without changing a byte of it.

    ``full`` runs the complete integrity check (before a migration or a backup) instead of the quick one.
    """
    check_regular(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise StorageError("not_found", path=path) from None
    except OSError as exc:
        raise StorageError("unreadable", path=path, reason=exc.strerror or exc) from None
    if not header:
        raise StorageError("empty_file", path=path)
    if not header.startswith(SQLITE_MAGIC):
        raise StorageError("not_sqlite", path=path)
    if len(header) < 100:
        raise StorageError("corrupt", path=path, reason="truncated header")
    # Read from the header itself: another program's file is refused before SQLite opens it at all.
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StorageError("foreign_sqlite", path=path)
    try:
        con = connect_reader(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise StorageError("foreign_sqlite", path=path)
            if version > SCHEMA_VERSION:
                raise StorageError("newer_schema", path=path, found=version, supported=SCHEMA_VERSION)
            # An unchanged file that passed the quick check before is not read page by page again (sound_files).
            before = None if full else signature(path, header)
            checked = not known_sound(path, before)
            if checked:
                problem = damage(con, full=full)
                if problem is not None:
                    raise StorageError("corrupt", path=path, reason=problem)
            foreign = foreign_objects(con)
            if foreign:
                raise StorageError("foreign_objects", path=path, objects=", ".join(foreign[:10]))
            tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _classify(exc, path) from None
    if checked and before is not None and signature(path, _header(path)) == before:
        remember_sound(path, before)  # not if the file changed while it was checked
    return FileState(schema_version=version, fresh=tables == 0)


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError:
        return b""


def _classify(exc: sqlite3.DatabaseError, path: Path) -> StorageError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError("busy", path=path)
    if "not a database" in text or "malformed" in text or "disk image" in text:
        return StorageError("corrupt", path=path, reason=str(exc))
    return StorageError("unreadable", path=path, reason=str(exc))


def storage_error_from(exc: BaseException, path: Path) -> StorageError:
    """Map a failed write to one clear error: disk full, read-only, busy, or I/O error."""
    if isinstance(exc, StorageError):
        return exc
    cause = getattr(exc, "orig", exc)
    text = str(cause).lower()
    if "database or disk is full" in text or getattr(cause, "errno", None) == errno.ENOSPC:
        return StorageError("disk_full")
    if "readonly" in text or "read-only" in text:
        return StorageError("read_only", path=path)
    if "locked" in text or "busy" in text:
        return StorageError("busy", path=path)
    if isinstance(cause, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
        return StorageError("corrupt", path=path, reason=str(cause))
    if isinstance(cause, sqlite3.IntegrityError) or "constraint failed" in text:
        return StorageError("constraint")  # a change that refers to nothing (a bug, not the user's): no SQL text
    return StorageError("io_error", reason=str(cause))


def make_engine(path: Path, *, read_only: bool = False, wal: bool = True) -> Engine:
    """An engine whose every connection has verified pragmas and real BEGIN/COMMIT (transactional DDL).

    The file is opened by path (never through an unquoted URI, where ``?``, ``#`` or ``%41`` in a name would
    open another file). ``wal=False`` keeps the rollback journal: migrations use it so that a failure leaves the
    file byte-identical (switching to WAL rewrites the header).
    """
    resolved = Path(path).resolve()

    def connect() -> sqlite3.Connection:
        if read_only:
            return connect_reader(resolved)
        # mode=rw: a file that vanished is an error, never silently recreated empty.
        return sqlite3.connect(f"{resolved.as_uri()}?mode=rw", uri=True)

    # NullPool: one short connection per user action; nothing stays open between them except in tests.
    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # The pysqlite driver's own transaction handling would commit before DDL; take control of BEGIN.
        dbapi_connection.isolation_level = None
        _apply_pragmas(dbapi_connection, path, read_only=read_only, wal=wal)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.info.get("begin", "BEGIN"))

    return engine


def connection_settings(engine: Engine) -> dict[str, Any]:
    """The pragmas actually in force on a fresh connection (for diagnostics and tests)."""
    with engine.connect() as conn:
        return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one() for name in REQUIRED_PRAGMAS}


def _apply_pragmas(con: sqlite3.Connection, path: Path, *, read_only: bool, wal: bool) -> None:
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 3000")
    # 64 MiB of page cache (the default is 2 MiB): a large register's indexes stay in memory while it is read or
    # written in bulk, instead of each row costing page reads; used only as pages are touched.
    con.execute("PRAGMA cache_size = -65536")
    if read_only:
        return
    if not wal:
        con.execute("PRAGMA synchronous = FULL")
        return
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    for pragma, wanted in REQUIRED_PRAGMAS.items():
        got = con.execute(f"PRAGMA {pragma}").fetchone()[0]
        if str(got).lower() != str(wanted):
            raise StorageError("pragma_failed", pragma=pragma, value=got)


@contextlib.contextmanager
def immediate(conn: Any) -> Iterator[None]:
    """Make the next transaction on ``conn`` a write transaction from its first statement."""
    conn.info["begin"] = "BEGIN IMMEDIATE"
    try:
        yield
    finally:
        conn.info.pop("begin", None)

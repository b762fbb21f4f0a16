"""Automatic, rotating, integrity-checked backups of a register file, and restoring one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from .connection import connect_read_only, connect_reader
from .errors import StorageError
from .integrity import damage, foreign_objects
from .lock import RegisterLock
from .private import create_private_file, private_dir

KEEP = 10
DUE_AFTER_SECONDS = 24 * 3600


def backup_folder(db_path: Path, backup_dir: Path) -> Path:
    """One folder per register file (two files with the same name in different places never mix)."""
    digest = hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:10]
    return backup_dir / f"{db_path.stem}-{digest}"


def list_backups(db_path: Path, backup_dir: Path) -> list[Path]:
    """Backups of ``db_path``, newest first."""
    folder = backup_folder(db_path, backup_dir)
    return sorted(folder.glob("*.sqlite"), reverse=True) if folder.is_dir() else []


def backup_if_due(db_path: Path, backup_dir: Path, *, force: bool = False) -> Path | None:
    """Back up when the newest backup is a day old (or ``force``, e.g. before a migration)."""
    existing = list_backups(db_path, backup_dir)
    if not force and existing and time.time() - existing[0].stat().st_mtime < DUE_AFTER_SECONDS:
        return None
    return make_backup(db_path, backup_dir)


def make_backup(db_path: Path, backup_dir: Path) -> Path:
    """Copy the register with SQLite's online backup API, verify the copy, keep the newest ``KEEP``."""
    folder = private_dir(backup_folder(db_path, backup_dir))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        create_private_file(partial)
        _copy(db_path, partial, source_read_only=True)
        _verify(partial, shown_as=db_path)  # a damaged register makes a damaged copy: say so, keep no copy
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError("io_error", reason=f"backup failed: {exc}") from None
    except StorageError:
        partial.unlink(missing_ok=True)
        raise
    for old in list_backups(db_path, backup_dir)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def find_backup(db_path: Path, backup_dir: Path, name: str | None) -> Path:
    """The backup called ``name`` (its file name, with or without ``.sqlite``), or the newest when None."""
    backups = list_backups(db_path, backup_dir)
    if not backups:
        raise StorageError("no_backup", path=db_path, folder=backup_folder(db_path, backup_dir))
    if name is None:
        return backups[0]
    for backup in backups:
        if name in (backup.name, backup.stem):
            return backup
    raise StorageError("unknown_backup", path=db_path, name=name)


def restore_backup(backup: Path, db_path: Path, *, break_lock: bool = False) -> Path | None:
    """Replace ``db_path`` with a verified backup (identical content), holding its lock.

    The file replaced (damaged, or simply older) is kept beside it as ``NAME.before-restore-STAMP``, whose path
    is returned; a lost register is recreated. Nothing is changed when the backup is unsound.
    """
    _verify(backup)
    private_dir(db_path.parent)
    lock = RegisterLock(db_path, break_lock=break_lock)
    lock.acquire()
    partial = db_path.with_name(db_path.name + ".restoring")
    try:
        partial.unlink(missing_ok=True)
        create_private_file(partial)
        _copy(backup, partial, source_read_only=True)
        _verify(partial)
        kept = None
        if os.path.lexists(db_path):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                if os.path.lexists(str(db_path) + suffix):
                    os.replace(str(db_path) + suffix, str(kept) + suffix)
        os.replace(partial, db_path)
        return kept
    except (sqlite3.Error, OSError) as exc:
        raise StorageError("io_error", reason=f"restore failed: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
        lock.release()


def _copy(source: Path, target: Path, *, source_read_only: bool) -> None:
    src = connect_reader(source) if source_read_only else sqlite3.connect(os.fspath(source))
    dst = sqlite3.connect(os.fspath(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def _verify(path: Path, *, shown_as: Path | None = None) -> None:
    """The full integrity check, foreign keys and foreign objects, on a backup (or a copy about to become one)."""
    if not path.is_file():
        raise StorageError("not_found", path=path)
    try:
        con = connect_read_only(path)
        try:
            problem = damage(con, full=True)
            foreign = foreign_objects(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("corrupt", path=shown_as or path, reason=exc) from None
    if problem is not None:
        raise StorageError("corrupt", path=shown_as or path, reason=problem)
    if foreign:
        raise StorageError("foreign_objects", path=shown_as or path, objects=", ".join(foreign[:10]))

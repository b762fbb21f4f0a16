"""Automatic, rotating, integrity-checked backups of a register file, and restoring one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from .errors import StorageError

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
    folder = backup_folder(db_path, backup_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        _copy(db_path, partial, source_read_only=True)
        _verify(partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StorageError("io_error", reason=f"backup failed: {exc}") from None
    for old in list_backups(db_path, backup_dir)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def restore_backup(backup: Path, db_path: Path) -> None:
    """Replace ``db_path`` (closed, not locked) with a verified backup; the content is identical."""
    _verify(backup)
    partial = db_path.with_name(db_path.name + ".restoring")
    try:
        _copy(backup, partial, source_read_only=True)
        _verify(partial)
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(partial, db_path)
    finally:
        partial.unlink(missing_ok=True)


def _copy(source: Path, target: Path, *, source_read_only: bool) -> None:
    uri = source.resolve().as_uri() + ("?mode=ro" if source_read_only else "")
    src = sqlite3.connect(uri, uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def _verify(path: Path) -> None:
    if not path.is_file():
        raise StorageError("not_found", path=path)
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("corrupt", path=path, reason=exc) from None
    if result != "ok":
        raise StorageError("corrupt", path=path, reason=result)

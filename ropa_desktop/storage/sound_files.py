"""Remembering that a register file passed its integrity check, so an unchanged file is not checked again.

``PRAGMA quick_check`` and ``foreign_key_check`` read every page: about half a second at 10,000 activities and
growing with the file, paid by every command and every start of the window. Most opens are of a file that has
not changed since the last one. A clean check is remembered in the per-user data folder against what any change
to the file changes: its identity (device, inode), size, modification and status-change times (the status-change
time cannot be set back by a program that restores the modification time), the header's change counter, and the
same for a non-empty write-ahead log (where a WAL register's recent commits live). Any write, by us or anyone,
makes the next open check again.

Why not the other options: ``quick_check(N)`` limits the errors reported, not the pages read; checking only when
opening for writing would let ``check`` and ``export`` read a file damaged since, with no word of it. What this
does not see is damage that leaves every one of those unchanged (a disk's bit rot): SQLite still refuses a damaged
page it reads ("database disk image is malformed"), and the store turns that into the same "damaged" refusal with
the restore hint; a migration or a backup always runs the full check.

A check whose file changed within the last seconds is not remembered: file times have a coarse tick, and a write
in the same tick as the check would otherwise look like the file that was checked (git's "racy" index entries).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from . import paths
from .private import FILE_MODE, private_dir

# How long a file must have been left alone before a clean check of it is remembered.
SETTLED_SECONDS = 2.0
_MEMO_NAME = "checked-registers.json"
_KEEP = 32  # registers remembered (the most recent ones)

Signature = list[object]


def _stat_part(path: Path, *, optional: bool) -> list[object] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return [] if optional else None
    if optional and st.st_size == 0:  # an empty log (a reader just made it) holds nothing
        return []
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def signature(path: Path, header: bytes) -> Signature | None:
    """What any change to the register ``path`` changes; None when it is missing or changed too recently."""
    main = _stat_part(path, optional=False)
    wal = _stat_part(Path(f"{path}-wal"), optional=True)
    if main is None or wal is None:
        return None
    settled = time.time_ns() - int(SETTLED_SECONDS * 1e9)
    times = [t for part in (main, wal) for t in part[3:5]]
    if any(int(t) > settled for t in times):  # type: ignore[call-overload]
        return None
    return [*main, *wal, header[24:28].hex(), header[92:100].hex()]


def _memo_path() -> Path:
    return paths.data_dir() / _MEMO_NAME


def _read_memo() -> dict[str, Signature]:
    try:
        data = json.loads(_memo_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def known_sound(path: Path, sig: Signature | None) -> bool:
    """Whether ``path``, as ``sig`` describes it now, passed a check when it was exactly so."""
    return sig is not None and _read_memo().get(str(Path(path).resolve())) == sig


def remember_sound(path: Path, sig: Signature | None) -> None:
    """Record a clean check of ``path`` taken while it was ``sig``; a failure to record only costs a later check."""
    if sig is None:
        return
    memo = _read_memo()
    key = str(Path(path).resolve())
    memo.pop(key, None)
    memo[key] = sig
    kept = dict(list(memo.items())[-_KEEP:])
    target = _memo_path()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        private_dir(target.parent)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)  # register paths: owner-only
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(kept, handle)
        os.replace(temporary, target)  # readers see the old memo or the new one, never half of one
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)

"""Atomic file writes: a crash or an error mid-export never leaves a half file over a good one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".ropa-tmp-"
STALE_AFTER_SECONDS = 3600.0


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left byte-identical.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    # Leftovers of a killed export; an hour's margin spares another export writing here right now.
    clean_stale_temp_files(directory, older_than=STALE_AFTER_SECONDS)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=directory)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes owner-only files; a replaced file keeps the permissions its owner gave it.
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or owner-only for a new file (exports hold personal data)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0o077)
        os.umask(mask)
        return 0o600 & ~mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(data)


def clean_stale_temp_files(directory: Path, *, older_than: float = 0.0) -> list[Path]:
    """Remove temporary files a killed export left behind (older than ``older_than`` seconds)."""
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for candidate in sorted(Path(directory).glob(f"{TEMP_PREFIX}*")):
            with contextlib.suppress(OSError):
                if now - candidate.stat().st_mtime >= older_than:
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def _fsync_directory(directory: Path) -> None:
    # The rename itself must reach the disk; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

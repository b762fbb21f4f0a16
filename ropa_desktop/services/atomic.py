"""Atomic file writes: a crash or an error mid-export never leaves a half file over a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".ropa-tmp-"


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside ``path``; on success fsync it and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left byte-identical.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_output(path) as handle:
        handle.write(data)


def write_with(path: Path, writer: Callable[[BinaryIO], None]) -> None:
    """Let ``writer`` fill the temporary file (e.g. a workbook's ``save``), then publish it atomically."""
    with atomic_output(path) as handle:
        writer(handle)


def clean_stale_temp_files(directory: Path) -> list[Path]:
    """Remove temporary files a killed export left behind; returns what was removed."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for candidate in Path(directory).glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
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

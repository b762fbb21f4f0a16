"""Personal data on disk: files created 0600 and folders 0700 (a stricter umask still applies)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) owner-only; an existing folder keeps the mode its owner chose."""
    path = Path(path)
    missing = []
    for candidate in (path, *path.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # created meanwhile by another process
            folder.mkdir(mode=DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty ``path`` owner-only; FileExistsError if something is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)


def umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask

"""Unexpected errors written to ``logs/`` in the per-user data folder: where and what failed, no register content."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from .paths import data_dir
from .private import FILE_MODE, private_dir

KEEP = 50


def log_dir() -> Path:
    return data_dir() / "logs"


def write_error_log(exc: BaseException, command: str) -> Path:
    """Write ``exc``'s type and stack to a new owner-only log file and return its path.

    The exception's message and local values are left out: they may quote the register (names, contacts).
    """
    folder = private_dir(log_dir())
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"error-{stamp}-{os.getpid()}.log"
    lines = [
        f"ROPA Desktop {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"when: {stamp}",
        f"command: {command}",
        f"error: {type(exc).__module__}.{type(exc).__qualname__} (message withheld: it may quote the register)",
        "stack (most recent call last):",
    ]
    for frame in traceback.extract_tb(exc.__traceback__):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    _rotate(folder)
    return path


def _short(filename: str) -> str:
    """A source file's path from the package or the standard library down, not the user's folders."""
    parts = Path(filename).parts
    for anchor in ("ropa_desktop", "site-packages", f"python{sys.version_info.major}.{sys.version_info.minor}"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor):])
    return Path(filename).name


def _rotate(folder: Path) -> None:
    for old in sorted(folder.glob("error-*.log"), reverse=True)[KEEP:]:
        old.unlink(missing_ok=True)

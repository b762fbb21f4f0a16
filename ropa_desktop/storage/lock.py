"""One writer per register file: a lock file naming host, user and pid, with stale-lock recovery."""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StorageError


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # Windows raises OSError for a dead pid
        return False
    return True


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


class RegisterLock:
    """Held while a register is open for writing; a second instance gets a clear ``locked`` error."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.db_path = db_path
        self.held = False

    def acquire(self) -> None:
        me = {"host": socket.gethostname(), "pid": os.getpid(), "user": current_user(),
              "since": datetime.now(UTC).isoformat(timespec="seconds")}
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = _read(self.path)
                if holder is not None and not self._stale(holder):
                    raise StorageError("locked", path=self.db_path, user=holder.get("user", "?"),
                                       host=holder.get("host", "?"), pid=holder.get("pid", "?"),
                                       since=holder.get("since", "?")) from None
                # A stale or unreadable lock: its owner died without cleaning up.
                with contextlib.suppress(OSError):
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me, handle)
            self.held = True
            return
        raise StorageError("busy", path=self.db_path)

    @staticmethod
    def _stale(holder: dict[str, Any]) -> bool:
        if holder.get("host") != socket.gethostname():
            return False  # cannot tell whether a process on another machine is alive: respect the lock
        pid = holder.get("pid")
        return not isinstance(pid, int) or not _pid_alive(pid)

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(OSError):
                holder = _read(self.path)
                if holder is None or holder.get("pid") == os.getpid():
                    self.path.unlink()
            self.held = False

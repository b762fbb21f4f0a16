"""One writer per register file: an OS lock held on an open lock file that names its holder.

Exclusion is the kernel's (``fcntl.flock``, released when the holder dies, whatever it leaves behind); the
file's content (host, pid, process start time, user, since) only explains who holds it. A lock whose content
names another host, or a live process that does not hold the OS lock, is only broken with explicit consent.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import StorageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# How long a second writer waits for the first to finish before it is refused (a CLI import takes ~1 s).
DEFAULT_WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.05
_MAX_LOCK_BYTES = 4096


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text("ascii").strip()
    except OSError:
        return ""


def process_start(pid: int) -> str:
    """When ``pid`` started (boot id + clock ticks since boot, Linux), or "" where that cannot be told.

    A reused PID has another start time, so a lock naming a dead process is recognised as stale.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", errors="replace")
    except OSError:
        return ""
    # The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    fields = stat[stat.rfind(")") + 2:].split()
    return f"{_boot_id()}:{fields[19]}" if len(fields) > 19 else ""


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


def holder_alive(holder: dict[str, Any]) -> bool:
    """Whether the process a lock names is still running on this host (the same process, not a reused PID)."""
    pid = holder.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or not _pid_alive(pid):
        return False
    started = holder.get("started")
    return not started or not isinstance(started, str) or process_start(pid) in ("", started)


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def read_holder(db_path: Path) -> dict[str, Any] | None:
    """Who the lock file says holds ``db_path`` (None: no lock file, or one without readable content)."""
    try:
        with lock_path(db_path).open("rb") as handle:
            return _parse(handle.read(_MAX_LOCK_BYTES))
    except OSError:
        return None


def _locked_error(db_path: Path, holder: dict[str, Any] | None, code: str = "locked") -> StorageError:
    holder = holder or {}
    return StorageError(code, path=db_path, user=holder.get("user", "?"), host=holder.get("host", "?"),
                        pid=holder.get("pid", "?"), since=holder.get("since", "?"))


class RegisterLock:
    """Held while a register is open for writing; a second writer waits briefly, then gets ``locked``.

    ``break_lock`` is the user's consent to take over a lock left by another host or by a process that no
    longer holds it (the CLI's ``--break-lock``, the GUI's button naming the holder).
    """

    def __init__(self, db_path: Path, *, wait: float = DEFAULT_WAIT_SECONDS, break_lock: bool = False) -> None:
        self.path = lock_path(db_path)
        self.db_path = db_path
        self.wait = wait
        self.break_lock = break_lock
        self.held = False
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_exclusive_create()
            return
        deadline = time.monotonic() + self.wait
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise _locked_error(self.db_path, read_holder(self.db_path)) from None
                time.sleep(_POLL_SECONDS)
                continue
            except BaseException:
                os.close(fd)
                raise
            # The previous holder may have removed the file between our open and our lock: lock the real one.
            if not self._same_file(fd):
                os.close(fd)
                continue
            try:
                self._claim(fd)
            except BaseException:
                os.close(fd)
                raise
            return

    def _same_file(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except OSError:
            return False

    def _claim(self, fd: int) -> None:
        """We hold the OS lock: refuse a lock another host or a still-running process claims, else write ours."""
        os.lseek(fd, 0, os.SEEK_SET)
        holder = _parse(os.read(fd, _MAX_LOCK_BYTES))
        mine = holder is not None and holder.get("host") == socket.gethostname() and holder.get("pid") == os.getpid()
        if holder and not self.break_lock and not mine:
            if holder.get("host") != socket.gethostname():
                # Whether a process on another machine still runs cannot be told from here: ask the user.
                raise _locked_error(self.db_path, holder, "locked_elsewhere")
            if holder_alive(holder):
                # Running, yet not holding the OS lock (an older version of the program): respect it.
                raise _locked_error(self.db_path, holder)
        me = {"host": socket.gethostname(), "pid": os.getpid(), "started": process_start(os.getpid()),
              "user": current_user(), "since": datetime.now(UTC).isoformat(timespec="seconds")}
        data = json.dumps(me).encode("utf-8")
        # Overwrite, then cut: a reader never sees the file empty once it has had content.
        os.pwrite(fd, data, 0)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
        self._fd = fd
        self.held = True

    def _acquire_exclusive_create(self) -> None:  # pragma: no cover - Windows
        """Without flock: the content is written to a temporary file first, then linked into place atomically."""
        me = {"host": socket.gethostname(), "pid": os.getpid(), "started": "", "user": current_user(),
              "since": datetime.now(UTC).isoformat(timespec="seconds")}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(me), "utf-8")
        try:
            deadline = time.monotonic() + self.wait
            while True:
                try:
                    os.link(tmp, self.path)
                    self.held = True
                    return
                except FileExistsError:
                    holder = read_holder(self.db_path)
                    if self.break_lock:
                        with contextlib.suppress(OSError):
                            self.path.unlink()
                        self.break_lock = False
                        continue
                    if time.monotonic() >= deadline:
                        raise _locked_error(self.db_path, holder) from None
                    time.sleep(_POLL_SECONDS)
        finally:
            tmp.unlink(missing_ok=True)

    def release(self) -> None:
        if not self.held:
            return
        if self._fd is not None:
            # Removed while still locked, so nobody can lock this inode after us (see _same_file).
            with contextlib.suppress(OSError):
                if self._same_file(self._fd):
                    self.path.unlink()
            os.close(self._fd)
            self._fd = None
        else:  # pragma: no cover - Windows
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.held = False

"""The day's backup made on a thread while the window reads the register; the first write waits for it."""

from __future__ import annotations

import threading
from pathlib import Path

from .backup import backup_if_due
from .errors import StorageError


class BackupBehind:
    """``backup_if_due`` on its own thread, started when the register is opened.

    Copying and fully checking a 50,000-activity register takes several seconds, which the window would otherwise
    wait before showing anything. SQLite releases the interpreter's lock while it copies and checks, so the copy
    runs on the second core while the register is read. It is of the file as opened: the register is this
    store's alone (its lock), and its first write waits here first.
    """

    def __init__(self, path: Path, folder: Path) -> None:
        self.folder = folder
        self._path = path
        self._failed: StorageError | None = None
        self._thread = threading.Thread(target=self._run, name="register-backup", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            backup_if_due(self._path, self.folder)
        except StorageError as exc:  # said at the first write, which tries again (as a command's first write does)
            self._failed = exc

    def wait(self) -> bool:
        """Wait for the copy; True when it was made (or not due), False when it failed."""
        self._thread.join()
        return self._failed is None

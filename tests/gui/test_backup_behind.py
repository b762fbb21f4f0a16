"""The window shows a register before its day's backup is made; the first save waits for the copy as opened."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from ropa_desktop.storage import backup, backup_behind, paths
from ropa_desktop.storage.backup import list_backups
from ropa_desktop.storage.errors import StorageError


def _names(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {row[0] for row in con.execute("SELECT name FROM activities")}
    finally:
        con.close()


def test_the_window_opens_before_the_backup_and_its_first_save_waits_for_it(
    open_window: Any, register_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    copy, go, copying = backup.backup_if_due, threading.Event(), threading.Event()

    def slow_copy(path: Path, folder: Path) -> Path | None:  # a large register's copy, held until the test says
        copying.set()
        go.wait(20)
        return copy(path, folder)

    monkeypatch.setattr(backup_behind, "backup_if_due", slow_copy)
    before = _names(register_path)
    window = open_window(register_path)
    assert copying.wait(5) and window.isVisible()
    assert list_backups(register_path, paths.backup_dir()) == []  # the window did not wait for the copy
    name = window.form.ui.activityNameEdit
    name.selectAll()
    qtbot.keyClicks(name, "Renamed while the copy was made")
    threading.Timer(0.3, go.set).start()
    window.form.flush()  # the save waits for the copy, which is of the register as it was opened
    backups = list_backups(register_path, paths.backup_dir())
    assert len(backups) == 1 and _names(backups[0]) == before
    assert "Renamed while the copy was made" in _names(register_path)


def test_a_failed_copy_is_made_again_before_the_first_save(
    open_window: Any, register_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    copy = backup.backup_if_due

    def failing(path: Path, folder: Path) -> Path | None:
        raise StorageError("io_error", reason="backup failed: disk full")

    monkeypatch.setattr(backup_behind, "backup_if_due", failing)
    before = _names(register_path)
    window = open_window(register_path)
    monkeypatch.setattr(backup_behind, "backup_if_due", copy)
    name = window.form.ui.activityNameEdit
    name.selectAll()
    qtbot.keyClicks(name, "Saved after a second copy")
    window.form.flush()
    backups = list_backups(register_path, paths.backup_dir())
    assert len(backups) == 1 and _names(backups[0]) == before
    assert "Saved after a second copy" in _names(register_path)

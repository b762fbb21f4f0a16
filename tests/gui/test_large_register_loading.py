"""A large register's window shows its list before the register is read whole, then works as usual."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ropa_desktop.gui import register_loading
from ropa_desktop.gui.row_selection import ID_ROLE
from ropa_desktop.storage.repository import RegisterStore


def _visible(window: Any) -> list[str]:
    proxy = window.list.proxy
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_the_list_shows_first_and_the_form_edits_once_the_register_is_read(
    open_window: Any, register_path: Path, qtbot: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(register_loading, "LOAD_LATER_FROM", 1)  # a small file read as a large one is
    read_whole, go = register_loading._read_whole, threading.Event()  # the reading waits for the test's word
    monkeypatch.setattr(register_loading, "_read_whole", lambda store: go.wait(20) and read_whole(store))
    with RegisterStore.open(register_path, read_only=True) as store:
        org = store.load().organizations[0]
    window = open_window(register_path)
    assert window.session.loading  # nothing was read whole before the window showed
    assert _visible(window) == [a.id for a in org.activities]
    name_column = window.list.proxy.index(0, 1)
    assert name_column.data() == org.activities[0].name
    # The legal bases follow in a second light query, while the rest is still being read.
    qtbot.waitUntil(lambda: window.list.proxy.index(0, 3).data() != "", timeout=10_000)
    assert [window.list.model.summary(a.id).legal_bases for a in org.activities] == [
        tuple(a.legal_bases()) for a in org.activities]
    assert any(len(a.legal_bases()) > 1 for a in org.activities)
    assert window.status.countLabel.text() == f"{len(org.activities)} of {len(org.activities)} activities"
    assert window.loader.label.isVisible() and window.loader.label.text() == "Loading the register…"
    assert "(read-only)" not in window.windowTitle()
    # The form shows the selected activity, read alone; what needs the whole register waits.
    assert window.form.activity_id == org.activities[0].id
    assert window.form.ui.activityNameEdit.text() == org.activities[0].name
    assert window.form.ui.activityNameEdit.isReadOnly()
    for action in (window.ui.actionImport, window.ui.actionExportXlsx, window.ui.actionNewActivity):
        assert not action.isEnabled()
    target = org.activities[3]
    qtbot.keyClicks(window.ui.activityFilter, target.reference.lower())  # the search works meanwhile
    assert _visible(window) == [target.id]
    table = window.ui.activityTable
    row = table.visualRect(window.list.proxy.index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.form.activity_id == target.id and window.form.ui.activityNameEdit.text() == target.name
    assert not window.ui.actionExportPdf.isEnabled() and not window.ui.actionImport.isEnabled()
    assert window.session.loading
    go.set()
    qtbot.waitUntil(lambda: not window.session.loading, timeout=20_000)
    assert not window.loader.label.isVisible()
    assert window.ui.actionExportXlsx.isEnabled() and window.ui.actionImport.isEnabled()
    assert _visible(window) == [target.id]  # the search stands
    name = window.form.ui.activityNameEdit
    assert not name.isReadOnly()
    name.selectAll()
    qtbot.keyClicks(name, "Caf")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # (QTest types ASCII only)
        QApplication.sendEvent(name, QKeyEvent(kind, Qt.Key.Key_Eacute, Qt.KeyboardModifier.NoModifier, "é"))
    qtbot.keyClicks(name, " du personnel")
    window.form.flush()
    window.list.finish_indexing()
    with RegisterStore.open(register_path, read_only=True) as store:
        assert store.load_activity(target.id).name == "Café du personnel"
    window.ui.activityFilter.clear()
    qtbot.keyClicks(window.ui.activityFilter, "CAFE DU")  # accents and case are left out of the search
    assert _visible(window) == [target.id]
    qtbot.keyClick(window.ui.activityFilter, Qt.Key.Key_Escape)
    assert len(_visible(window)) == len(org.activities)


def test_closing_the_window_while_the_register_is_read_waits_for_the_read(
    qtbot: Any, register_path: Path, english: None, monkeypatch: Any
) -> None:
    from ropa_desktop.gui.application import build_main_window

    monkeypatch.setattr(register_loading, "LOAD_LATER_FROM", 1)
    read_whole, started = register_loading._read_whole, threading.Event()
    monkeypatch.setattr(register_loading, "_read_whole", lambda store: started.set() or read_whole(store))
    window = build_main_window(register_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    window.close()  # no crash, no error shown: the read ends before the file is closed, and is dropped
    assert window.session.loading and not window.loader.runner.is_running()
    with RegisterStore.open(register_path) as store:  # the lock is released
        assert store.count_activities() == 12

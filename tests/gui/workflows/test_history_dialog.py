"""The history view: a display name set in preferences, an edit typed in the form, then who changed what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidget

from ropa_desktop.gui.dialogs.preferences import PreferencesDialog
from ropa_desktop.gui.history_dialog import HistoryDialog
from ropa_desktop.storage.repository import RegisterStore


def _set_display_name(window: Any, monkeypatch: Any, name: str) -> None:
    def run(dialog: PreferencesDialog) -> int:
        edit = dialog.ui.displayNameEdit
        edit.clear()
        QTest.keyClicks(edit, name)
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", run)
    window.ui.actionPreferences.trigger()


def _history(window: Any, qtbot: Any) -> HistoryDialog:
    QTest.mouseClick(window.form.findChild(object, "historyButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
    dialog = window.findChild(HistoryDialog)
    qtbot.addWidget(dialog)
    return dialog


def _rows(tree: QTreeWidget) -> list[tuple[str, list[tuple[str, str, str]]]]:
    events = []
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        events.append((head.text(0), [(head.child(j).text(0), head.child(j).text(1), head.child(j).text(2))
                                      for j in range(head.childCount())]))
    return events


def test_history_names_the_display_name_and_each_field_old_and_new(window: Any, register_path: Path, qtbot: Any,
                                                                   monkeypatch: Any) -> None:
    _set_display_name(window, monkeypatch, "Alice Martin")
    activity = window.current_activity()
    old_name = activity.name
    name = window.form.ui.activityNameEdit
    name.setFocus()
    name.selectAll()
    QTest.keyClicks(name, "Payroll of staff")
    QTest.keyClick(name, Qt.Key.Key_Tab)
    window.form.flush()
    with RegisterStore.open(register_path, read_only=True) as store:
        last = store.audit_log(activity.id)[-1]
    assert last.display_name == "Alice Martin" and last.user  # the system user stays the accountable name
    dialog = _history(window, qtbot)
    events = _rows(dialog.tree)
    newest, changes = events[0]
    assert "Alice Martin (" in newest and "changed 1 field" in newest
    assert changes == [("Name of the processing", old_name, "Payroll of staff")]
    # The creation (written by the import that made the file) shows the first content, field by field.
    created, first = events[-1]
    assert "created" in created
    assert ("Name of the processing", "∅", old_name) in first
    assert ("Reference", "∅", activity.reference) in first
    dialog.close()


def test_history_is_in_the_edit_menu_and_in_french(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    from ropa_desktop.gui.i18n import install_language

    assert window.historyAction in window.ui.menuEdit.actions()
    install_language("fr")
    assert window.historyAction.text() == "Historique…"
    activity = window.current_activity()
    status = window.form.ui.activityStatusCombo
    status.setFocus()
    QTest.keyClick(status, Qt.Key.Key_Up if status.currentIndex() else Qt.Key.Key_Down)
    window.form.flush()
    window.historyAction.trigger()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
    dialog = window.findChild(HistoryDialog)
    qtbot.addWidget(dialog)
    head, changes = _rows(dialog.tree)[0]
    assert "1 champ modifié" in head
    assert [label for label, _, _ in changes] == ["Statut"]
    assert activity.reference in dialog.windowTitle() and dialog.windowTitle().startswith("Historique de")


def test_history_of_a_client_in_the_processor_mode(window: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit, QPushButton, QTabWidget

    from ropa_desktop.domain.fields import label

    qtbot.mouseClick(window.modeBar, Qt.MouseButton.LeftButton, pos=window.modeBar.tabRect(1).center())
    pane = window.findChild(QTabWidget, "processorPane")
    qtbot.mouseClick(pane.tabBar(), Qt.MouseButton.LeftButton, pos=pane.tabBar().tabRect(1).center())
    window.findChild(QPushButton, "newClientButton").click()
    for text in ("Acme Hospital", "Acme Hospital SA"):
        field = window.findChild(QLineEdit, "clientNameEdit")
        field.setFocus()
        field.selectAll()
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Tab)
    window.historyAction.trigger()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
    dialog = window.findChild(HistoryDialog)
    qtbot.addWidget(dialog)
    assert "Acme Hospital SA" in dialog.windowTitle()
    events = _rows(dialog.tree)
    assert events[0][1] == [(label("client", "name", "en"), "Acme Hospital", "Acme Hospital SA")]
    assert "created" in events[-1][0]

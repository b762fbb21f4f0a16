"""Tab in a sub-list goes along the row: a measure's type picked, then Tab and typing, fills its details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from tests.gui.workflows.driving import button, table, type_into_editor
from tests.gui.workflows.test_processor_workflow import click_tab, on_disk


def test_tab_after_picking_a_type_moves_to_the_details_and_typing_fills_them(
    window: Any, qtbot: Any, register_path: Path
) -> None:
    click_tab(qtbot, window.modeBar, 1)
    click_tab(qtbot, window.findChild(QTabWidget, "processorPane").tabBar(), 2)
    view = table(window, "generalSecurityTable")
    button(window, "generalSecurityTableAdd").click()
    type_into_editor(qtbot, view, "", combo_index=1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view or view.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClicks(view, "B")  # a key pressed on a cell opens its editor with that key
    qtbot.keyClicks(QApplication.focusWidget(), "adge readers")  # the rest goes where the focus now is
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    measures = on_disk(register_path, window.org_id).security_measures
    assert [m.details for m in measures] == ["Badge readers"] and measures[0].type
    # Past the row's last cell, Tab leaves the table for the next control, as in the rest of the form.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view

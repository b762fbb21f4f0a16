"""Helpers for tests that drive the form the way a person does: named buttons, keys, the wheel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableView, QToolButton, QWidget


def table(window: Any, name: str) -> QTableView:
    found = window.findChild(QTableView, name)
    assert found is not None, name
    return found


def button(window: Any, name: str) -> QToolButton:
    found = window.findChild(QToolButton, name)
    assert found is not None, name
    return found


def open_editor(view: QTableView) -> QWidget:
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "no editor open on the current cell"
    return editor


def type_into_editor(qtbot: Any, view: QTableView, text: str, combo_index: int = 1) -> None:
    """Type ``text`` into the open editor (a combo takes entry ``combo_index``), then Enter."""
    editor = open_editor(view)
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(combo_index)
        editor.activated.emit(combo_index)
    elif isinstance(editor, QLineEdit):
        editor.clear()
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on Enter through a queued call


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A mouse wheel turn over ``widget`` (negative: towards the user, i.e. scroll down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)

"""The mouse wheel scrolls the form: a combo, spin box or date field changes only once it has focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollArea,
    QWidget,
)


class WheelGuard(QObject):
    """Hands an unfocused widget's wheel event to the scroll area around it, as if it were not there."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        # A sub-table grows with its rows and has nothing to scroll; a focused combo keeps its wheel.
        forward = bool(watched.property("forwardWheel"))
        if watched.hasFocus() and not forward:
            return False
        area = _outer_scroll_area(watched)
        if area is not None:
            QApplication.sendEvent(area.verticalScrollBar(), event)
        return True


_GUARD: list[WheelGuard] = []


def guard_wheel(widget: QWidget) -> None:
    """``widget`` takes focus by click or Tab only (never by the wheel) and ignores the wheel until then."""
    if not _GUARD:
        _GUARD.append(WheelGuard())
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_GUARD[0])
    if isinstance(widget, QAbstractItemView):
        # Its viewport and sideways scroll bar hand every wheel turn to the form (they cannot scroll down).
        for part in (widget.viewport(), widget.horizontalScrollBar()):
            part.setProperty("forwardWheel", True)
            part.installEventFilter(_GUARD[0])
        return


def guard_all(root: QWidget) -> None:
    """Guard every combo box and spin box (dates included) under ``root``."""
    for widget in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        guard_wheel(widget)


def _outer_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area the form lives in (tables on the way have nothing to scroll vertically)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None

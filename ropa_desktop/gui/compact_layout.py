"""The main window on a small screen (640×480): nothing sets a minimum wider than the screen, the form stays whole."""

from __future__ import annotations

from typing import Any  # the MainWindow, typed Any: importing it here would be an import circle

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QSizePolicy, QWidget

LIST_MIN_WIDTH = 200  # the activity list can be narrowed this far (its filter row is then clipped, not the form)
OUTLINE_BELOW = 560  # under this width the form's section outline gives its room to the form itself


class _Folder(QObject):
    """While the form's page is narrow: the outline hides and each label goes above its field (undone when wide)."""

    def __init__(self, page: QWidget, outline: QWidget, form: QWidget) -> None:
        super().__init__(page)
        self.page, self.outline = page, outline
        self.layouts = form.findChildren(QFormLayout)
        self.narrow: bool | None = None
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Resize:
            narrow = self.page.width() < OUTLINE_BELOW
            if narrow != self.narrow:
                self.narrow = narrow
                self.outline.setVisible(not narrow)
                wrap = QFormLayout.RowWrapPolicy.WrapAllRows if narrow else QFormLayout.RowWrapPolicy.DontWrapRows
                for layout in self.layouts:
                    layout.setRowWrapPolicy(wrap)
        return False


def fit(window: Any) -> None:
    """Let the window shrink to 640×480: long status text elides, the list narrows, the form folds (see _Folder)."""
    ui = window.ui
    label = window.status.fileLabel  # a long server address must not set the window's minimum width
    label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
    label.setMinimumWidth(40)
    ui.listPane.setMinimumWidth(LIST_MIN_WIDTH)
    for combo in (ui.statusFilter, ui.legalBasisFilter):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
    ui.organizationSelector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    ui.organizationSelector.setMinimumContentsLength(10)
    page = window.outline.parentWidget()
    if page is not None:
        _Folder(page, window.outline, window.form)

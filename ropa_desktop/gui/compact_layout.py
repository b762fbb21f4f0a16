"""The main window on a small screen (640×480): nothing sets a minimum wider than the screen, the form stays whole."""

from __future__ import annotations

from typing import Any  # the MainWindow, typed Any: importing it here would be an import circle

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QComboBox, QFormLayout, QSizePolicy, QWidget

LIST_MIN_WIDTH = 200  # the activity list can be narrowed this far (its filter row is then clipped, not the form)
OUTLINE_BELOW = 560  # under this width the form's section outline gives its room to the form itself


class _Folder(QObject):
    """While the form's page is narrow: the outline hides, labels go above fields, titles wrap (undone when wide)."""

    def __init__(self, page: QWidget, outline: QWidget, form: Any) -> None:
        super().__init__(page)
        self.page, self.outline, self.form = page, outline, form
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
                self.form.wrap_titles(narrow)  # a long section title would set the form's width
        return False


class _CheckColumn(QObject):
    """The list's filter boxes ("With transfers"...) go one under the other when the list is too narrow for a row."""

    def __init__(self, pane: QWidget, row: QBoxLayout) -> None:
        super().__init__(pane)
        self.pane, self.row = pane, row
        pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pane and event.type() in (QEvent.Type.Resize, QEvent.Type.LanguageChange):
            items = [self.row.itemAt(i) for i in range(self.row.count())]
            boxes = [item.widget() for item in items if item is not None]
            shown = [box for box in boxes if box is not None and not box.isHidden()]
            layout = self.pane.layout()
            margins = layout.contentsMargins() if layout is not None else None
            room = self.pane.width() - (margins.left() + margins.right() if margins is not None else 0)
            wanted = sum(box.sizeHint().width() for box in shown) + self.row.spacing() * max(0, len(shown) - 1)
            direction = QBoxLayout.Direction.LeftToRight if wanted <= room else QBoxLayout.Direction.TopToBottom
            if self.row.direction() != direction:
                self.row.setDirection(direction)
        return False


def fit(window: Any) -> None:
    """Let the window shrink to 640×480: long status text elides, the list narrows, the form folds (see _Folder)."""
    ui = window.ui
    label = window.status.fileLabel  # a long server address must not set the window's minimum width
    label.setSizePolicy(QSizePolicy.Policy.Ignored, label.sizePolicy().verticalPolicy())
    label.setMinimumWidth(40)
    ui.listPane.setMinimumWidth(LIST_MIN_WIDTH)
    # The legal bases' long labels give up their room; the status box keeps its few short words whole
    # ("Tous les statuts" lost its last letter when it gave up room too).
    ui.legalBasisFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    ui.legalBasisFilter.setMinimumContentsLength(8)
    ui.organizationSelector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    ui.organizationSelector.setMinimumContentsLength(10)
    _CheckColumn(ui.listPane, ui.quickCheckRow)
    page = window.outline.parentWidget()
    if page is not None:
        _Folder(page, window.outline, window.form)

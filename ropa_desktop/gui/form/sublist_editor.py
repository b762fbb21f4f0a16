"""An editable table for one sub-list, with add / remove / move up / move down buttons beside it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.fields import Kind
from ...domain.model import Organization
from ..icons import icon
from .delegates import FieldDelegate
from .sublist_model import SubListModel

MIN_ROWS, MAX_ROWS = 2, 10


class SubListEditor(QWidget):
    """The table sizes itself to its rows (the form scrolls, not each table); edits come out as new lists."""

    listEdited = Signal(str, list)  # activity attribute, new list

    def __init__(
        self,
        key: str,
        model: SubListModel,
        object_name: str,
        parent: QWidget | None = None,
        *,
        organization: Callable[[], Organization | None] = lambda: None,
        new_recipient: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.key, self.model = key, model
        self.table = QTableView(self)
        self.table.setObjectName(object_name)
        self.table.setAccessibleName(object_name)
        self.table.setModel(model)
        self.table.setItemDelegate(FieldDelegate(self.table, organization, new_recipient))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setWordWrap(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Few columns share the width (long texts stretch); many columns keep readable widths and scroll.
        self.wide = len(model.columns) > 4
        for column, spec in enumerate(model.columns):
            if spec.kind is Kind.BOOL:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            elif spec.kind is Kind.LONG_TEXT and not self.wide:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                width = {
                    Kind.CODE: 210,
                    Kind.CODES: 210,
                    Kind.RECIPIENT: 190,
                    Kind.LONG_TEXT: 220,
                    Kind.DURATION: 90,
                    Kind.COUNTRY: 150,
                }.get(spec.kind, 150)
                header.resizeSection(column, width)
        if self.wide or not any(s.kind is Kind.LONG_TEXT for s in model.columns):
            header.setStretchLastSection(True)
        if self.wide:
            self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.addButton = self._button("add", self._add)
        self.removeButton = self._button("remove", self._remove)
        self.upButton = self._button("up", lambda: self._move(-1))
        self.downButton = self._button("down", lambda: self._move(1))
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        for button in (self.addButton, self.removeButton, self.upButton, self.downButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        model.editRequested.connect(lambda items: self.listEdited.emit(self.key, items))
        model.modelReset.connect(self._fit_height)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self._fit_height()
        self.retranslate()

    def _button(self, icon_name: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.addButton.setToolTip(self.tr("Add a row"))
        self.removeButton.setToolTip(self.tr("Remove the selected row"))
        self.upButton.setToolTip(self.tr("Move the selected row up"))
        self.downButton.setToolTip(self.tr("Move the selected row down"))
        for button, text in (
            (self.addButton, self.tr("Add")),
            (self.removeButton, self.tr("Remove")),
            (self.upButton, self.tr("Up")),
            (self.downButton, self.tr("Down")),
        ):
            button.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self._update_buttons()

    def _fit_height(self) -> None:
        rows = max(MIN_ROWS, min(MAX_ROWS, self.model.rowCount()))
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + 2
            + (self.table.horizontalScrollBar().sizeHint().height() if self.wide else 0)
        )
        self.table.setFixedHeight(height)
        self._update_buttons()

    def _update_buttons(self, *_: Any) -> None:
        row = self.table.currentIndex().row()
        count = self.model.rowCount()
        writable = not self.model.read_only
        self.addButton.setEnabled(writable)
        self.removeButton.setEnabled(writable and 0 <= row < count)
        self.upButton.setEnabled(writable and 0 < row < count)
        self.downButton.setEnabled(writable and 0 <= row < count - 1)

    def select_row(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, column)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._update_buttons()

    # --- list edits -------------------------------------------------------------------------------

    def _add(self) -> None:
        items = copy.deepcopy(self.model.items())
        items.append(self.model.new_item())
        self.listEdited.emit(self.key, items)
        self.select_row(len(items) - 1)
        self.table.setFocus()

    def _remove(self) -> None:
        row = self.table.currentIndex().row()
        items = copy.deepcopy(self.model.items())
        if 0 <= row < len(items):
            del items[row]
            self.listEdited.emit(self.key, items)
            self.select_row(min(row, len(items) - 1))

    def _move(self, step: int) -> None:
        index: QModelIndex = self.table.currentIndex()
        row, target = index.row(), index.row() + step
        items = copy.deepcopy(self.model.items())
        if 0 <= row < len(items) and 0 <= target < len(items):
            items[row], items[target] = items[target], items[row]
            self.listEdited.emit(self.key, items)
            self.select_row(target, index.column())

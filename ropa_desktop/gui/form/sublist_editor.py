"""An editable table for one sub-list, with add / remove / move up / move down buttons beside it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from .wheel import guard_wheel

MIN_ROWS = 2  # an empty list still shows where its rows go; a long one grows (the form scrolls, not the table)


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
        self.delegate = FieldDelegate(self.table, organization)
        self.table.setItemDelegate(self.delegate)
        self._new_recipient = new_recipient
        self.delegate.offer_new_recipient = new_recipient is not None
        self._creating = False  # the "New recipient…" dialog is open for the draft row: keep it meanwhile
        self.delegate.newRecipientRequested.connect(self._new_recipient_for)
        self.delegate.closeEditor.connect(self._editor_closed)
        self.table.installEventFilter(self)
        guard_wheel(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)  # Tab moves through the form; arrows move between cells
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long cell shows its start; tooltip has all
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # A click on a row's number makes that row the one the buttons act on (Remove, Up, Down).
        self.table.verticalHeader().sectionClicked.connect(self._row_number_clicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Few columns share the width (long texts stretch); many columns keep readable widths and scroll.
        self.wide = len(model.columns) > 4
        for column, spec in enumerate(model.columns):
            if spec.kind is Kind.BOOL or (spec.kind is Kind.COUNTRY and spec.scope == "transfer"):
                # A transfer's country says its adequacy in words ("United States — adequate (DPF only)"): whole.
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            elif not self.wide:
                # Few columns share the width: every header stays whole and nothing scrolls sideways.
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                width = {
                    Kind.CODE: 180,
                    Kind.CODES: 200,
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
        else:
            self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.addButton = self._button("add", self.add_row, f"{object_name}Add")
        self.removeButton = self._button("remove", self.remove_row, f"{object_name}Remove")
        self.upButton = self._button("up", lambda: self._move(-1), f"{object_name}Up")
        self.downButton = self._button("down", lambda: self._move(1), f"{object_name}Down")
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
        model.rowsInserted.connect(self._fit_height)
        model.rowsRemoved.connect(self._fit_height)
        self.table.horizontalScrollBar().rangeChanged.connect(lambda *_: self._fit_height())
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self._fit_height()
        self.retranslate()

    def _button(self, icon_name: str, slot: Callable[[], None], name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def retranslate(self) -> None:
        self.addButton.setToolTip(self.tr("Add a row (Insert)"))
        self.removeButton.setToolTip(self.tr("Remove the selected row (Del)"))
        self.upButton.setToolTip(self.tr("Move the selected row up"))
        self.downButton.setToolTip(self.tr("Move the selected row down"))
        for button, text in (
            (self.addButton, self.tr("Add")),
            (self.removeButton, self.tr("Remove")),
            (self.upButton, self.tr("Up")),
            (self.downButton, self.tr("Down")),
        ):
            button.setAccessibleName(button.objectName())  # the stable name, like every named widget
            button.setAccessibleDescription(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        self._update_buttons()

    def _fit_height(self) -> None:
        rows = max(MIN_ROWS, self.model.rowCount())
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + 2
            + (self.table.horizontalScrollBar().sizeHint().height() if self._scrolls_sideways() else 0)
        )
        self.table.setFixedHeight(height)
        self._update_buttons()

    def _scrolls_sideways(self) -> bool:
        bar = self.table.horizontalScrollBar()
        return self.wide or bar.maximum() > 0

    def _update_buttons(self, *_: Any) -> None:
        row = self.table.currentIndex().row()
        count = self.model.rowCount()
        writable = not self.model.read_only
        self.addButton.setEnabled(writable)
        self.removeButton.setEnabled(writable and 0 <= row < count)
        self.upButton.setEnabled(writable and 0 < row < count)
        self.downButton.setEnabled(writable and 0 <= row < count - 1)

    def _row_number_clicked(self, row: int) -> None:
        self.select_row(row, max(self.table.currentIndex().column(), 0))

    def select_row(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, column)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._update_buttons()

    # --- keyboard ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._drop_unfinished_draft)  # the focus may have gone into the row's editor
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            key, mods = event.key(), event.modifiers()
            moving = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not moving and self._tab_within_row(key, mods):
                return True
            for wanted, button, needs in (
                (Qt.Key.Key_Insert, self.addButton, False),
                (Qt.Key.Key_Delete, self.removeButton, False),
                (Qt.Key.Key_Up, self.upButton, True),
                (Qt.Key.Key_Down, self.downButton, True),
            ):
                if key == wanted and bool(moving) == needs:
                    if button.isEnabled():
                        button.click()
                    return True
        return super().eventFilter(watched, event)

    def _tab_within_row(self, key: int, mods: Qt.KeyboardModifier) -> bool:
        """Tab goes to the row's next cell (Shift+Tab its previous one), and leaves the table past its ends.

        After picking a measure's type, Tab then typing fills its details: leaving the table at once put the
        focus on the + button, whose space key added an empty row while the text went nowhere.
        """
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        back = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
        column = index.column()
        while True:
            column += -1 if back else 1
            if not 0 <= column < self.model.columnCount():
                return False
            if not self.table.isColumnHidden(column):
                self.table.setCurrentIndex(self.model.index(index.row(), column))
                return True

    # --- list edits -------------------------------------------------------------------------------

    def add_row(self) -> None:
        """A new row, its first cell open for editing; a row not valid yet is written once it is."""
        if self.model.read_only:
            return
        self.table.setFocus()
        item = self.model.new_item()
        if self.key == "purposes" and not self.model.items():
            item.main = True  # an activity's first purpose is its main one
        # A draft until something is typed in it: a "+" pressed by mistake leaves nothing in the register.
        row = self.model.add_draft(item)
        column = self._first_editable_column()
        self.select_row(row, column)
        index = self.model.index(row, column)
        if index.isValid():
            self.table.edit(index)
            editor = self.table.indexWidget(index)
            if isinstance(editor, QComboBox) and not self.model.is_valid(item):
                QTimer.singleShot(0, editor.showPopup)  # the catalogue picker, "New recipient…" last

    def _first_editable_column(self) -> int:
        return next((i for i, c in enumerate(self.model.columns) if c.kind is not Kind.BOOL), 0)

    def remove_row(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0 and row == self.model.draft_row():
            self.model.drop_draft()
            self.select_row(row - 1)
            return
        items = copy.deepcopy(self.model.items())
        if 0 <= row < len(items):
            del items[row]
            self.listEdited.emit(self.key, items)
            self.select_row(min(row, len(items) - 1))
            self.table.setFocus()

    def _move(self, step: int) -> None:
        index: QModelIndex = self.table.currentIndex()
        row, target = index.row(), index.row() + step
        items = copy.deepcopy(self.model.items())
        if 0 <= row < len(items) and 0 <= target < len(items):
            items[row], items[target] = items[target], items[row]
            self.listEdited.emit(self.key, items)
            self.select_row(target, index.column())

    def _editor_closed(self, *_: object) -> None:
        # An editor closed on a draft row that is still not valid (Esc, or nothing chosen): the row goes.
        QTimer.singleShot(0, self._drop_unfinished_draft)

    def _drop_unfinished_draft(self) -> None:
        """A draft row goes once no editor is open on it and it is not valid or the focus has left the list."""
        if self._creating or self.model.draft() is None or self.table.state() == QAbstractItemView.State.EditingState:
            return
        if not self.model.is_valid(self.model.draft()) or not self._has_focus():
            self.model.drop_draft()

    def _has_focus(self) -> bool:
        focus = self.window().focusWidget()
        return focus is not None and (focus is self or self.isAncestorOf(focus))

    def finish_draft(self) -> None:
        """Saving (a menu action, another record, closing): what is typed in the draft row is written, else it goes."""
        if self._creating or self.model.draft_row() is None:
            return
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.row() == self.model.draft_row() else None
        if editor is not None:
            self.delegate.setModelData(editor, self.model, index)  # written here if it is valid now
        self.model.drop_draft()

    def _new_recipient_for(self, index: QPersistentModelIndex) -> None:
        """"New recipient…" was chosen in a row's picker: ask for it, then put it in that row."""
        if self._new_recipient is None:
            return
        self._creating = True
        QTimer.singleShot(0, lambda: self._create_recipient(index))

    def _create_recipient(self, index: QPersistentModelIndex) -> None:
        try:
            recipient_id = self._new_recipient() if self._new_recipient is not None else None
        finally:
            self._creating = False
        if recipient_id and index.isValid():
            self.model.setData(self.model.index(index.row(), index.column()), recipient_id)
        self._drop_unfinished_draft()

    def drop_draft(self) -> None:
        self.model.drop_draft()

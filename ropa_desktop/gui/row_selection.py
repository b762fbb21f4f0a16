"""The current row of a filtered record list: the activity list and the processor's lists share it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's record id


def current_id(table: QTableView) -> str:
    index = table.currentIndex()
    return str(index.data(ID_ROLE) or "") if index.isValid() else ""


def make_current(table: QTableView, index: QModelIndex) -> None:
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def select_source_row(table: QTableView, proxy: QAbstractProxyModel, row: int | None) -> bool:
    """Make the model's ``row`` current and show it; False when there is none or the filter hides it."""
    if row is None:
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
    if not index.isValid():
        return False
    make_current(table, index)
    table.scrollTo(index)
    return True

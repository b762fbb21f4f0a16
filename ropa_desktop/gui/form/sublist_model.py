"""A table model over one sub-list of an activity (purposes...), its columns from the field table."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...domain.fields import FieldSpec, Kind, fields_of
from ...domain.model import Organization
from ..i18n import current_language
from ..icons import finding_icon
from .values import adequacy_note, display, parse_country, parse_duration

SPEC_ROLE = Qt.ItemDataRole.UserRole + 10  # the FieldSpec of a column

Index = QModelIndex | QPersistentModelIndex


class SubListModel(QAbstractTableModel):
    """Shows a list of dataclass items;

    An edit never mutates them but asks for a new list (an undo command).
    """

    editRequested = Signal(list)  # the whole new list

    def __init__(
        self, scope: str, item_type: type, parent: Any = None, *, hidden: tuple[str, ...] = ()
    ) -> None:
        super().__init__(parent)
        self.scope, self.item_type = scope, item_type
        self.columns: tuple[FieldSpec, ...] = tuple(f for f in fields_of(scope) if f.key not in hidden)
        self._items: list[Any] = []
        self._findings: dict[tuple[int, str], tuple[bool, list[str]]] = {}
        self.organization: Organization | None = None
        self.read_only = False

    # --- content --------------------------------------------------------------------------------

    def items(self) -> list[Any]:
        return self._items

    def set_items(self, items: list[Any]) -> None:
        """Show ``items``; the same number of rows updates in place so the current cell stays where it is."""
        if len(items) == len(self._items):
            self._items = copy.deepcopy(items)
            if items:
                self.dataChanged.emit(self.index(0, 0), self.index(len(items) - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self._items = copy.deepcopy(items)
            self.endResetModel()

    def set_findings(self, findings: dict[tuple[int, str], tuple[bool, list[str]]]) -> None:
        """Findings by (row, field key): (is an error, messages); key "" marks the whole row."""
        if findings == self._findings:
            return
        self._findings = findings
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(self.columns) - 1))

    def new_item(self) -> Any:
        return self.item_type()

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    # --- Qt model API --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _finding(self, row: int, column: int) -> tuple[bool, list[str]] | None:
        found = self._findings.get((row, self.columns[column].key))
        if found is None and column == 0:
            found = self._findings.get((row, ""))
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        spec = self.columns[index.column()]
        value = getattr(self._items[index.row()], spec.key)
        lang = current_language()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(spec, value, lang, self.organization)
        if role == Qt.ItemDataRole.EditRole:
            if spec.kind is Kind.DURATION:
                return display(spec, value, lang)
            return value
        if role == Qt.ItemDataRole.CheckStateRole and spec.kind is Kind.BOOL:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == SPEC_ROLE:
            return spec
        found = self._finding(index.row(), index.column())
        if role == Qt.ItemDataRole.DecorationRole and found is not None:
            return finding_icon(found[0])
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = list(found[1]) if found is not None else []
            if spec.kind is Kind.COUNTRY and value:
                tips.append(adequacy_note(value, lang))
            elif spec.kind is Kind.LONG_TEXT and value:
                tips.append(value)
            return "\n".join(tips) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].label(current_language())
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if self.columns[index.column()].kind is Kind.BOOL:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        spec = self.columns[index.column()]
        try:
            new_value = self._parse(spec, value, role)
        except ValueError:
            return False
        item = self._items[index.row()]
        if getattr(item, spec.key) == new_value:
            return False
        items = copy.deepcopy(self._items)
        items[index.row()] = dataclasses.replace(items[index.row()], **{spec.key: new_value})
        self.editRequested.emit(items)
        return True

    @staticmethod
    def _parse(spec: FieldSpec, value: Any, role: int) -> Any:
        if spec.kind is Kind.BOOL:
            if role != Qt.ItemDataRole.CheckStateRole:
                raise ValueError(value)
            return Qt.CheckState(value) == Qt.CheckState.Checked
        if role != Qt.ItemDataRole.EditRole:
            raise ValueError(value)
        if spec.kind is Kind.DURATION:
            return parse_duration(str(value or ""))
        if spec.kind is Kind.CODES:
            return list(value or [])
        if spec.kind is Kind.COUNTRY:
            return parse_country(str(value or ""))
        return "" if value is None else str(value)

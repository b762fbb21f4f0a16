"""A table model over one sub-list of an activity (purposes...), its columns from the field table."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...domain.fields import FieldSpec, Kind, fields_of
from ...domain.model import Organization
from ..i18n import current_language
from ..icons import finding_icon
from .date_field import parse_date
from .tooltips import wrap_tooltip
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
        # A new row shown but not yet written: nothing typed in it yet, or not valid yet (a recipient to choose).
        self._draft: Any = None
        self._draft_origin: Any = None  # the draft as "+" made it: while it is unchanged, the row is left empty
        self._findings: dict[tuple[int, str], tuple[bool, list[str]]] = {}
        self.organization: Organization | None = None
        self.read_only = False

    # --- content --------------------------------------------------------------------------------

    def items(self) -> list[Any]:
        """The written rows (a draft row is not one of them)."""
        return self._items[:-1] if self._draft is not None else self._items

    def set_items(self, items: list[Any]) -> None:
        """Show ``items`` (and the draft row after them, if any).

        The same number of rows updates in place so the current cell (and an open editor) stays where it is.
        """
        rows = [*copy.deepcopy(items), *([self._draft] if self._draft is not None else [])]
        if len(rows) == len(self._items):
            self._items = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
        else:
            self.beginResetModel()
            self._items = rows
            self.endResetModel()

    # --- a new row not yet valid ------------------------------------------------------------------

    def draft(self) -> Any:
        return self._draft

    def draft_row(self) -> int | None:
        return len(self._items) - 1 if self._draft is not None else None

    def add_draft(self, item: Any) -> int:
        """Show ``item`` as a last row written only once something is typed in it and it is valid (``is_valid``)."""
        self.drop_draft()
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._draft, self._draft_origin = item, copy.deepcopy(item)
        self._items.append(item)
        self.endInsertRows()
        return row

    def drop_draft(self) -> None:
        if self._draft is None:
            return
        row = len(self._items) - 1
        self.beginRemoveRows(QModelIndex(), row, row)
        self._items.pop()
        self._draft = None
        self.endRemoveRows()

    def is_valid(self, item: Any) -> bool:
        """Whether a row can be written: a recipient row needs its recipient (the register refers to it)."""
        if self.scope == "activity_recipient":
            org = self.organization
            return bool(item.recipient_id) and (org is None or org.recipient(item.recipient_id) is not None)
        if self.scope == "client_link":  # a processing's client: one of the organisation's clients
            org = self.organization
            return bool(item.client_id) and (org is None or org.client(item.client_id) is not None)
        return True

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
            elif spec.kind in (Kind.LONG_TEXT, Kind.TEXT) and value:  # the whole of a cut-off cell
                tips.append(value)
            return wrap_tooltip("\n".join(tips)) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].label(current_language())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            return two_lines(self.columns[section].label(current_language()))
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
        edited = dataclasses.replace(item, **{spec.key: new_value})
        if index.row() == self.draft_row():
            if not self.is_valid(edited) or edited == self._draft_origin:
                self._items[-1] = self._draft = edited
                self.dataChanged.emit(index, index)
                return True
            self._draft = None  # typed in and valid now: written with the others
        items = copy.deepcopy(self.items())  # another row edited: an empty draft below it stays out
        items[index.row()] = edited
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
        if spec.kind is Kind.DATE:  # a date object from the date editor, or text typed the locale's way
            return value if isinstance(value, date) or value is None else parse_date(str(value))
        return "" if value is None else str(value)


def two_lines(text: str, width: int = 16) -> str:
    """A long column title on two lines (split at the space nearest the middle), so narrow columns show it whole."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return f"{text[:cut]}\n{text[cut + 1:]}"

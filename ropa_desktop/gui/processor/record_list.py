"""A list of the processor's register records (processing for clients, clients), searchable, with + / − buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabularies as v
from ...domain.countries import country_name
from ...domain.model import Organization
from ..i18n import current_language
from ..icons import finding_icon
from ..plurals import plurals
from ..row_selection import ID_ROLE, current_id, make_current, select_source_row

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ListColumn:
    """A column: its title by language, and the text it shows for a record of the organisation."""

    key: str
    title: Callable[[str], str]
    display: Callable[[Any, Organization, str], str]


@dataclass(slots=True)
class Row:
    """A record with the texts its columns show and what the checks say of it."""

    record: Any
    texts: list[str]
    findings: int = 0
    errors: bool = False
    search: str = ""  # what the search finds beyond the columns (sub-processors, transfers), casefolded


def _search_text(record: Any, lang: str) -> str:
    """Sub-processors' and transfers' names and countries (code and name): found by search, not shown as columns."""
    words = []
    for item in [*getattr(record, "sub_processors", []), *getattr(record, "transfers", [])]:
        who = getattr(item, "name", "") or getattr(item, "recipient", "")
        words += [who, item.country, country_name(item.country, lang) if item.country else ""]
    return " ".join(w for w in words if w).casefold()


class RecordTableModel(QAbstractTableModel):
    """One row per record, in the register's order; the findings column counts what the checks say of it."""

    def __init__(self, columns: tuple[ListColumn, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Row] = []

    def set_records(self, org: Organization | None, records: list[Any], counts: dict[str, tuple[int, bool]]) -> None:
        lang = current_language()
        self.beginResetModel()
        self.rows = [
            Row(r, self._texts(r, org, lang), *counts.get(r.id, (0, False)), search=_search_text(r, lang))
            for r in records
        ]
        self.endResetModel()

    def _texts(self, record: Any, org: Organization | None, lang: str) -> list[str]:
        return [c.display(record, org, lang) for c in self.columns] if org is not None else [""] * len(self.columns)

    def row_of(self, record_id: str) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.record.id == record_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == ID_ROLE:
            return row.record.id
        if column.key == "findings":
            if role == Qt.ItemDataRole.DisplayRole:
                return str(row.findings) if row.findings else ""
            if role == Qt.ItemDataRole.DecorationRole and row.findings:
                return finding_icon(row.errors)
            if role == Qt.ItemDataRole.ToolTipRole and row.findings:
                return plurals().findings(row.findings)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.texts[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title(current_language())
        return None


class RecordFilter(QSortFilterProxyModel):
    """Shows the rows whose text holds every word searched, of the chosen status, with findings if asked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.status = ""
        self.with_findings = False

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        row = model.rows[source_row]
        if self.status and getattr(row.record, "status", "") != self.status:
            return False
        if self.with_findings and not row.findings:
            return False
        text = " ".join(row.texts).casefold() + " " + row.search
        return all(word in text for word in self.words)


class RecordListPane(QWidget):
    """Search, quick filters, the table and its buttons; ``currentChanged`` says which record is selected."""

    currentChanged = Signal(str)  # "" when none

    def __init__(
        self, prefix: str, columns: tuple[ListColumn, ...], parent: QWidget | None = None, *, status: bool = True
    ) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.model = RecordTableModel(columns, self)
        self.proxy = RecordFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{prefix}Filter")
        self.search.setClearButtonEnabled(True)
        self.statusFilter = QComboBox(self)
        self.statusFilter.setObjectName(f"{prefix}StatusFilter")
        self.statusFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.statusFilter.setVisible(status)
        self.findingsFilter = QCheckBox(self)
        self.findingsFilter.setObjectName(f"{prefix}FindingsFilter")
        self.table = QTableView(self)
        self.table.setObjectName(f"{prefix}Table")
        self.table.setAccessibleName(f"{prefix}Table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, column in enumerate(columns):  # the name takes the spare width; lists of names are cut (tooltip)
            interactive = column.key in ("name", "clients")
            header.setSectionResizeMode(
                i, QHeaderView.ResizeMode.Interactive if interactive else QHeaderView.ResizeMode.ResizeToContents
            )
        header.setStretchLastSection(False)
        self.empty = QLabel(self.table.viewport())  # what to do when the list is empty (or nothing matches)
        self.empty.setObjectName(f"{prefix}EmptyLabel")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.newButton = self._button(f"new{prefix[0].upper()}{prefix[1:]}Button")
        self.duplicateButton = self._button(f"duplicate{prefix[0].upper()}{prefix[1:]}Button")
        self.deleteButton = self._button(f"delete{prefix[0].upper()}{prefix[1:]}Button")
        filters = QHBoxLayout()
        filters.addWidget(self.statusFilter)
        filters.addWidget(self.findingsFilter)
        filters.addStretch(1)
        self.buttons = QHBoxLayout()
        for button in (self.newButton, self.duplicateButton, self.deleteButton):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.empty_text = ""
        self.search.textChanged.connect(self.apply_filter)
        self.statusFilter.activated.connect(self.apply_filter)
        self.findingsFilter.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.retranslate()

    def fit_columns(self) -> None:
        """Every title whole in either language ("Catégorie de traitement"); the name takes the width left over.

        A stretched section may be narrower than its title, so the name column is sized here instead: at least
        its title, else what the other columns leave (the list scrolls sideways when it is narrower than that).
        """
        header = self.table.horizontalHeader()
        keys = [c.key for c in self.model.columns]
        if "name" not in keys:
            return
        name = keys.index("name")
        for i, key in enumerate(keys):
            if key == "clients":
                header.resizeSection(i, header.sectionSizeFromContents(i).width())  # names cut: tooltip
        others = sum(header.sectionSize(i) for i in range(len(keys)) if i != name)
        header.resizeSection(
            name, max(header.sectionSizeFromContents(name).width(), self.table.viewport().width() - others)
        )

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAccessibleName(name)
        return button

    # --- content ----------------------------------------------------------------------------------

    def show_records(self, org: Organization | None, records: list[Any], counts: dict[str, tuple[int, bool]]) -> None:
        """Refill the list, keeping the selected record selected when it is still there."""
        current = self.current_id()
        blocked = self.table.selectionModel().blockSignals(True)
        self.model.set_records(org, records, counts)
        self.table.selectionModel().blockSignals(blocked)
        self.apply_filter()
        self.fit_columns()
        QTimer.singleShot(0, self, self.fit_columns)  # dropped with the list (a closed window)
        if current and not self.select(current):
            self.currentChanged.emit(self.current_id())

    def current_id(self) -> str:
        return current_id(self.table)

    def select(self, record_id: str) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(record_id))

    def select_first(self) -> str:
        if self.proxy.rowCount():
            index = self.proxy.index(0, 0)
            make_current(self.table, index)
        return self.current_id()

    def clear_filters(self) -> None:
        self.search.clear()
        self.statusFilter.setCurrentIndex(0)
        self.findingsFilter.setChecked(False)
        self.apply_filter()

    def apply_filter(self, *_: object) -> None:
        self.proxy.words = self.search.text().casefold().split()
        self.proxy.status = str(self.statusFilter.currentData() or "")
        self.proxy.with_findings = self.findingsFilter.isChecked()
        self.proxy.invalidate()
        self._show_empty()

    def _current_changed(self, *_: object) -> None:
        self.currentChanged.emit(self.current_id())

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self._show_empty()

    def _show_empty(self) -> None:
        if self.proxy.rowCount():
            self.empty.hide()
            return
        self.empty.setText(self.empty_text if not self.model.rows else self.tr("Nothing matches the filter."))
        self.empty.setGeometry(self.table.viewport().rect().adjusted(8, 8, -8, -8))
        self.empty.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        QTimer.singleShot(0, self, self.fit_columns)  # once the columns sized to their contents are laid out
        self._show_empty()

    def retranslate(self) -> None:
        lang = current_language()
        current = self.statusFilter.currentData() or ""
        self.statusFilter.clear()
        self.statusFilter.addItem(self.tr("All statuses"), "")
        for term in v.STATUSES:
            self.statusFilter.addItem(term.label(lang), term.code)
        self.statusFilter.setCurrentIndex(max(0, self.statusFilter.findData(current)))
        self.findingsFilter.setText(self.tr("With findings"))
        self.search.setPlaceholderText(self.tr("Search…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.columns) - 1)
        self.fit_columns()
        self._show_empty()

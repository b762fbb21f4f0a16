"""The activity list: a table model over activity summaries, sorted in Python, filtered by an id set."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

from ..domain import vocabularies as v
from ..domain.fields import label
from ..services.activity_index import ActivitySummary
from .i18n import current_language
from .icons import finding_icon
from .plurals import plurals
from .row_selection import ID_ROLE

SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the value a column sorts by

Index = QModelIndex | QPersistentModelIndex


def _stamp(value: datetime | None) -> str:
    """A moment in the UI language's short date and time format (never raw ISO)."""
    if value is None:
        return ""
    local = value.astimezone()
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its title (from the field table, or translatable text), what it shows, what it sorts by."""

    key: str
    title: Callable[[str], str]
    display: Callable[[ActivitySummary, str], str]
    sort_key: Callable[[ActivitySummary], Any]


COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        lambda lang: label("activity", "reference", lang),
        lambda s, _: s.reference,
        lambda s: s.reference.casefold(),
    ),
    Column(
        "name", lambda lang: label("activity", "name", lang), lambda s, _: s.name, lambda s: s.name.casefold()
    ),
    Column(
        "role",
        lambda lang: label("activity", "role", lang),
        lambda s, lang: v.ROLES.label(s.role, lang),
        lambda s: s.role,
    ),
    Column(
        "legal_bases",
        lambda _: QCoreApplication.translate("ActivityColumns", "Legal bases"),
        lambda s, lang: ", ".join(v.LEGAL_BASES.label(b, lang).split(" (")[0] for b in s.legal_bases),
        lambda s: s.legal_bases,
    ),
    Column(
        "status",
        lambda lang: label("activity", "status", lang),
        lambda s, lang: v.STATUSES.label(s.status, lang),
        lambda s: v.STATUSES.codes().index(s.status) if s.status in v.STATUSES else 99,
    ),
    Column(
        "findings",
        lambda _: QCoreApplication.translate("ActivityColumns", "Findings"),
        lambda s, _: "" if s.findings <= 0 else str(s.findings),
        lambda s: s.findings,
    ),
    Column(
        "completeness",
        lambda _: QCoreApplication.translate("ActivityColumns", "Completeness"),
        lambda s, _: "" if s.score < 0 else f"{s.score} %",
        lambda s: s.score,
    ),
    Column(
        "updated",
        lambda lang: label("activity", "updated", lang),
        lambda s, _: _stamp(s.updated),
        lambda s: s.updated.timestamp() if s.updated else 0.0,
    ),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
FINDINGS_COLUMN = COLUMN_KEYS.index("findings")


class ActivityTableModel(QAbstractTableModel):
    """Rows are the activity summaries the filter accepts, in the model's own order.

    The model filters and sorts itself (one layout change, no Python call per row from Qt): on a large register
    a proxy calling back per row on every keystroke is what made typing in the search field slow.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ActivitySummary] = []  # every summary, in display order
        self._by_id: dict[str, ActivitySummary] = {}
        self._accepted: Collection[str] | None = None  # None: every row shows
        self._rows: list[ActivitySummary] = []  # the rows shown
        self._row_of_cache: dict[str, int] | None = None  # made when first asked for after the rows changed
        self._scans = 0  # rows looked for without the index since the rows changed
        self.before_sort: Callable[[], None] | None = None  # completes rows summarised in part (a large register)

    # --- content ----------------------------------------------------------------------------------------

    def set_summaries(self, summaries: Iterable[ActivitySummary]) -> None:
        self.beginResetModel()
        self._all = list(summaries)
        self._by_id = {s.id: s for s in self._all}
        self._reindex()
        self.endResetModel()

    def summaries(self) -> list[ActivitySummary]:
        """Every summary, shown or not."""
        return self._all

    def total(self) -> int:
        """How many summaries there are, shown or not."""
        return len(self._all)

    def summary(self, activity_id: str) -> ActivitySummary | None:
        return self._by_id.get(activity_id)

    def row_of(self, activity_id: str) -> int | None:
        """The row showing the activity, None when the filter hides it."""
        if self._row_of_cache is None and self._scans < 2:
            # The first questions after a keystroke (the selection kept): a scan costs less than an index.
            self._scans += 1
            return next((i for i, s in enumerate(self._rows) if s.id == activity_id), None)
        return self._row_of().get(activity_id)

    def _row_of(self) -> dict[str, int]:
        if self._row_of_cache is None:
            self._row_of_cache = {s.id: i for i, s in enumerate(self._rows)}
        return self._row_of_cache

    def _rows_changed(self) -> None:
        self._row_of_cache, self._scans = None, 0

    def update_summary(self, summary: ActivitySummary) -> None:
        old = self._by_id.get(summary.id)
        if old is None:
            return
        self._all[self._position(old)] = summary
        self._by_id[summary.id] = summary
        row = self.row_of(summary.id)
        if row is not None:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def refresh_rows(self, rows: Iterable[int]) -> None:
        rows = list(rows)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def insert_summary(self, row: int, summary: ActivitySummary) -> None:
        """Show ``summary`` at ``row`` (it shows whatever the filter, until the filter is applied again)."""
        row = max(0, min(row, len(self._rows)))
        before = self._rows[row - 1] if row > 0 else None
        position = self._position(before) + 1 if before is not None else 0
        self.beginInsertRows(QModelIndex(), row, row)
        self._all.insert(position, summary)
        self._by_id[summary.id] = summary
        if self._accepted is not None:
            self._accepted = {*self._accepted, summary.id}
        self._rows.insert(row, summary)
        self._rows_changed()
        self.endInsertRows()

    def remove_summary(self, activity_id: str) -> None:
        summary = self._by_id.pop(activity_id, None)
        if summary is None:
            return
        del self._all[self._position(summary)]
        row = self.row_of(activity_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._rows_changed()
        self.endRemoveRows()

    def set_accepted(self, accepted: set[str] | frozenset[str] | None) -> None:
        """Show only the rows whose id is in ``accepted`` (None: all), keeping the selection where it stays."""
        self._relayout(lambda: setattr(self, "_accepted", accepted))

    def set_shown(self, rows: list[ActivitySummary] | None) -> None:
        """Show exactly ``rows``, a filtered ``summaries()`` in its order (None: all of them).

        What a keystroke in the search field costs: no set of ids and no index of rows are made for it.
        """

        def show() -> None:
            self._accepted = None if rows is None else _RowIds(rows)
            self._rows = list(self._all) if rows is None else list(rows)
            self._rows_changed()

        self._relayout(show, reindex=False)

    def _position(self, summary: ActivitySummary) -> int:
        # By identity: comparing dataclasses field by field would cost a Python call per row.
        return next(i for i, s in enumerate(self._all) if s is summary)

    def _reindex(self) -> None:
        accepted = self._accepted
        # A copy even unfiltered: inserts and removals touch both lists, which must never be one object.
        self._rows = list(self._all) if accepted is None else [s for s in self._all if s.id in accepted]
        self._rows_changed()

    def _relayout(self, change: Callable[[], None], *, reindex: bool = True) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self._rows[p.row()] if 0 <= p.row() < len(self._rows) else None for p in persistent]
        change()
        if reindex:
            self._reindex()
        rows = self._new_rows({id(s): s for s in before if s is not None})
        moved = []
        for summary, p in zip(before, persistent, strict=True):
            row = rows.get(id(summary)) if summary is not None else None
            moved.append(self.index(row, p.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _new_rows(self, wanted: dict[int, ActivitySummary]) -> dict[int, int]:
        """Where the few summaries a selection holds now are (by identity), without indexing every row."""
        if not wanted:
            return {}
        if len(wanted) > 8:
            return {id(s): i for i, s in enumerate(self._rows) if id(s) in wanted}
        found: dict[int, int] = {}
        for key, summary in wanted.items():
            row = next((i for i, s in enumerate(self._rows) if s is summary), None)
            if row is not None:
                found[key] = row
        return found

    # --- Qt model API -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(summary, current_language())
        if role == ID_ROLE:
            return summary.id
        if role == SORT_ROLE:
            return column.sort_key(summary)
        if index.column() == FINDINGS_COLUMN:
            if role == Qt.ItemDataRole.DecorationRole and summary.findings > 0:
                return finding_icon(summary.errors > 0)
            if role == Qt.ItemDataRole.ToolTipRole and summary.findings > 0:
                return plurals().findings(summary.findings)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section].title(current_language())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if self.before_sort is not None:
            self.before_sort()
        key = COLUMNS[column].sort_key
        self._relayout(lambda: self._all.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh_rows(range(len(self._rows)))


class _RowIds:
    """The ids of the shown rows, as a set made only when asked for (sorting, an insertion)."""

    def __init__(self, rows: list[ActivitySummary]) -> None:
        self._rows: list[ActivitySummary] | None = rows
        self._ids: set[str] = set()

    def _set(self) -> set[str]:
        if self._rows is not None:
            self._ids, self._rows = {s.id for s in self._rows}, None
        return self._ids

    def __contains__(self, activity_id: object) -> bool:
        return activity_id in self._set()

    def __iter__(self) -> Iterator[str]:
        return iter(self._set())

    def __len__(self) -> int:
        return len(self._set())


class ActivityFilterProxy(QIdentityProxyModel):
    """Forwards filtering and sorting to the source model, which does both without a call per row.

    An identity proxy: a sort-filter proxy would map every row again at each keystroke (50,000 rows: a third
    of what a keystroke cost), to filter and sort nothing.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._model: ActivityTableModel | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, ActivityTableModel)
        self._model = model
        super().setSourceModel(model)

    def set_accepted(self, accepted: set[str] | frozenset[str] | None) -> None:
        if self._model is not None:
            self._model.set_accepted(accepted)

    def set_shown(self, rows: list[ActivitySummary] | None) -> None:
        if self._model is not None:
            self._model.set_shown(rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting in the source model sorts with precomputed keys instead of a Python call per comparison.
        if self._model is not None:
            self._model.sort(column, order)

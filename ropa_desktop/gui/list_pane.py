"""The left pane: the organisation's activities, a search field and quick filters, kept in step with edits."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QTableView,
)

from ..domain import vocabularies as v
from ..domain.checks import Severity, activity_score
from ..domain.model import Activity, Organization, Recipient
from ..services.activity_index import (
    ActivityFilter,
    ActivitySummary,
    Criteria,
    add_details,
    first_summaries,
    search_keys,
    summarize,
)
from ..services.editing import Change
from .activity_list import COLUMN_KEYS, ActivityFilterProxy, ActivityTableModel
from .i18n import current_language
from .row_selection import ID_ROLE, current_id, make_current, select_source_row
from .session import RegisterSession

NAME_MIN_WIDTH = 200
SLICE_SECONDS = 0.03  # background work per event-loop turn after loading: the window stays responsive
START_DELAY_MS = 150  # let the window paint first
# From this many activities the checks run after the window shows, in slices (they took a second and a half on
# 10,000 before the first paint); below it they are done at once, before anything is shown.
CHECK_LATER_FROM = 2_000
FIRST_ROWS = 300  # rows summarised whole before the window shows; the others' details follow in slices
# Search texts still to compute that a keystroke computes at once (about half a second); with more, the list
# shows what matches among the rows indexed so far and completes itself as the slices go on.
SEARCH_NOW_UP_TO = 2_000


class ActivityListPane(QObject):
    """Owns the list model, its proxy and the filter widgets; says which activity is selected."""

    currentActivityChanged = Signal(str)  # "" when none
    findingsCountChanged = Signal(int)
    findingsReady = Signal()  # the checks put off after the window showed are done: findings may be asked for
    filtered = Signal()  # the set of rows shown changed

    def __init__(
        self,
        session: RegisterSession,
        table: QTableView,
        search: QLineEdit,
        status: QComboBox,
        legal_basis: QComboBox,
        transfers: QCheckBox,
        sensitive: QCheckBox,
        with_findings: QCheckBox,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.table, self.search = session, table, search
        self.status, self.legal_basis = status, legal_basis
        self.checks = (transfers, sensitive, with_findings)
        self.model = ActivityTableModel(self)
        self.model.before_sort = lambda: self.finish_indexing(findings=False)  # sorting needs every row whole
        self.proxy = ActivityFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for key, width in (
            ("reference", 85),
            ("name", NAME_MIN_WIDTH),
            ("role", 110),
            ("legal_bases", 130),
            ("status", 80),
            ("findings", 70),
            ("completeness", 90),
        ):
            header.resizeSection(COLUMN_KEYS.index(key), width)
        self._fit_headers()
        header.setStretchLastSection(False)
        for combo in (status, legal_basis):  # "All statuses" whole, in every language
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # The short status box keeps its words; the legal bases' (long labels, cut anyway) gives up the room.
        status.setSizePolicy(QSizePolicy.Policy.Minimum, status.sizePolicy().verticalPolicy())
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # Right-click on the header: choose the columns (narrow screens cannot show them all).
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.org_id = ""
        self._pending_search: list[str] = []  # ids whose search text is still to compute (done first)
        self._pending_rows: list[str] = []  # ids whose findings are still to compute
        self._pending_checks: list[str] = []  # ids whose activity checks are put off (a large organisation)
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._compute_chunk)
        self._filter = ActivityFilter()
        self._start = QTimer(self)
        self._start.setSingleShot(True)
        self._start.setInterval(START_DELAY_MS)
        self._start.timeout.connect(self._idle.start)
        self._own_counts: dict[str, int] = {}  # activity id -> findings naming it, for the rows computed so far
        # The activities the rows were made from, and their rows, in the register's order (an import reuses them).
        self._summarised: tuple[list[Activity], list[ActivitySummary]] = ([], [])
        self._recipients_seen: list[Recipient] = []  # the organisation's recipients when its rows were made
        self._org_counts: dict[str, int] = {}  # activity id -> findings naming it, as last synced
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        # Shown over the empty list when the filter hides every activity (the current one included).
        self.no_match = QLabel(self._viewport)
        self.no_match.setObjectName("noActivityMatches")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        self.filtered.connect(self._show_no_match)
        self._last_current = ""  # the activity a filter hid: selected again once the filter shows it
        self._announced = ""  # the activity last announced as current (the one the form shows)
        self.filtered.connect(self._restore_current)
        search.installEventFilter(self)  # Esc clears the search
        search.setClearButtonEnabled(True)
        search.textChanged.connect(self.apply_filter)
        status.activated.connect(self.apply_filter)
        legal_basis.activated.connect(self.apply_filter)
        for box in self.checks:
            box.toggled.connect(self.apply_filter)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.model.layoutChanged,
        ):
            signal.connect(self._forget_last_filter)
        session.changed.connect(self._changed)
        self.retranslate()

    # --- content ----------------------------------------------------------------------------------

    def show_organization(self, org_id: str) -> None:
        org = self.session.organization(org_id)
        # Shown again after an import (or its undo): the activities it left as they were are the same objects,
        # so their rows and search texts stand, unless a recipient they may name changed.
        same = org_id == self.org_id and _same_items(org.recipients, self._recipients_seen)
        self.org_id = org_id
        self._last_current = ""
        activities = org.activities
        if self.session.loading:  # the register is still being read: the rows of the light query, nothing else
            self._show_first_rows(org_id)
            return
        if same and self._summarised[0]:
            known = {a.id: (a, s) for a, s in zip(*self._summarised, strict=True)}
            summaries, pending = [], []
            for i, activity in enumerate(activities):
                seen = known.get(activity.id)
                if seen is not None and seen[0] is activity and seen[1].search:
                    summaries.append(seen[1])
                    continue
                summaries.append(summarize(activity, details=i < FIRST_ROWS))
                pending.append(activity.id)
        else:
            # The first screens' rows whole; the others' legal bases and flags come with their search texts.
            summaries = [summarize(a, details=i < FIRST_ROWS) for i, a in enumerate(activities)]
            pending = [a.id for a in activities]
        self.model.set_summaries(summaries)
        self._summarised = (list(activities), summaries)  # in the register's order (the model's may be sorted)
        self._recipients_seen = list(org.recipients)
        pending.reverse()  # taken from the end: the rows at the top of the list first
        self._pending_search = pending
        self._pending_rows = [a.id for a in org.activities]
        self._own_counts = {}
        if len(org.activities) >= CHECK_LATER_FROM:
            self._pending_checks, self._org_counts = list(self._pending_rows), {}
        else:
            self._pending_checks, self._org_counts = [], self._count_org_findings()
        self._idle.stop()
        self._start.start()
        self.apply_filter()

    def _show_first_rows(self, org_id: str) -> None:
        """While the register is read: its list rows, found by reference and name until their texts are made."""
        summaries = first_summaries(self.session.list_rows.get(org_id, []), self.session.list_bases)
        self.model.set_summaries(summaries)
        self._summarised, self._recipients_seen = ([], []), []
        self._pending_search = []
        self._pending_rows = [s.id for s in summaries]  # "Checking…", and no findings asked for meanwhile
        self._pending_checks, self._own_counts, self._org_counts = list(self._pending_rows), {}, {}
        self._idle.stop()
        self.apply_filter()

    def bases_read(self) -> None:
        """The legal bases, read after the list showed (a large register): its rows show them, filter by them."""
        bases = self.session.list_bases
        for summary in self.model.summaries():
            summary.legal_bases = bases.get(summary.id, ())
        self.model.refresh_rows(range(self.model.rowCount()))  # (forgets the last filter's rows)
        if self.criteria().legal_basis:
            self.apply_filter()

    def adopt_loaded(self) -> None:
        """The register is read whole: the rows shown stay (sort, filter, selection), completed in slices."""
        org = self._org()
        rows = {s.id: s for s in self.model.summaries()}
        if len(rows) != len(org.activities) or any(a.id not in rows for a in org.activities):
            self.show_organization(self.org_id)  # (never for a file this window holds locked)
            return
        summaries = [rows[a.id] for a in org.activities]
        self._summarised, self._recipients_seen = (list(org.activities), summaries), list(org.recipients)
        self._pending_search = [a.id for a in reversed(org.activities)]
        self._pending_rows = [a.id for a in org.activities]
        self._pending_checks, self._own_counts, self._org_counts = list(self._pending_rows), {}, {}
        self._idle.stop()
        self._start.start()

    def clear(self) -> None:
        """No organisation: an empty list."""
        self.org_id = ""
        self._idle.stop()
        self._pending_search, self._pending_rows, self._pending_checks = [], [], []
        self._own_counts, self._org_counts = {}, {}
        self._summarised, self._recipients_seen = ([], []), []
        self.model.set_summaries([])
        self.apply_filter()

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in (self.status, self.legal_basis):
            combo.setCurrentIndex(0)
        for box in self.checks:
            box.setChecked(False)
        self.apply_filter()

    def _org(self) -> Organization:
        return self.session.organization(self.org_id)

    def _complete(self, summary: ActivitySummary, activity: Activity | None = None) -> None:
        org = self._org()
        activity = activity or org.activity(summary.id)
        if activity is None:
            return
        if not self._pending_checks:  # else its turn comes in the slices: asking now would check every activity
            self._check(summary, activity)
        summary.search, summary.codes = search_keys(activity, org)

    def _check(self, summary: ActivitySummary, activity: Activity) -> None:
        findings = self.session.findings(self.org_id, activity)
        self._own_counts[activity.id] = len(findings)
        summary.findings = len(findings)
        summary.errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        summary.score = activity_score(activity, findings)

    def _count_org_findings(self) -> dict[str, int]:
        return self.session.findings_per_activity(self.org_id) if self.org_id else {}

    def _sync_org_findings(self) -> None:
        """An edit can change what the organisation checks say about other activities (a duplicated reference)."""
        counts = self._count_org_findings()
        moved = {i for i in counts.keys() | self._org_counts.keys() if counts.get(i) != self._org_counts.get(i)}
        self._org_counts = counts
        org, rows = self._org(), []
        for activity_id in moved:
            summary, activity = self.model.summary(activity_id), org.activity(activity_id)
            if summary is not None and activity is not None and activity_id in self._own_counts:
                self._check(summary, activity)
                rows.append(self.model.row_of(activity_id) or 0)
        self.model.refresh_rows(rows)

    def _compute_chunk(self, budget: float = SLICE_SECONDS, *, findings: bool = True) -> None:
        """Search texts, then findings, for as long as ``budget`` allows: the window is usable meanwhile."""
        if not self.org_id or self.session.loading:
            self._idle.stop()
            return
        deadline = time.perf_counter() + budget
        self._forget_last_filter()
        org = self._org()
        # Not a dict of every activity per slice (that grew with the register times the slices it takes):
        # the organisation's own look-up keeps its index between slices.
        by_id = org.activity
        searching = bool(self._pending_search)
        while self._pending_search and time.perf_counter() < deadline:
            for activity_id in self._pending_search[-50:]:
                summary, activity = self.model.summary(activity_id), by_id(activity_id)
                if summary is not None and activity is not None:
                    add_details(summary, activity)
                    summary.search, summary.codes = search_keys(activity, org)
            del self._pending_search[-50:]
        if searching and not self._pending_search:  # the legal bases of rows shown before they were known
            self.model.refresh_rows(range(self.model.rowCount()))
            if not self.criteria().is_empty():
                self.apply_filter()  # the rows matched while the search texts were still coming, completed
        if self._pending_search or not findings:
            return
        if self._pending_checks:
            while self._pending_checks and time.perf_counter() < deadline:
                for activity_id in self._pending_checks[-50:]:
                    activity = by_id(activity_id)
                    if activity is not None:
                        self.session.own_findings(self.org_id, activity)  # cached: the rows below only merge
                del self._pending_checks[-50:]
            if self._pending_checks:
                return
            self._org_counts = self._count_org_findings()
            self.findingsReady.emit()
        rows = []
        while self._pending_rows and time.perf_counter() < deadline:
            for activity_id in self._pending_rows[-50:]:
                summary, activity = self.model.summary(activity_id), by_id(activity_id)
                if summary is not None and activity is not None:
                    self._check(summary, activity)
                    rows.append(self.model.row_of(activity_id) or 0)
            del self._pending_rows[-50:]
        self.model.refresh_rows(rows)
        if not self._pending_rows:
            self._idle.stop()
            self.findingsCountChanged.emit(self.total_findings())
            if self.checks[2].isChecked():
                self.apply_filter()

    def finish_indexing(self, *, findings: bool = True) -> None:
        """Compute now what is still pending (search texts only, unless ``findings``)."""
        self._start.stop()
        self._compute_chunk(budget=float("inf"), findings=findings)
        if self._pending_rows:
            self._start.start()

    def is_checking(self) -> bool:
        return bool(self._pending_rows)

    def findings_ready(self) -> bool:
        """False while a large organisation's checks are still put off (asking for findings would run them all)."""
        return not self._pending_checks

    def total_findings(self) -> int:
        """Every finding of the organisation, each counted once (as ``check`` and the findings dock count)."""
        if not self.org_id:
            return 0
        return self.session.finding_count(self.org_id)

    def _refresh(self, activity_id: str) -> None:
        org = self._org()
        activity = org.activity(activity_id)
        old = self.model.summary(activity_id)
        if activity is None or old is None:
            return
        summary = summarize(activity)
        summary.findings = old.findings
        self._complete(summary)
        self.model.update_summary(summary)
        if not self._pending_checks:  # while a large organisation's checks run in slices, counting would run them all
            self._sync_org_findings()
            self.findingsCountChanged.emit(self.total_findings())

    def _changed(self, change: Change) -> None:
        """The one change signal: refresh what the operation says it changed."""
        if change.kind == "activity_changed":
            self._activity_changed(change.org_id, change.activity_id)
        elif change.kind == "activity_inserted":
            self._activity_inserted(change.org_id, change.activity_id, change.index)
        elif change.kind == "activity_removed":
            self._activity_removed(change.org_id, change.activity_id)
        elif change.kind == "recipients":
            self._recipients_changed(change.org_id)
        elif change.kind == "organization_changed" and change.org_id == self.org_id:
            self._sync_org_findings()  # identity findings (missing head...) may have come or gone
            self.findingsCountChanged.emit(self.total_findings())

    def _activity_changed(self, org_id: str, activity_id: str) -> None:
        if org_id == self.org_id:
            self._refresh(activity_id)
            if self._accepted_ids is not None:
                self.apply_filter()

    def _activity_inserted(self, org_id: str, activity_id: str, index: int) -> None:
        if org_id != self.org_id:
            return
        activity = self._org().activities[index]
        summary = summarize(activity)
        summary.findings = 0
        self._complete(summary)
        # Placed after its neighbour in the register, wherever the current sort has put that one.
        activities = self._org().activities
        before = activities[index - 1].id if index > 0 else None
        row = (self.model.row_of(before) or 0) + 1 if before is not None else 0
        self.model.insert_summary(row, summary)
        self._sync_org_findings()
        self.findingsCountChanged.emit(self.total_findings())
        if self._accepted_ids is not None:
            self.apply_filter()

    def _activity_removed(self, org_id: str, activity_id: str) -> None:
        summary = self.model.summary(activity_id)
        if org_id == self.org_id and summary is not None:
            self._own_counts.pop(activity_id, None)
            self.model.remove_summary(activity_id)
            self._sync_org_findings()
            self.findingsCountChanged.emit(self.total_findings())

    def _recipients_changed(self, org_id: str) -> None:
        # A renamed recipient changes the search text and findings of the activities using it.
        if org_id == self.org_id:
            self._pending_search = [s.id for s in self.model.summaries()]
            self._pending_rows = list(self._pending_search)
            self._org_counts = self._count_org_findings()
            self._start.start()

    # --- filtering --------------------------------------------------------------------------------

    _accepted_ids: list[ActivitySummary] | None = None  # the rows the filter shows (None: no filter)
    _showing = False  # the model is being handed the rows just filtered (its layout change changes no row)

    def _forget_last_filter(self, *_: object) -> None:
        # Not when the model shows the filter's own result: that forgot every result as soon as it was shown, and
        # each keystroke looked through the whole register again instead of the rows the previous one left.
        if not self._showing:
            self._filter.forget()

    def criteria(self) -> Criteria:
        transfers, sensitive, with_findings = (box.isChecked() for box in self.checks)
        return Criteria(self.search.text(), self.status.currentData() or "", self.legal_basis.currentData() or "",
                        transfers, sensitive, with_findings)

    def apply_filter(self, *_: object) -> None:
        """Compute the matching rows once (Python), then hand the model that list as it is."""
        criteria = self.criteria()
        details = criteria.needle or criteria.legal_basis or criteria.transfers or criteria.sensitive
        if details and self._pending_search and len(self._pending_search) <= SEARCH_NOW_UP_TO:
            self.finish_indexing(findings=False)
        if self.checks[2].isChecked() and self._pending_rows and not self.session.loading:
            self.finish_indexing()
        rows = self._filter.apply(self.model.summaries, criteria)
        self._accepted_ids = rows
        self._showing = True
        try:
            self.proxy.set_shown(rows)
        finally:
            self._showing = False
        self.filtered.emit()

    # --- selection -----------------------------------------------------------------------------------------

    def _restore_current(self) -> None:
        """After filtering: the activity a filter hid is selected again once shown; one it hides leaves the form.

        Qt drops the current row a filter hides without saying so: left alone, the form would go on showing (and
        editing) an activity the list no longer shows.
        """
        if not self.table.currentIndex().isValid() and self._last_current and self.select(self._last_current):
            return
        shown = self.current_id()
        if shown != self._announced:
            self._announced = shown
            self.currentActivityChanged.emit(shown)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._last_current = str(current.data(ID_ROLE) or "")
        self._announced = str(current.data(ID_ROLE) or "") if current.isValid() else ""
        self.currentActivityChanged.emit(self._announced)

    def hidden_current(self) -> ActivitySummary | None:
        """The activity that was current until the search or a quick filter hid it (None: none is hidden)."""
        if not self._last_current or self.table.currentIndex().isValid():
            return None
        summary = self.model.summary(self._last_current)
        return summary if summary is not None and self.model.row_of(summary.id) is None else None

    def current_id(self) -> str:
        return current_id(self.table)

    def select(self, activity_id: str) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(activity_id))

    def select_first(self) -> str:
        """Select the first visible activity (so an opened register shows a filled form); its id or ""."""
        index = self.proxy.index(0, 0)
        if not index.isValid():
            return ""
        make_current(self.table, index)
        return str(index.data(ID_ROLE) or "")

    def column_menu(self) -> QMenu:
        """Checkable entries for the columns that can be hidden (reference and name always show)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self.table)
        for column, key in enumerate(COLUMN_KEYS):
            if key in ("reference", "name"):
                continue
            title = str(self.proxy.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self._show_column(c, shown))
        return menu

    def _column_menu(self, position: QPoint) -> None:
        self.column_menu().exec(self.table.horizontalHeader().mapToGlobal(position))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        self._fit_name_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Never touch the table here otherwise: events still arrive while Qt tears the window down.
        if event.type() == QEvent.Type.Resize and watched is self._viewport:
            self._fit_name_column()
            if self.no_match.isVisible():
                self.no_match.setGeometry(self._viewport.rect().adjusted(8, 8, -8, -8))
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.search.clear()
            return True
        return False

    def _show_no_match(self) -> None:
        empty = self.proxy.rowCount() == 0 and bool(self.model.summaries())  # the model shows only matches
        self.no_match.setGeometry(self._viewport.rect().adjusted(8, 8, -8, -8))
        self.no_match.setVisible(empty)

    def _fit_headers(self) -> None:
        """Widen every column whose title would be clipped (titles differ in length between languages)."""
        header = self.table.horizontalHeader()
        for i in range(header.count()):
            header.resizeSection(i, max(header.sectionSize(i), header.sectionSizeHint(i)))

    def _fit_name_column(self) -> None:
        """Give the spare width to the name, the column people read; never narrower than 200 px."""
        header = self.table.horizontalHeader()
        name = COLUMN_KEYS.index("name")
        shown = (i for i in range(header.count()) if i != name and not header.isSectionHidden(i))
        others = sum(header.sectionSize(i) for i in shown)
        header.resizeSection(name, max(NAME_MIN_WIDTH, self.table.viewport().width() - others))

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # --- language ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = current_language()
        for combo, vocab, everything in (
            (self.status, v.STATUSES, QCoreApplication.translate("ActivityListPane", "All statuses")),
            (
                self.legal_basis,
                v.LEGAL_BASES,
                QCoreApplication.translate("ActivityListPane", "All legal bases"),
            ),
        ):
            current = combo.currentData() or ""
            combo.clear()
            combo.addItem(everything, "")
            for term in vocab:
                combo.addItem(term.label(lang), term.code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.no_match.setText(QCoreApplication.translate("ActivityListPane", "No activity matches"))
        self.model.retranslate()
        self._fit_headers()


def _same_items(now: list[Recipient], before: list[Recipient]) -> bool:
    """The same records in the same order (by identity: an edited record is a new object)."""
    return len(now) == len(before) and all(a is b for a, b in zip(now, before, strict=True))

"""The findings dock: every finding of the current organisation, by severity and activity, one row each."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QScrollArea, QTreeView, QWidget

from ..domain.checks import Finding, Severity, message, path_in_activity
from ..domain.model import Organization
from ..services.editing import Change
from .form.activity_form import ActivityForm
from .i18n import current_language
from .icons import finding_icon
from .plurals import plurals
from .session import RegisterSession

ACTIVITY_ROLE = Qt.ItemDataRole.UserRole + 1  # the activity a leaf opens ("" for the organisation itself)
PATH_ROLE = Qt.ItemDataRole.UserRole + 2  # the field path it points at
REFRESH_DELAY_MS = 200  # a burst of edits refreshes the dock once
_SEVERITIES = tuple(Severity)  # errors first, then warnings (and information, where checks give it)
_ITEM_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?")


def _severity_title(severity: Severity, count: int) -> str:
    if severity is Severity.ERROR:
        return plurals().errors(count)
    if severity is Severity.WARNING:
        return plurals().warnings(count)
    return plurals().information(count)


class FindingsView(QTreeView):
    """The tree; Enter opens the current finding like a double-click does."""

    opened = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class FindingsDock(QDockWidget):
    """Refreshed from the session's change signal (when shown); opening a leaf says which activity and field."""

    findingOpened = Signal(str, str)  # activity id ("" for the organisation), field path

    def __init__(self, session: RegisterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsDock")
        self.session = session
        self.org_id = ""
        self.model = QStandardItemModel(self)
        self.view = FindingsView(self)
        self.view.setObjectName("findingsView")
        self.view.setAccessibleName("findingsView")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._open)
        self.view.opened.connect(self._open)
        self.setWidget(self.view)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._stale = True
        self._known: set[str] = set()  # the groups shown last time (a group not among them is new)
        # The tree as last built, to update one activity's rows after its edit instead of every row (50,000).
        self._groups: dict[Severity, QStandardItem] = {}
        self._nodes: dict[tuple[Severity, str], QStandardItem] = {}
        self._counts: dict[Severity, int] = {}  # findings per severity's group
        self._touched: set[str] = set()  # activities edited since the tree was last brought up to date
        session.changed.connect(self._changed)
        self.visibilityChanged.connect(lambda shown: self.refresh() if shown and self._stale else None)
        self.retranslate()

    def show_organization(self, org_id: str) -> None:
        self.org_id = org_id
        self._known = set()
        self._stale = True
        if self.isVisible():
            self.refresh()

    def show_count(self, count: int) -> None:
        """The organisation's findings count in the title (and so the menu's action) while the tree waits, hidden."""
        if self._stale:
            self._update_title(count)

    def _changed(self, change: Change) -> None:
        if change.org_id in ("", self.org_id) or change.kind in ("organizations", "register"):
            if change.kind == "activity_changed" and change.org_id == self.org_id and not self._stale:
                self._touched.add(change.activity_id)  # only its rows are made again (when nothing else moved)
            else:
                self._stale = True
            if self.isVisible():
                self._timer.start()
            elif self._touched:
                self._stale = True  # shown again later: built whole then

    def findings(self) -> list[Finding]:
        if not self.org_id or self.session.loading or self.session.register.organization(self.org_id) is None:
            return []  # (a large register still being read: its activities are not there to check yet)
        return self.session.all_findings(self.org_id)

    def leaf_count(self) -> int:
        """How many finding rows the view holds (one per finding)."""
        return sum(
            group.child(i).rowCount()
            for s in range(self.model.rowCount())
            for group in [self.model.item(s)]
            for i in range(group.rowCount())
        )

    def refresh(self) -> None:
        """Rebuild the tree: severity, then activity (in register order, the organisation first), then findings."""
        self._timer.stop()
        touched, self._touched = self._touched, set()
        if not self._stale and touched and self._update_activities(touched):
            return
        self._stale = False
        expanded = self._expanded_keys()
        self.model.clear()
        self._groups, self._nodes, self._counts = {}, {}, {}
        findings = self.findings()
        if not findings:
            self._update_title(0)
            return
        lang = current_language()
        org = self.session.organization(self.org_id)
        order = {a.id: i for i, a in enumerate(org.activities)}
        names = {a.id: " — ".join(p for p in (a.reference, a.name) if p) for a in org.activities}
        titles = self._processor_titles(org, order)  # the processor's side, after the activities
        for severity in _SEVERITIES:
            mine = [f for f in findings if f.severity is severity]
            if not mine:
                continue
            group = QStandardItem(_severity_title(severity, len(mine)))
            group.setIcon(finding_icon(severity is Severity.ERROR))
            group.setData(severity.value, PATH_ROLE)
            group.setEditable(False)
            by_activity: dict[str, list[Finding]] = {}
            for finding in mine:
                by_activity.setdefault(_processor_key(finding) or finding.activity_id or "", []).append(finding)
            for activity_id in sorted(by_activity, key=lambda a: order.get(a, -1)):
                title = (
                    titles.get(activity_id)
                    or names.get(activity_id)
                    or QCoreApplication.translate("FindingsDock", "(untitled activity)")
                    if activity_id
                    else QCoreApplication.translate("FindingsDock", "Organisation: %1").replace("%1", org.name)
                )
                node = QStandardItem(f"{title} ({len(by_activity[activity_id])})")
                node.setEditable(False)
                node.setData(activity_id, ACTIVITY_ROLE)
                node.setData(f"{severity.value}/{activity_id}", PATH_ROLE)
                for finding in by_activity[activity_id]:
                    node.appendRow(self._leaf(finding, lang, names, org))
                group.appendRow(node)
                self._nodes[severity, activity_id] = node
            self.model.appendRow(group)
            self._groups[severity], self._counts[severity] = group, len(mine)
        self._restore_expanded(expanded)
        self._update_title(len(findings))

    def _update_activities(self, touched: set[str]) -> bool:
        """Make again only the rows of the activities edited; False when more moved (the tree is then rebuilt).

        An edit can change findings elsewhere (a reference now duplicated): every severity's count outside the
        edited activities must be what the tree shows, and each of their findings must have its node already.
        """
        findings = self.findings()
        org = self.session.organization(self.org_id)
        totals = {severity: 0 for severity in _SEVERITIES}
        mine: dict[tuple[Severity, str], list[Finding]] = {}
        for finding in findings:
            totals[finding.severity] += 1
            if finding.activity_id in touched and not _processor_key(finding):
                mine.setdefault((finding.severity, finding.activity_id), []).append(finding)
        for severity in _SEVERITIES:
            if severity not in self._groups:
                if totals[severity]:
                    return False  # a group to make: the tree is rebuilt
                continue
            shown = sum(self._nodes[severity, a].rowCount() for a in touched if (severity, a) in self._nodes)
            new = sum(len(mine.get((severity, a), [])) for a in touched)
            if totals[severity] - new != self._counts[severity] - shown or totals[severity] == 0:
                return False
        lang = current_language()
        for activity_id in touched:
            activity = org.activity(activity_id)
            if activity is None:
                return False
            names = {activity_id: " — ".join(p for p in (activity.reference, activity.name) if p)}
            title = names[activity_id] or QCoreApplication.translate("FindingsDock", "(untitled activity)")
            for severity in _SEVERITIES:
                found = mine.get((severity, activity_id), [])
                node = self._nodes.get((severity, activity_id))
                if node is None and found:
                    node = self._insert_node(severity, activity_id, org)
                if node is None:
                    continue
                node.removeRows(0, node.rowCount())
                if not found:
                    group = self._groups[severity]
                    group.removeRow(node.row())
                    del self._nodes[severity, activity_id]
                    continue
                node.appendRows([self._leaf(f, lang, names, org) for f in found])
                node.setText(f"{title} ({len(found)})")
        for severity, group in self._groups.items():
            group.setText(_severity_title(severity, totals[severity]))
            self._counts[severity] = totals[severity]
        self._update_title(len(findings))
        return True

    def _insert_node(self, severity: Severity, activity_id: str, org: Organization) -> QStandardItem:
        """An activity's node in a severity's group, at its place in the register's order (the tree's order)."""
        group = self._groups[severity]
        order = {a.id: i for i, a in enumerate(org.activities)}
        last = len(order)  # the processor's records come after the activities, the organisation first

        def rank(row: int) -> int:
            key = str(group.child(row).data(ACTIVITY_ROLE) or "")
            return -1 if not key else order.get(key, last)

        row = bisect.bisect_left(range(group.rowCount()), order.get(activity_id, last), key=rank)
        node = QStandardItem()
        node.setEditable(False)
        node.setData(activity_id, ACTIVITY_ROLE)
        node.setData(f"{severity.value}/{activity_id}", PATH_ROLE)
        group.insertRow(row, node)
        self._nodes[severity, activity_id] = node
        self.view.setExpanded(node.index(), True)  # new, so open (as a rebuilt tree opens what is new)
        self._known.add(f"{severity.value}/{activity_id}")
        return node

    @staticmethod
    def _processor_titles(org: Organization, order: dict[str, int]) -> dict[str, str]:
        """Node keys and titles of the processor's records (``processor_activities[0]``...), ordered last."""
        titles: dict[str, str] = {}
        for i, activity in enumerate(org.processor_activities):
            name = " — ".join(p for p in (activity.reference, activity.name) if p)
            title = QCoreApplication.translate("FindingsDock", "As processor: %1")
            titles[f"processor_activities[{i}]"] = title.replace("%1", name)
        for i, client in enumerate(org.clients):
            titles[f"clients[{i}]"] = QCoreApplication.translate("FindingsDock", "Client: %1").replace(
                "%1", client.name
            )
        for key in titles:
            order[key] = len(order)
        return titles

    def _leaf(self, finding: Finding, lang: str, names: dict[str, str], org: Organization) -> QStandardItem:
        text = message(finding, lang)
        named = [i for i in getattr(finding, "activities", ()) if i in names]
        target = finding.activity_id or (named[0] if named else "")
        if named and not finding.activity_id and "refs" not in finding.params:
            # An organisation-level finding names the activities it concerns; opening it selects the first.
            text += " — " + ", ".join(names[i] for i in named)
        leaf = QStandardItem(text)
        leaf.setEditable(False)
        leaf.setToolTip(text)
        leaf.setIcon(finding_icon(finding.severity is Severity.ERROR))
        leaf.setData(target, ACTIVITY_ROLE)
        activity = org.activity(target) if target else None
        leaf.setData(finding.field if activity is None else path_in_activity(finding, org, activity), PATH_ROLE)
        return leaf

    def _expanded_keys(self) -> set[str]:
        keys: set[str] = set()
        for s in range(self.model.rowCount()):
            group = self.model.item(s)
            if self.view.isExpanded(group.index()):
                keys.add(str(group.data(PATH_ROLE)))
            for i in range(group.rowCount()):
                if self.view.isExpanded(group.child(i).index()):
                    keys.add(str(group.child(i).data(PATH_ROLE)))
        return keys

    def _restore_expanded(self, keys: set[str]) -> None:
        """What was open stays open; what is new (a group just appearing) opens, what was closed stays closed."""
        known, self._known = self._known, set()
        for s in range(self.model.rowCount()):
            group = self.model.item(s)
            nodes = [group] + [group.child(i) for i in range(group.rowCount())]
            for node in nodes:
                key = str(node.data(PATH_ROLE))
                self._known.add(key)
                self.view.setExpanded(node.index(), key in keys or key not in known)

    def _update_title(self, count: int) -> None:
        self.setWindowTitle(plurals().findings_title(count))

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        item = self.model.itemFromIndex(self.model.index(index.row(), 0, index.parent()))
        if item is None or item.hasChildren():
            return
        self.findingOpened.emit(str(item.data(ACTIVITY_ROLE) or ""), str(item.data(PATH_ROLE) or ""))

    def retranslate(self) -> None:
        self._update_title(self.leaf_count())
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True


def _processor_key(finding: Finding) -> str:
    """The node of a finding about the processor's side: its processing or client (``clients[2]``), else ""."""
    match = _ITEM_PATH.match(finding.field or "")
    if match and match.group(1) in ("processor_activities", "clients"):
        return f"{match.group(1)}[{match.group(2)}]"
    return ""


def reveal_field(form: ActivityForm, scroll: QScrollArea, path: str) -> QWidget | None:
    """Scroll the form to the widget showing ``path`` and focus it (a sub-list's cell is made current)."""
    focus_field = getattr(form, "focus_field", None)
    if callable(focus_field):  # the form's own, when it knows better
        shown = focus_field(path)
        if isinstance(shown, QWidget):
            return shown
    widget: QWidget | None = None
    binding = form.bindings.get(path)
    head = path.split(".")[0].split("[")[0]
    if binding is not None:
        widget = binding.widget
    elif head in form.sublists:
        editor = form.sublists[head]
        match = _ITEM_PATH.match(path)
        if match:
            editor.select_row(int(match.group(2)), max(0, editor.model.column_of(match.group(3) or "")))
        widget = editor.table
    else:
        widget = next((b.widget for p, b in form.bindings.items() if p.startswith(head + ".")), None)
        widget = widget or form.groups.get(head)
    if widget is None:
        return None
    scroll.ensureWidgetVisible(widget, 0, 60)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return widget


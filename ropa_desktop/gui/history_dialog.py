"""An activity's, client's or processing's history from the audit log: who, when, each field's old → new value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.history import HistoryEvent, history
from ..storage.audit_records import recorded_audit_log
from ..storage.errors import StorageError
from . import settings
from .i18n import current_language

# The main window is typed loosely here: it installs these hooks, so this module cannot import it back.
MainWindow = Any


class HistoryDialog(QDialog):
    """The events newest first, each unfolded into its field changes (a creation shows its first content)."""

    def __init__(self, title: str, events: Sequence[HistoryEvent], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of “%1”").replace("%1", title))
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("historyTree")
        self.tree.setAccessibleName("historyTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("When, who, field"), self.tr("Before"), self.tr("After")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(events)

    def _fill(self, events: Sequence[HistoryEvent]) -> None:
        locale = QLocale()  # the UI language's locale (install_language sets it), not the US for English
        for event in reversed(events):
            when = ""
            if event.at is not None:
                moment = QDateTime.fromMSecsSinceEpoch(int(event.at.timestamp() * 1000)).toLocalTime()
                when = locale.toString(moment, QLocale.FormatType.ShortFormat)
            head = QTreeWidgetItem(self.tree, [f"{when} · {event.who} · {self._action(event)}"])
            head.setFirstColumnSpanned(True)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            if event.differs:  # a line a session wrote (a psql session forging the application's mark)
                note = QTreeWidgetItem(head, [self.tr(
                    "This line's content was written by the session and differs from what the server recorded;"
                    " the server's record is shown.")])
                note.setFirstColumnSpanned(True)
                note.setToolTip(0, note.text(0))
                note.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, "differs")
                note.setForeground(0, self.palette().brush(self.palette().ColorRole.Link))
                italic = note.font(0)
                italic.setItalic(True)
                note.setFont(0, italic)
            for change in event.changes:
                QTreeWidgetItem(head, [change.label, change.old, change.new])
            head.setExpanded(True)
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 260)
        self.summary.setText(self.tr("%n change(s) recorded in the register's audit log, newest first.", "",
                                     len(events)) if events else self.tr("Nothing recorded yet."))

    def _action(self, event: HistoryEvent) -> str:
        if event.action == "create":
            return self.tr("created")
        if event.action == "delete":
            return self.tr("deleted")
        if event.action == "none":  # (a line that differs from the records, which show no change)
            return self.tr("no change recorded")
        if not event.changes:
            return self.tr("saved, no field changed (its place in the list)")
        return self.tr("changed %n field(s)", "", len(event.changes))


def open_history(window: MainWindow) -> None:
    """The history of what the window shows: the activity in the form, or the processor's processing or client."""
    session, org_id = window.session, window.org_id
    org = session.register.organization(org_id) if org_id else None
    current: object | None = None
    title = ""
    if window.modeStack.currentWidget() is not window.processorPane:
        activity = window.current_activity()
        if activity is not None:
            entity_id, current = activity.id, activity
            title = " ".join(p for p in (activity.reference, activity.name) if p)
    else:
        pane = window.processorPane
        form = pane.clientForm if pane.currentWidget() is pane.clientsPage else pane.processingForm
        record_id = form.record_id if pane.currentWidget() is not pane.securityPage else None
        if org is not None and record_id:
            current = org.client(record_id) or org.processor_activity(record_id)
            if current is not None:
                entity_id = record_id
                title = " ".join(p for p in (getattr(current, "reference", ""), getattr(current, "name", "")) if p)
    if current is None or org is None:
        return
    window.form.flush()
    window.processorPane.flush()
    try:
        entries = recorded_audit_log(session.store, entity_id)
    except StorageError as error:
        window.show_storage_error(error)
        return
    names = {r.id: r.name for r in org.recipients}
    dialog = HistoryDialog(title, history(entries, current_language(), current=current, recipients=names), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class _Hook(QObject):
    """The window's "History…" action, named again when the language changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.action = QAction(window)
        self.action.setObjectName("actionHistory")
        self.action.setProperty("accessibleName", "actionHistory")
        self.action.triggered.connect(lambda: open_history(window))
        window.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("HistoryDialog", "History…"))
        self.action.setToolTip(QCoreApplication.translate(
            "HistoryDialog", "Who changed what and when, from the register's audit log"))


def install(window: MainWindow) -> QAction:
    """The hooks: "History…" in the Edit menu and beside the form's review button; the store's display name."""
    window.session.store.display_name = settings.display_name() or None
    action = _Hook(window).action
    window.ui.menuEdit.insertAction(window.ui.actionFind, action)
    button = QToolButton(window.form)
    button.setObjectName("historyButton")
    button.setAccessibleName("historyButton")
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setDefaultAction(action)
    window.form.ui.nextReviewLayout.addWidget(button)
    return action

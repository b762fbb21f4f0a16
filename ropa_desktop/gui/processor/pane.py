"""The organisation "as processor": its processing for clients, its clients and its general security measures."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import field_paths
from ...domain.checks import Finding, Severity
from ...domain.model import Client, Organization, ProcessorActivity, SecurityMeasure
from ...services.editing import Change
from ...storage.errors import StorageError
from ..editing import Editing
from ..form.sublist_editor import SubListEditor
from ..form.sublist_model import SubListModel
from ..icons import icon
from ..session import PROCESSOR_KINDS
from .record_form import RecordForm
from .record_list import RecordListPane
from .records import CLIENT_COLUMNS, LISTS, PROCESSING_COLUMNS, client_usage, findings_of

PROCESSING_PAGE, CLIENTS_PAGE, SECURITY_PAGE = range(3)


class _Page(QSplitter):
    """A list on the left, the selected record's form on the right (or what to do when there is none)."""

    def __init__(self, pane: RecordListPane, form: RecordForm, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.list, self.form = pane, form
        self.stack = QStackedWidget(self)
        self.emptyLabel = QLabel(self.stack)
        self.emptyLabel.setObjectName(f"{form.prefix}EmptyFormLabel")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scrollArea = QScrollArea(self.stack)
        self.scrollArea.setObjectName(f"{form.prefix}ScrollArea")
        self.scrollArea.setWidgetResizable(True)
        self.scrollArea.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(form)
        self.scrollArea.setWidget(host)
        self.stack.addWidget(self.emptyLabel)
        self.stack.addWidget(self.scrollArea)
        self.addWidget(pane)
        self.addWidget(self.stack)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([600, 660])  # room for every list title, whole, in French and English


def statement_button(parent: QWidget, name: str) -> QPushButton:
    """The "Export statement…" button (its action, text and state come from ``statement_actions``)."""
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setAccessibleName(name)
    button.setIcon(icon("export"))
    return button


class ProcessorPane(QTabWidget):
    """What the organisation does as a processor; every change goes through ``Editing`` (one undo step each)."""

    storageError = Signal(object)  # a StorageError to show
    languageChanged = Signal()  # after the pane's own texts are retranslated (the statement actions follow)
    countsChanged = Signal()  # the processing shown or the clients changed (the status bar counts them)

    def __init__(self, editing: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processorPane")
        self.editing, self.session = editing, editing.session
        self.org_id = ""
        self._read_only = False
        self.processingList = RecordListPane("processing", PROCESSING_COLUMNS, self)
        self.processingForm = RecordForm("processor_activity", "processing", self._processing_titles, self)
        self.processingPage = _Page(self.processingList, self.processingForm, self)
        self.clientList = RecordListPane("client", CLIENT_COLUMNS, self, status=False)
        self.clientList.duplicateButton.hide()
        self.clientForm = RecordForm("client", "client", self._client_titles, self)
        # "Export statement for this client…" under the list and on the form (statement_actions connects them).
        self.clientListStatementButton = statement_button(self.clientList, "clientListStatementButton")
        self.clientList.buttons.addWidget(self.clientListStatementButton)
        self.clientStatementButton = statement_button(self.clientForm, "clientStatementButton")
        form_layout = self.clientForm.layout()
        assert isinstance(form_layout, QVBoxLayout)
        form_layout.insertWidget(2, self.clientStatementButton, 0, Qt.AlignmentFlag.AlignLeft)
        self.clientsPage = _Page(self.clientList, self.clientForm, self)
        # The table grows with its rows: the page scrolls, as the forms do.
        self.securityPage = QScrollArea(self)
        self.securityPage.setObjectName("generalSecurityPage")
        self.securityPage.setWidgetResizable(True)
        host = QWidget()
        self.securityIntro = QLabel(host)
        self.securityIntro.setWordWrap(True)
        self.securityModel = SubListModel("security_measure", SecurityMeasure, self)
        self.securityEditor = SubListEditor("security_measures", self.securityModel, "generalSecurityTable", host)
        self.securityEditor.listEdited.connect(self._security_edited)
        security = QVBoxLayout(host)
        security.addWidget(self.securityIntro)
        security.addWidget(self.securityEditor)
        security.addStretch(1)
        self.securityPage.setWidget(host)
        self.addTab(self.processingPage, "")
        self.addTab(self.clientsPage, "")
        self.addTab(self.securityPage, "")
        self._findings: list[Finding] = []
        self.processingList.currentChanged.connect(self.show_processing)
        self.clientList.currentChanged.connect(self.show_client)
        self.processingForm.editRequested.connect(self._processing_edited)
        self.clientForm.editRequested.connect(self._client_edited)
        for form in (self.processingForm, self.clientForm):
            form.typingEnded.connect(self.editing.seal_last)
        self.processingList.newButton.clicked.connect(self.new_processing)
        self.processingList.duplicateButton.clicked.connect(self.duplicate_processing)
        self.processingList.deleteButton.clicked.connect(self.delete_processing)
        self.clientList.newButton.clicked.connect(self.new_client)
        self.clientList.deleteButton.clicked.connect(self.delete_client)
        self.session.changed.connect(self._changed)
        self.processingList.proxy.layoutChanged.connect(self.countsChanged)
        self.processingList.proxy.modelReset.connect(self.countsChanged)
        self.processingList.search.textChanged.connect(self.countsChanged)
        self.processingList.statusFilter.activated.connect(self.countsChanged)
        self.processingList.findingsFilter.toggled.connect(self.countsChanged)
        self.retranslate()

    # --- showing ----------------------------------------------------------------------------------

    def _org(self) -> Organization | None:
        return self.session.register.organization(self.org_id) if self.org_id else None

    def show_organization(self, org_id: str) -> None:
        self.flush()
        self.org_id = org_id
        self.reload()
        self.processingList.select_first()
        self.clientList.select_first()
        self.show_processing(self.processingList.current_id())
        self.show_client(self.clientList.current_id())

    def reload(self) -> None:
        """Lists, forms and the general security table from what the register holds now."""
        org = self._org()
        self._findings = self.session.processor_findings(self.org_id) if org is not None else []
        self.processingList.show_records(
            org, org.processor_activities if org else [], self._counts("processor_activity")
        )
        self.clientList.show_records(org, org.clients if org else [], self._counts("client"))
        self.securityModel.set_items(org.security_measures if org else [])
        self.securityEditor._fit_height()
        self.show_processing(self.processingList.current_id())
        self.show_client(self.clientList.current_id())
        self._update_buttons()

    def counts(self) -> tuple[int, int, int]:
        """Processing shown by the list's filters, all processing for clients, clients (the status bar's)."""
        org = self._org()
        if org is None:
            return (0, 0, 0)
        return (self.processingList.proxy.rowCount(), len(org.processor_activities), len(org.clients))

    def _counts(self, scope: str) -> dict[str, tuple[int, bool]]:
        org = self._org()
        if org is None:
            return {}
        counts: dict[str, tuple[int, bool]] = {}
        for record in getattr(org, LISTS[scope]):
            mine = findings_of(self._findings, org, scope, record.id)
            counts[record.id] = (len(mine), any(f.severity is Severity.ERROR for f in mine))
        return counts

    def show_processing(self, activity_id: str) -> None:
        org = self._org()
        activity = org.processor_activity(activity_id) if org is not None and activity_id else None
        if activity is None:
            self.processingForm.flush()
            self.processingPage.stack.setCurrentIndex(0)
        else:
            findings = findings_of(self._findings, org, "processor_activity", activity.id) if org else []
            self.processingForm.load(org, activity, findings)  # type: ignore[arg-type]
            self.processingForm.set_hint(
                "clients",
                "" if org is not None and org.clients else
                self.tr("No client yet: add the controllers you work for in the “Clients” tab, then pick them here."),
            )
            self.processingPage.stack.setCurrentIndex(1)
        self._update_buttons()

    def show_client(self, client_id: str) -> None:
        org = self._org()
        client = org.client(client_id) if org is not None and client_id else None
        if client is None:
            self.clientForm.flush()
            self.clientsPage.stack.setCurrentIndex(0)
        else:
            findings = findings_of(self._findings, org, "client", client.id) if org else []
            self.clientForm.load(org, client, findings)  # type: ignore[arg-type]
            used = client_usage(org, client.id) if org is not None else []
            self.clientForm.subtitleLabel.setText(
                self.tr("Processing carried out for this client: %1").replace("%1", ", ".join(used))
                if used
                else self.tr("No processing names this client yet: pick it in a processing's “Clients” table.")
            )
            self.clientForm.subtitleLabel.show()
            self.clientsPage.stack.setCurrentIndex(1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = bool(self.org_id) and not self._read_only
        for pane in (self.processingList, self.clientList):
            chosen = writable and bool(pane.current_id())
            pane.newButton.setEnabled(writable)
            pane.duplicateButton.setEnabled(chosen)
            pane.deleteButton.setEnabled(chosen)

    def _changed(self, change: Change) -> None:
        mine = change.kind in PROCESSOR_KINDS or change.kind == "organization_changed"  # (its general security)
        if (change.org_id == self.org_id and mine) or change.kind == "register":
            self.reload()
        elif change.kind == "organizations" and self._org() is None:
            self.show_organization("")

    def flush(self) -> None:
        self.processingForm.flush()
        self.clientForm.flush()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.processingForm.set_read_only(read_only)
        self.clientForm.set_read_only(read_only)
        self.securityEditor.set_read_only(read_only)
        self._update_buttons()

    def open_finding(self, path: str) -> None:
        """Select the record an organisation-relative path names and focus the field (``clients[1].end``)."""
        org = self._org()
        segments = field_paths.try_parse(path) or ()
        if org is None or not segments:
            return
        head, rest = segments[0], field_paths.format_path(segments[1:])
        if head.name == "security_measures":
            self.setCurrentIndex(SECURITY_PAGE)
            if head.index is not None:
                self.securityEditor.select_row(head.index)
            self.securityEditor.table.setFocus()
            return
        scope = next((s for s, name in LISTS.items() if name == head.name), None)
        records = getattr(org, head.name, None) if scope else None
        if scope is None or head.index is None or not records or head.index >= len(records):
            return
        record_id = records[head.index].id
        pane, form, page = (
            (self.processingList, self.processingForm, PROCESSING_PAGE)
            if scope == "processor_activity"
            else (self.clientList, self.clientForm, CLIENTS_PAGE)
        )
        self.setCurrentIndex(page)
        if not pane.select(record_id):
            pane.clear_filters()
            pane.select(record_id)
        QTimer.singleShot(0, lambda: form.focus_field(rest) if rest else None)

    def focus_search(self) -> None:
        """Ctrl+F: the search field of the list shown (processing or clients)."""
        pane = self.clientList if self.currentIndex() == CLIENTS_PAGE else self.processingList
        self.setCurrentIndex(CLIENTS_PAGE if pane is self.clientList else PROCESSING_PAGE)
        pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        pane.search.selectAll()

    # --- editing ----------------------------------------------------------------------------------

    def _guarded(self, action: Callable[[], Any]) -> Any:
        self.flush()
        try:
            return action()
        except StorageError as error:
            self.storageError.emit(error)
            self.reload()
            return None

    # A team register's lost server keeps these edits for when it is back (the typed text stays shown).

    def _processing_edited(self, after: ProcessorActivity, field: str, mergeable: bool) -> None:
        org_id = self.org_id
        self._guarded(lambda: self.editing.save_or_keep(
            "processor_activity", org_id, after, field,
            lambda: self.editing.edit_processor_activity(org_id, after, field, mergeable)))

    def _client_edited(self, after: Client, field: str, mergeable: bool) -> None:
        org_id = self.org_id
        self._guarded(lambda: self.editing.save_or_keep(
            "client", org_id, after, field, lambda: self.editing.save_client(org_id, after, field, mergeable)))

    def _security_edited(self, _key: str, items: list[SecurityMeasure]) -> None:
        org_id = self.org_id
        org = self._org()
        if org is None:
            return
        mine = copy.copy(org)  # shallow: what is kept is the measures, with the organisation they belong to
        mine.security_measures = copy.deepcopy(items)
        self._guarded(lambda: self.editing.save_or_keep(
            "security", org_id, mine, "security_measures",
            lambda: self.editing.edit_general_security(org_id, items)))

    def new_processing(self) -> None:
        if not self.org_id or self._read_only:
            return
        after = self.processingList.current_id() or None
        written = self._guarded(lambda: self.editing.new_processor_activity(self.org_id, after))
        if isinstance(written, ProcessorActivity):
            self.processingList.clear_filters()
            self.processingList.select(written.id)
            self.processingForm.bindings["name"].widget.setFocus()

    def duplicate_processing(self) -> None:
        current = self.processingList.current_id()
        if current and not self._read_only:
            written = self._guarded(lambda: self.editing.duplicate_processor_activity(self.org_id, current))
            if isinstance(written, ProcessorActivity):
                self.processingList.clear_filters()
                self.processingList.select(written.id)

    def delete_processing(self) -> None:
        org, current = self._org(), self.processingList.current_id()
        activity = org.processor_activity(current) if org is not None and current else None
        if activity is None or self._read_only:
            return
        name = " ".join(p for p in (activity.reference, activity.name) if p) or self.tr("(untitled)")
        answer = QMessageBox.question(
            self,
            self.tr("Delete processing"),
            self.tr("Delete the processing “%1”? You can undo this with Ctrl+Z.").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guarded(lambda: self.editing.delete_processor_activity(self.org_id, activity.id))

    def new_client(self) -> None:
        if not self.org_id or self._read_only:
            return
        client = Client()
        self._guarded(lambda: self.editing.save_client(self.org_id, client))
        self.clientList.clear_filters()
        if self.clientList.select(client.id):
            self.clientForm.bindings["name"].widget.setFocus()

    def delete_client(self) -> None:
        org, current = self._org(), self.clientList.current_id()
        client = org.client(current) if org is not None and current else None
        if org is None or client is None or self._read_only:
            return
        used = client_usage(org, client.id)
        if used:
            shown = ", ".join(used[:12]) + (" …" if len(used) > 12 else "")
            QMessageBox.warning(
                self,
                self.tr("Delete client"),
                self.tr("“%1” cannot be deleted: it is the client of %2. Remove it from that processing first.")
                .replace("%1", client.name)
                .replace("%2", shown),
            )
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete client"),
            self.tr("Delete the client “%1”? You can undo this with Ctrl+Z.").replace("%1", client.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guarded(lambda: self.editing.delete_client(self.org_id, client.id))

    # --- language ---------------------------------------------------------------------------------

    def _processing_titles(self, run: int) -> str:
        return self.tr("Identification") if run == 0 else self.tr("Service and notes")

    def _client_titles(self, run: int) -> str:
        return self.tr("Identity of the controller") if run == 0 else self.tr("Contract (Art. 28) and service")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setTabText(PROCESSING_PAGE, self.tr("Processing for clients"))
        self.setTabText(CLIENTS_PAGE, self.tr("Clients"))
        self.setTabText(SECURITY_PAGE, self.tr("General security measures"))
        self.processingList.newButton.setText(self.tr("+ New"))
        self.processingList.duplicateButton.setText(self.tr("Duplicate"))
        self.processingList.deleteButton.setText(self.tr("Delete"))
        self.clientList.newButton.setText(self.tr("+ New client"))
        self.clientList.deleteButton.setText(self.tr("Delete"))
        self.processingList.set_empty_text(
            self.tr("No processing for clients yet. Click “+ New” to record a category of processing you carry "
                    "out on behalf of a client (Art. 30(2)).")
        )
        self.clientList.set_empty_text(
            self.tr("No client yet. Click “+ New client” to record a controller you process data for.")
        )
        self.languageChanged.emit()
        self.processingPage.emptyLabel.setText(self.tr("Select a processing in the list, or create one with “+ New”."))
        self.clientsPage.emptyLabel.setText(self.tr("Select a client in the list, or create one with “+ New client”."))
        self.securityIntro.setText(
            self.tr("The general description of the technical and organisational security measures (Art. 32) "
                    "that applies to the processing you carry out for clients (Art. 30(2)(d)). A processing "
                    "can add measures of its own. Add a measure with + (or the Insert key).")
        )
        self.reload()

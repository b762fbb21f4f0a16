"""The main window: wiring only (widgets from forms/main_window.ui, behaviour in panes and controllers)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QTabBar, QWidget

from ..domain.model import Activity
from ..services.editing import Change
from ..storage.errors import StorageError
from ..storage.paths import REGISTER_SUFFIX
from . import compact_layout, file_actions, history_dialog, organizations, settings, window_dialogs
from .editing import Editing
from .findings_dock import FindingsDock, reveal_field
from .form.activity_form import ActivityForm
from .form.outline import install_outline
from .generated.ui_main_window import Ui_MainWindow
from .icons import icon
from .jobs import JobRunner
from .list_pane import ActivityListPane
from .processor import statement_actions
from .processor.pane import ProcessorPane
from .processor.remembered import remember_mode
from .register_loading import RegisterLoader
from .session import PROCESSOR_KINDS, PROCESSOR_PATHS, RegisterSession
from .status_bar import RegisterStatus
from .team import controller as team_controller
from .team import roles as team_roles
from .team.live import ConnectionBanner, TeamLink
from .window_base import RegisterWindowBase

FORM_PAGE, EMPTY_PAGE = 1, 0
CONTROLLER_MODE, PROCESSOR_MODE = 0, 1
ACCESSIBLE_ACTIONS = (
    "actionNewActivity",
    "actionDuplicateActivity",
    "actionDeleteActivity",
    "actionUndo",
    "actionRedo",
    "actionImport",
    "actionExportXlsx",
    "actionExportPdf",
    "actionExportJson",
    "actionNewOrganization",
)


class MainWindow(RegisterWindowBase):
    """Organisation selector, activity list and form side by side; every edit is saved as it is made."""

    banner: ConnectionBanner  # a team register's lost-connection strip (gui/team/controller.py)
    loader: RegisterLoader | None = None  # a large register read whole behind its shown list

    def __init__(self, session: RegisterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        self.setAccessibleName("MainWindow")
        self.setWindowIcon(icon("app/ropa-desktop"))
        self.editing = Editing(session, self)
        self.export_runner: JobRunner | None = None  # the last export/import job (kept alive while it runs)
        self.import_runner: JobRunner | None = None
        self.import_message: QMessageBox | None = None  # what the last import applied (not modal)
        self.form = ActivityForm(self.ui.formHost, create_recipient=self._create_recipient)
        self.ui.formHostLayout.addWidget(self.form)
        self.outline = install_outline(self.ui.formStack, self.ui.formScrollArea, self.form)
        self.ui.menuEdit.insertAction(self.ui.actionFind, self.form.markReviewedAction)
        ui = self.ui
        self.list = ActivityListPane(
            session,
            ui.activityTable,
            ui.activityFilter,
            ui.statusFilter,
            ui.legalBasisFilter,
            ui.transfersFilter,
            ui.sensitiveFilter,
            ui.findingsFilter,
            self,
        )
        self._build_modes()
        self.status = RegisterStatus(self.statusBar())
        self.processorPane.countsChanged.connect(  # the processor's list filtered or refilled: its counts
            lambda: self.status.set_processor(self.processorPane.counts())
            if self.modeBar.currentIndex() == PROCESSOR_MODE
            else None
        )
        self.findingsDock = FindingsDock(session, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findingsDock)
        self.findingsDock.hide()
        self._actions()
        self._connect()
        compact_layout.fit(self)
        settings.restore_window(self.ui.mainSplitter, self.ui.activityTable.horizontalHeader(), self)
        self.retranslate()
        self._fill_organizations()
        self.team: TeamLink | None = None
        if session.is_team:
            team_controller.setup(self)
        self.set_read_only(session.read_only)
        self.setAcceptDrops(True)
        self.historyAction = history_dialog.install(self)
        remember_mode(session.store.where, self.modeBar, self.processorPane)

    # --- building ------------------------------------------------------------------------------------------

    def _build_modes(self) -> None:
        """Beside the organisation: its register as controller, or what it does as a processor (Art. 30(2))."""
        ui = self.ui
        ui.listLayout.removeItem(ui.organizationRow)
        ui.centralLayout.insertLayout(0, ui.organizationRow)
        ui.organizationSelector.setMaximumWidth(420)
        self.modeBar = QTabBar(self)
        self.modeBar.setObjectName("registerModeBar")
        self.modeBar.setAccessibleName("registerModeBar")
        self.modeBar.setDrawBase(False)
        self.modeBar.setExpanding(False)
        self.modeBar.addTab("")
        self.modeBar.addTab("")
        ui.organizationRow.addSpacing(12)
        ui.organizationRow.addWidget(self.modeBar)
        ui.organizationRow.addStretch(1)
        self.modeStack = QStackedWidget(self)
        self.modeStack.setObjectName("registerModeStack")
        ui.centralLayout.removeWidget(ui.mainSplitter)
        self.modeStack.addWidget(ui.mainSplitter)
        self.processorPane = ProcessorPane(self.editing, self.modeStack)
        self.modeStack.addWidget(self.processorPane)
        ui.centralLayout.addWidget(self.modeStack, 1)
        self.modeBar.currentChanged.connect(self.set_mode)
        self.processorPane.storageError.connect(self.show_storage_error)

    def controller_mode(self) -> bool:
        return self.modeBar.currentIndex() == CONTROLLER_MODE

    def set_mode(self, mode: int) -> None:
        """Show the controller's register or the processor's; the activity actions apply to the first only."""
        self.form.flush()
        self.processorPane.flush()
        if self.modeBar.currentIndex() != mode:
            self.modeBar.setCurrentIndex(mode)  # comes back here through currentChanged
            return
        self.modeStack.setCurrentIndex(mode)
        controller = mode == CONTROLLER_MODE
        writable = controller and bool(self.org_id) and not self.session.read_only
        self.ui.actionNewActivity.setEnabled(writable)
        shown = writable and self.current_activity() is not None
        self.ui.actionDuplicateActivity.setEnabled(shown)
        self.ui.actionDeleteActivity.setEnabled(shown)
        self._update_status()

    def _actions(self) -> None:
        ui = self.ui
        for name, icon_name in (
            ("actionNewActivity", "new-activity"),
            ("actionDuplicateActivity", "duplicate"),
            ("actionDeleteActivity", "delete"),
            ("actionUndo", "undo"),
            ("actionRedo", "redo"),
            ("actionImport", "import"),
            ("actionExportPdf", "export"),
            ("actionEditOrganization", "organization"),
            ("actionRecipients", "recipients"),
            ("actionOpenRegister", "open"),
            ("actionFind", "search"),
        ):
            getattr(ui, name).setIcon(icon(icon_name))
        self._redo_keys()
        ui.actionDeleteActivity.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete)])
        ui.actionDeleteActivity.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        ui.activityTable.addAction(ui.actionDeleteActivity)  # Del deletes an activity only from the list
        ui.organizationButton.setDefaultAction(ui.actionEditOrganization)
        ui.organizationButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        # In the toolbar these show their icon only (tooltips name them); the menus keep the text.
        for action in (ui.actionUndo, ui.actionRedo, ui.actionImport, ui.actionExportPdf):
            action.setPriority(QAction.Priority.LowPriority)
        for name in ACCESSIBLE_ACTIONS:
            getattr(ui, name).setProperty("accessibleName", name)
        file_actions.setup_export_actions(self)
        statement_actions.setup(self, self.processorPane)
        organizations.setup(self)
        self.actionOpenTeamRegister = QAction(self)
        self.actionOpenTeamRegister.setObjectName("actionOpenTeamRegister")
        ui.menuFile.insertAction(ui.menuRecentFiles.menuAction(), self.actionOpenTeamRegister)
        toggle = self.findingsDock.toggleViewAction()
        toggle.setObjectName("actionShowFindings")
        toggle.setShortcut(QKeySequence("F8"))
        ui.menuEdit.addAction(toggle)

    def _connect(self) -> None:
        ui, stack = self.ui, self.editing.stack
        ui.actionUndo.triggered.connect(self.undo)
        ui.actionRedo.triggered.connect(self.redo)
        stack.canUndoChanged.connect(ui.actionUndo.setEnabled)
        stack.canRedoChanged.connect(ui.actionRedo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text)
        stack.redoTextChanged.connect(self._redo_text)
        ui.actionUndo.setEnabled(False)
        ui.actionRedo.setEnabled(False)
        ui.actionNewActivity.triggered.connect(self.new_activity)
        ui.actionDuplicateActivity.triggered.connect(self.duplicate_activity)
        ui.actionDeleteActivity.triggered.connect(self.delete_activity)
        ui.actionFind.triggered.connect(self.find_activity)
        ui.actionPreferences.triggered.connect(lambda: window_dialogs.preferences(self))
        ui.actionEditOrganization.triggered.connect(lambda: self.edit_organization())
        ui.actionRecipients.triggered.connect(self.recipients)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(lambda: file_actions.about(self))
        ui.actionNewRegister.triggered.connect(lambda: file_actions.new_register(self))
        ui.actionOpenRegister.triggered.connect(lambda: file_actions.open_register(self))
        self.actionOpenTeamRegister.triggered.connect(lambda: team_controller.open_team_register(self))
        ui.actionSaveCopyAs.triggered.connect(lambda: file_actions.save_copy_as(self))
        ui.actionImport.triggered.connect(lambda: file_actions.import_file(self))
        ui.menuRecentFiles.aboutToShow.connect(lambda: file_actions.fill_recent_menu(self))
        ui.organizationSelector.currentIndexChanged.connect(self._organization_chosen)
        self.list.currentActivityChanged.connect(self.show_activity)
        self.list.findingsCountChanged.connect(self._update_status)
        self.list.findingsReady.connect(self._findings_ready)
        # Not the proxy's row signals: a filter change emits one per removed range, thousands per keystroke.
        self.list.filtered.connect(self._update_status)
        self.list.model.rowsInserted.connect(self._update_status)
        self.list.model.rowsRemoved.connect(self._update_status)
        self.form.editRequested.connect(self._edit_requested)
        self.form.typingEnded.connect(self.editing.seal_last)
        self.session.changed.connect(self._changed)
        self.findingsDock.findingOpened.connect(self.open_finding)
        self.status.findingsLabel.clicked.connect(self.show_findings)
        self.session.saved.connect(self._saved)
        self.session.failed.connect(self.show_storage_error)

    # --- organisations and activities ----------------------------------------------------------------------

    @property
    def org_id(self) -> str:
        return str(self.ui.organizationSelector.currentData() or "")

    def _undo_text(self, text: str) -> None:
        """"Undo: Import (1 change)" in the menu and the tooltip; plain "Undo" when there is nothing to undo."""
        shown = self.tr("Undo %1").replace("%1", text) if text else self.tr("Undo")
        self.ui.actionUndo.setText(shown)
        self.ui.actionUndo.setToolTip(shown)

    def _redo_text(self, text: str) -> None:
        shown = self.tr("Redo %1").replace("%1", text) if text else self.tr("Redo")
        self.ui.actionRedo.setText(shown)
        self.ui.actionRedo.setToolTip(shown)

    def _recipients_changed(self, org_id: str) -> None:
        self._activity_changed(org_id, self.form.activity_id or "")

    def _register_replaced(self) -> None:
        if not self._fill_organizations():
            self._organization_chosen()  # the same organisation, but its activities changed

    def _changed(self, change: Change) -> None:
        """The one change signal (after the list has refreshed): the form, the selector, the empty state."""
        if change.kind == "activity_changed":
            self._activity_changed(change.org_id, change.activity_id)
        elif change.kind == "activity_inserted":
            self._activity_inserted(change.org_id, change.activity_id, change.index)
        elif change.kind == "activity_removed":
            self._activity_removed(change.org_id, change.activity_id)
        elif change.kind == "organization_changed":
            self._fill_organizations()
            self._update_status()
        elif change.kind == "organizations":
            self._organizations_changed(change.org_id)
        elif change.kind == "register":
            self._register_replaced()
        elif change.kind == "recipients":
            self._recipients_changed(change.org_id)
        elif change.kind in PROCESSOR_KINDS:
            self._update_status()  # the findings count covers the processor's side too

    def _organizations_changed(self, org_id: str) -> None:
        """One was added (show it) or removed (show the one now in its place)."""
        if self.session.register.organization(org_id) is not None:
            self.show_organization(org_id)
        else:
            self._fill_organizations()
        organizations.update_empty_state(self)

    def show_organization(self, org_id: str) -> None:
        self._fill_organizations()
        index = self.ui.organizationSelector.findData(org_id)
        if index >= 0:
            self.ui.organizationSelector.setCurrentIndex(index)

    def _fill_organizations(self, *_: object) -> bool:
        """Refill the selector; True when that changed the organisation shown (and so reloaded the list)."""
        selector, current = self.ui.organizationSelector, self.org_id
        blocked = selector.blockSignals(True)
        selector.clear()
        for org in self.session.register.organizations:
            selector.addItem(org.name or self.tr("(unnamed organisation)"), org.id)
        selector.setCurrentIndex(max(0, selector.findData(current)))
        selector.blockSignals(blocked)
        if self.org_id != self.list.org_id:
            self._organization_chosen()
            return True
        return False

    def _organization_chosen(self, *_: object) -> None:
        self.form.flush()
        if self.org_id:
            self.list.show_organization(self.org_id)
        else:
            self.list.clear()
        self.findingsDock.show_organization(self.org_id)
        self.processorPane.show_organization(self.org_id)
        organizations.update_empty_state(self)
        self.show_activity(self.list.current_id() or self.list.select_first())
        self._update_status()

    def show_activity(self, activity_id: str) -> None:
        activity = self.session.activity(self.org_id, activity_id) if activity_id and self.org_id else None
        if activity is None:
            self.form.flush()
            self.ui.formStack.setCurrentIndex(EMPTY_PAGE)
        else:
            # A large organisation's checks may still run after the window showed: findings come with findingsReady.
            findings = self.session.findings(self.org_id, activity) if self.list.findings_ready() else []
            self.form.load(self.session.organization(self.org_id), activity, findings)
            self.ui.formStack.setCurrentIndex(FORM_PAGE)
        organizations.update_empty_state(self)  # the activity actions, and why the form is empty

    def current_activity(self) -> Activity | None:
        activity_id = self.form.activity_id if self.ui.formStack.currentIndex() == FORM_PAGE else None
        return self.session.activity(self.org_id, activity_id) if activity_id else None

    def _activity_changed(self, org_id: str, activity_id: str) -> None:
        if org_id == self.org_id and activity_id and activity_id == self.form.activity_id:
            activity = self.session.activity(org_id, activity_id)
            if activity is not None:  # (findings once the slices are done: asking now would check every activity)
                findings = self.session.findings(org_id, activity) if self.list.findings_ready() else []
                self.form.load(self.session.organization(org_id), activity, findings)

    def _activity_removed(self, org_id: str, activity_id: str) -> None:
        if org_id == self.org_id and activity_id == self.form.activity_id:
            self.show_activity(self.list.current_id())

    def _activity_inserted(self, org_id: str, activity_id: str, _index: int) -> None:
        if org_id == self.org_id:
            self.list.select(activity_id)

    # --- editing ----------------------------------------------------------------------------------

    def _edit_requested(self, after: Activity, field: str, mergeable: bool) -> None:
        try:
            if self.team is not None:
                self.team.save(self.org_id, after, field, mergeable)  # conflicts reviewed, a lost server waited for
            else:
                self.editing.edit_activity(self.org_id, after, field, mergeable)
        except StorageError as error:
            self.show_storage_error(error)
            self.show_activity(after.id)  # back to what the file holds

    def guarded(self, action: object) -> object:
        self.form.flush()
        try:
            return action()  # type: ignore[operator]
        except StorageError as error:
            self.show_storage_error(error)
            return None

    def new_activity(self) -> None:
        if self.modeBar.currentIndex() == PROCESSOR_MODE:
            return  # the processor's side has its own "+ New" buttons
        if self.org_id and not self.session.read_only:
            written = self.guarded(
                lambda: self.editing.new_activity(self.org_id, self.form.activity_id or None)
            )
            if isinstance(written, Activity):
                self.list.select(written.id)
                self.form.ui.activityReferenceEdit.setFocus()

    def duplicate_activity(self) -> None:
        activity = self.current_activity()
        if activity is not None and not self.session.read_only:
            written = self.guarded(lambda: self.editing.duplicate_activity(self.org_id, activity.id))
            if isinstance(written, Activity):
                self.list.select(written.id)

    def delete_activity(self) -> None:
        window_dialogs.confirm_delete_activity(self)

    def undo(self) -> None:
        self.form.flush()
        self.processorPane.flush()
        self.editing.stack.undo()

    def redo(self) -> None:
        self.form.flush()
        self.processorPane.flush()
        self.editing.stack.redo()

    def show_findings(self) -> None:
        self.findingsDock.show()
        self.findingsDock.raise_()
        self.findingsDock.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_finding(self, activity_id: str, path: str) -> None:
        """Select the finding's activity, scroll the form to its field and focus it (or open the dialog)."""
        if path.startswith(PROCESSOR_PATHS) and not (activity_id and self.session.activity(self.org_id, activity_id)):
            self.set_mode(PROCESSOR_MODE)
            self.processorPane.open_finding(path)
            return
        if not activity_id:
            if path.startswith("recipients["):
                self.recipients()
            else:
                self.edit_organization(path)
            return
        self.set_mode(CONTROLLER_MODE)
        if not self.list.select(activity_id):
            self.list.clear_filters()  # a filter hides it: show everything rather than nothing
            self.list.select(activity_id)
        if self.form.activity_id != activity_id:
            self.show_activity(activity_id)
        # After the click that opened it has been handled: the view would otherwise take the focus back.
        QTimer.singleShot(0, lambda: self._reveal(path))

    def _reveal(self, path: str) -> None:
        self.ui.formHostLayout.activate()
        reveal_field(self.form, self.ui.formScrollArea, path)

    def find_activity(self) -> None:
        if self.modeBar.currentIndex() == PROCESSOR_MODE:
            self.processorPane.focus_search()
            return
        self.ui.activityFilter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.activityFilter.selectAll()

    def _create_recipient(self) -> str | None:
        return file_actions.create_recipient(self)

    # --- dialogs ----------------------------------------------------------------------------------

    def edit_organization(self, path: str = "") -> None:
        window_dialogs.edit_organization(self, path)

    def recipients(self) -> None:
        window_dialogs.recipients(self)

    def show_storage_error(self, error: StorageError) -> None:
        window_dialogs.show_storage_error(self, error)

    # --- a team register ----------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.form.set_read_only(read_only)
        self.processorPane.set_read_only(read_only)
        for action in (
            self.ui.actionNewActivity,
            self.ui.actionDuplicateActivity,
            self.ui.actionDeleteActivity,
            self.ui.actionImport,
            self.ui.actionNewOrganization,
        ):
            action.setEnabled(not read_only)
        team_roles.explain_disabled(self, self.session.read_only_reason)
        organizations.update_empty_state(self)
        self.retranslate_title()

    def _saved(self) -> None:
        self.status.saved()

    def _update_status(self, *_: object) -> None:
        total = self.list.model.total() if self.org_id else 0  # (the list's rows while loading)
        checking = self.list.is_checking()
        processor = self.modeBar.currentIndex() == PROCESSOR_MODE
        self.status.set_processor(self.processorPane.counts() if processor else None)
        findings = 0 if checking else self.list.total_findings()
        self.status.counts(self.list.visible_count(), total, findings, checking)
        if not checking:
            self.findingsDock.show_count(findings)  # the Edit menu's "Findings (n)" says what the status bar says

    def register_loaded(self) -> None:
        """A large register, read whole behind its shown list: the form edits, checks, import and export come back."""
        self.list.adopt_loaded()
        self.set_read_only(self.session.read_only)
        self.set_mode(self.modeBar.currentIndex())
        self.findingsDock.show_organization(self.org_id)
        self.processorPane.show_organization(self.org_id)

    def _findings_ready(self) -> None:
        """The checks put off at opening are done: the activity shown gets its findings."""
        activity = self.current_activity()
        if activity is not None:
            self.form.set_findings(self.session.findings(self.org_id, activity))

    def retranslate_title(self) -> None:
        title = f"ROPA Desktop — {self.session.store.path.name}"
        privileges = self.session.privileges
        if privileges is not None:
            title += " — " + self.tr("team register, %1").replace("%1", team_roles.who(privileges))
        if self.session.read_only and not self.session.loading:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)
        if self.session.is_team:
            self.status.set_team(self.session.store.where, team_roles.who(privileges) if privileges else "")
        else:
            self.status.set_file(self.session.store.path)

    def _redo_keys(self) -> None:
        # Ctrl+Y too: the redo key of Windows and office suites, where many DPOs come from (retranslateUi resets it).
        self.ui.actionRedo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)  # type: ignore[no-untyped-call]
        self._redo_keys()
        self.retranslate_title()
        self.list.retranslate()
        file_actions.setup_export_actions(self)
        organizations.retranslate(self)
        self.findingsDock.retranslate()
        self.actionOpenTeamRegister.setText(self.tr("Open team register…"))
        self.actionOpenTeamRegister.setToolTip(self.tr("Open a register shared on a PostgreSQL server"))
        self.modeBar.setTabText(CONTROLLER_MODE, self.tr("Register as controller"))
        self.modeBar.setTabText(PROCESSOR_MODE, self.tr("As processor"))
        self.modeBar.setTabToolTip(
            PROCESSOR_MODE,
            self.tr("The register of the processing carried out on behalf of clients (GDPR Art. 30(2))"),
        )
        self.status.retranslate()
        if self.loader is not None:
            self.loader.retranslate()
        self._undo_text(self.editing.stack.undoText())
        self._redo_text(self.editing.stack.redoText())
        self._update_status()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            file_actions.dropped(self, paths)

    def _dropped_paths(self, urls: list[QUrl]) -> list[Path]:
        """The dropped local files the window takes: registers (opened) and, when writable, import files."""
        wanted = {REGISTER_SUFFIX} | (set() if self.session.read_only else set(file_actions.IMPORT_SUFFIXES))
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in wanted]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- settings and closing -------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing typed is lost: the pending text is committed before the file is closed.
        try:
            self.form.flush()
            self.processorPane.flush()
        except StorageError as error:
            self.show_storage_error(error)
        settings.save_window(self.ui.mainSplitter, self.ui.activityTable.horizontalHeader(), self)
        if self.team is not None:
            self.team.close()
        if self.loader is not None:
            self.loader.close()
        self.session.close()
        event.accept()

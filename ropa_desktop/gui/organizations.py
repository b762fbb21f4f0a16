"""Organisation menu actions (new, rename, duplicate, delete) and the empty state of a register without any."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QPushButton

from ..storage.errors import StorageError
from .exchange import EXPORT_FORMATS
from .plurals import plurals
from .window_base import RegisterWindowBase


def setup(window: RegisterWindowBase) -> None:
    """Add rename/duplicate/delete to the Organisation menu and a button to the empty page."""
    ui = window.ui
    for name in ("actionRenameOrganization", "actionDuplicateOrganization", "actionDeleteOrganization"):
        action = QAction(window)
        action.setObjectName(name)
        action.setProperty("accessibleName", name)
        setattr(window, name, action)
        ui.menuOrganization.addAction(action)
    ui.actionNewOrganization.setProperty("accessibleName", "actionNewOrganization")
    window.actionRenameOrganization.triggered.connect(lambda: rename(window))
    window.actionDuplicateOrganization.triggered.connect(lambda: duplicate(window))
    window.actionDeleteOrganization.triggered.connect(lambda: delete(window))
    ui.actionNewOrganization.triggered.connect(lambda: new(window))
    button = QPushButton(ui.emptyPage)
    button.setObjectName("emptyStateButton")
    ui.emptyLayout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
    ui.emptyLayout.insertStretch(0, 1)
    ui.emptyLayout.addStretch(1)
    window.emptyStateButton = button
    button.clicked.connect(lambda: empty_state_clicked(window))
    retranslate(window)


def retranslate(window: RegisterWindowBase) -> None:
    window.actionRenameOrganization.setText(QCoreApplication.translate("Organizations", "Re&name organisation…"))
    window.actionDuplicateOrganization.setText(QCoreApplication.translate("Organizations", "D&uplicate organisation…"))
    window.actionDeleteOrganization.setText(QCoreApplication.translate("Organizations", "De&lete organisation…"))
    update_empty_state(window)


def update_empty_state(window: RegisterWindowBase) -> None:
    """Without an organisation, the empty page offers to create one and the actions that need one are off."""
    has_org = bool(window.session.register.organizations)
    writable = not window.session.read_only
    ui = window.ui
    hidden = window.list.hidden_current() if has_org else None
    if not has_org:
        ui.emptyFormLabel.setText(
            QCoreApplication.translate(
                "Organizations",
                "This register has no organisation yet. Create the organisation whose register this is.",
            )
        )
        window.emptyStateButton.setText(QCoreApplication.translate("Organizations", "Create the first organisation…"))
    else:
        has_activity = bool(window.org_id and window.session.organization(window.org_id).activities)
        if hidden is not None:  # the form empties rather than edit an activity the list no longer shows
            ui.emptyFormLabel.setText(
                QCoreApplication.translate(
                    "Organizations", "The activity “%1” is hidden by the search or the quick filters."
                ).replace("%1", " — ".join(t for t in (hidden.reference, hidden.name) if t))
            )
            window.emptyStateButton.setText(QCoreApplication.translate("Organizations", "Clear the search and filters"))
        else:
            ui.emptyFormLabel.setText(
                QCoreApplication.translate(
                    "Organizations", "Select an activity in the list, or create one with Ctrl+N."
                )
                if has_activity
                else QCoreApplication.translate("Organizations", "This organisation has no activity yet.")
            )
            window.emptyStateButton.setText(QCoreApplication.translate("Organizations", "New activity"))
    window.emptyStateButton.setEnabled(writable or hidden is not None)
    for action in (
        ui.actionNewActivity,
        ui.actionEditOrganization,
        ui.actionRecipients,
        window.actionRenameOrganization,
        window.actionDuplicateOrganization,
        window.actionDeleteOrganization,
    ):
        action.setEnabled(has_org and (writable or action in (ui.actionEditOrganization, ui.actionRecipients)))
    controller = window.controller_mode()  # in the processor's mode the activity actions stay off
    ui.actionNewActivity.setEnabled(ui.actionNewActivity.isEnabled() and controller)
    shown = writable and controller and window.current_activity() is not None
    ui.actionDuplicateActivity.setEnabled(shown)
    ui.actionDeleteActivity.setEnabled(shown)
    for fmt in EXPORT_FORMATS:  # (not while a large register is still being read whole)
        getattr(ui, fmt.action).setEnabled(has_org and fmt.available() and not window.session.loading)
    ui.actionFind.setEnabled(has_org)


def empty_state_clicked(window: RegisterWindowBase) -> None:
    if window.list.hidden_current() is not None:
        window.list.clear_filters()
    elif window.session.register.organizations:
        window.new_activity()
    else:
        new(window)


def _ask_name(window: RegisterWindowBase, title: str, label: str, text: str = "") -> str:
    name, ok = QInputDialog.getText(window, title, label, QLineEdit.EchoMode.Normal, text)
    return name.strip() if ok else ""


def new(window: RegisterWindowBase) -> None:
    if window.session.read_only:
        return
    name = _ask_name(
        window,
        QCoreApplication.translate("Organizations", "New organisation"),
        QCoreApplication.translate("Organizations", "Name of the organisation:"),
    )
    if not name:
        return
    window.form.flush()
    try:
        org = window.editing.new_organization(name)
    except StorageError as error:
        window.show_storage_error(error)
        return
    window.show_organization(org.id)


def rename(window: RegisterWindowBase) -> None:
    if not window.org_id or window.session.read_only:
        return
    current = window.session.organization(window.org_id).name
    name = _ask_name(
        window,
        QCoreApplication.translate("Organizations", "Rename organisation"),
        QCoreApplication.translate("Organizations", "New name of the organisation:"),
        current,
    )
    if not name or name == current:
        return
    try:
        window.editing.rename_organization(window.org_id, name)
    except StorageError as error:
        window.show_storage_error(error)


def duplicate(window: RegisterWindowBase) -> None:
    if not window.org_id or window.session.read_only:
        return
    source = window.session.organization(window.org_id)
    suffix = QCoreApplication.translate("Editing", "(copy)")
    name = _ask_name(
        window,
        QCoreApplication.translate("Organizations", "Duplicate organisation"),
        QCoreApplication.translate("Organizations", "Name of the copy:"),
        f"{source.name} {suffix}".strip(),
    )
    if not name:
        return
    window.form.flush()
    try:
        twin = window.editing.duplicate_organization(window.org_id, name)
    except StorageError as error:
        window.show_storage_error(error)
        return
    window.show_organization(twin.id)


def delete(window: RegisterWindowBase) -> None:
    if not window.org_id or window.session.read_only:
        return
    org = window.session.organization(window.org_id)
    text = (
        QCoreApplication.translate("Organizations", "Delete the organisation “%1”?").replace("%1", org.name)
        + "\n\n"
        + plurals().organisation_contents(len(org.activities), len(org.recipients))
        + "\n"
        + QCoreApplication.translate("Organizations", "You can undo this with Ctrl+Z.")
    )
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("Organizations", "Delete organisation"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    window.form.flush()
    try:
        window.editing.delete_organization(window.org_id)
    except StorageError as error:
        window.show_storage_error(error)

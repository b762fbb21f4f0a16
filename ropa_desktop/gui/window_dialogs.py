"""The main window's dialogs: the organisation, the recipients, preferences, a deletion's confirmation, errors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..storage.errors import StorageError
from . import settings
from .dialogs.organization import OrganizationDialog
from .dialogs.preferences import PreferencesDialog
from .dialogs.recipients import RecipientsDialog
from .i18n import current_language, install_language
from .window_base import RegisterWindowBase

# The texts keep the main window's context ("MainWindow"): they were its own, and keep their translations.


def confirm_delete_activity(window: RegisterWindowBase) -> None:
    activity = window.current_activity()
    if activity is None or window.session.read_only:
        return
    untitled = QCoreApplication.translate("MainWindow", "(untitled activity)")
    name = " ".join(p for p in (activity.reference, activity.name) if p) or untitled
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("MainWindow", "Delete activity"),
        QCoreApplication.translate(
            "MainWindow", "Delete the activity “%1”? You can undo this with Ctrl+Z."
        ).replace("%1", name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.guarded(lambda: window.editing.delete_activity(window.org_id, activity.id))


def edit_organization(window: RegisterWindowBase, path: str = "") -> None:
    """The organisation dialog; ``path`` (a finding's) opens it on that field's tab, focused."""
    if not window.org_id:
        return
    session = window.session
    dialog = OrganizationDialog(session.organization(window.org_id), window, read_only=session.read_only)
    if path:
        dialog.reveal(path)
    if dialog.exec() and not session.read_only:
        after, org_id = dialog.organization(), window.org_id
        # A lost server keeps what was typed in the dialog for when it is back (a team register).
        window.guarded(lambda: window.editing.save_or_keep(
            "organization", org_id, after, "", lambda: window.editing.edit_organization(after)))


def recipients(window: RegisterWindowBase) -> None:
    if window.org_id:
        RecipientsDialog(window.editing, window.org_id, window).exec()


def preferences(window: RegisterWindowBase) -> None:
    dialog = PreferencesDialog(current_language(), window, settings.display_name())
    if dialog.exec():
        settings.set_language(dialog.language())
        install_language(dialog.language())
        settings.set_display_name(dialog.display_name())
        window.session.store.display_name = settings.display_name() or None


def show_storage_error(window: RegisterWindowBase, error: StorageError) -> None:
    title = QCoreApplication.translate("MainWindow", "Register file")
    QMessageBox.critical(window, title, error.message(current_language()))

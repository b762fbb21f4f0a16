"""File menu and other prompts of the main window: registers, copies, import, export, new recipients."""

from __future__ import annotations

import contextlib
import copy
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from .. import __version__
from ..domain.model import Organization, Recipient, Register
from ..services.importing import Incoming, apply_import, plan_import, read_input
from ..storage.errors import StorageError
from ..storage.paths import REGISTER_SUFFIX
from ..storage.repository import RegisterStore
from . import settings
from .commands import ImportChanges
from .exchange import EXPORT_FORMATS, ExportFormat, error_text
from .i18n import current_language
from .import_review import ImportReviewDialog
from .jobs import run_with_progress
from .window_base import RegisterWindowBase


def _register_filter() -> str:
    return (
        QCoreApplication.translate("FileActions", "ROPA Desktop registers (*%1)").replace(
            "%1", REGISTER_SUFFIX
        )
        + ";;"
        + QCoreApplication.translate("FileActions", "All files (*)")
    )


# --- registers ------------------------------------------------------------------------------------


def open_window(window: RegisterWindowBase, path: Path, *, create: bool = False) -> None:
    """Open ``path`` in a window of its own (the current register stays open)."""
    # The composition root sets the opener: building a window is its business, not the file menu's.
    opened = window.opener(path, create) if window.opener is not None else None
    if opened is not None:
        settings.add_recent_file(path)


def new_register(window: RegisterWindowBase) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("FileActions", "New register file"), "", _register_filter()
    )
    if path:
        target = Path(path) if Path(path).suffix else Path(path + REGISTER_SUFFIX)
        if target.exists():
            QMessageBox.warning(
                window,
                QCoreApplication.translate("FileActions", "New register file"),
                QCoreApplication.translate("FileActions", "%1 already exists: choose another name.").replace(
                    "%1", str(target)
                ),
            )
            return
        open_window(window, target, create=True)


def open_register(window: RegisterWindowBase) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("FileActions", "Open register file"), "", _register_filter()
    )
    if path:
        open_window(window, Path(path))


def fill_recent_menu(window: RegisterWindowBase) -> None:
    menu = window.ui.menuRecentFiles
    menu.clear()
    recent = [p for p in settings.recent_files() if p != window.session.store.path.resolve()]
    for path in recent:
        action = menu.addAction(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_window(window, p))
    if not recent:
        menu.addAction(QCoreApplication.translate("FileActions", "(no recent files)")).setEnabled(False)


def save_copy_as(window: RegisterWindowBase) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, QCoreApplication.translate("FileActions", "Save a copy as"), "", _register_filter()
    )
    if not path:
        return
    target = Path(path) if Path(path).suffix else Path(path + REGISTER_SUFFIX)
    if target.resolve() == window.session.store.path.resolve():
        return
    try:
        if target.exists():
            target.unlink()
        copy_store = RegisterStore.open(target, create=True)
        try:
            copy_store.write_register(copy.deepcopy(window.session.register))
        finally:
            copy_store.close()
    except (StorageError, OSError) as error:
        text = error.message(current_language()) if isinstance(error, StorageError) else str(error)
        QMessageBox.critical(window, QCoreApplication.translate("FileActions", "Save a copy as"), text)
        return
    window.statusBar().showMessage(
        QCoreApplication.translate("FileActions", "Copy saved to %1").replace("%1", str(target)), 5000
    )


def new_organization(window: RegisterWindowBase) -> None:
    name, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("FileActions", "New organisation"),
        QCoreApplication.translate("FileActions", "Name of the organisation:"),
    )
    if ok and name.strip():
        org = Organization(name=name.strip())
        try:
            window.session.store.write_register(Register([org]))
        except StorageError as error:
            window.show_storage_error(error)
            return
        window.session.register.organizations.append(copy.deepcopy(org))
        window.session.organizationChanged.emit(org.id)
        window.ui.organizationSelector.setCurrentIndex(window.ui.organizationSelector.findData(org.id))


def create_recipient(window: RegisterWindowBase) -> str | None:
    """Ask for a name and add a recipient to the catalogue; returns its id (None when cancelled)."""
    name, ok = QInputDialog.getText(
        window,
        QCoreApplication.translate("FileActions", "New recipient"),
        QCoreApplication.translate("FileActions", "Name of the recipient:"),
    )
    if not ok or not name.strip() or not window.org_id:
        return None
    recipient = Recipient(name=name.strip())
    try:
        window.editing.save_recipient(window.org_id, recipient)
    except StorageError as error:
        window.show_storage_error(error)
        return None
    return recipient.id


def about(window: RegisterWindowBase) -> None:
    QMessageBox.about(
        window,
        QCoreApplication.translate("FileActions", "About ROPA Desktop"),
        QCoreApplication.translate(
            "FileActions", "ROPA Desktop %1\nThe record of processing activities (GDPR Article 30)."
        ).replace("%1", __version__),
    )


# --- import and export ----------------------------------------------------------------------------


def setup_export_actions(window: RegisterWindowBase) -> None:
    """Enable each export whose services module exists; a missing one says why in its tooltip."""
    for fmt in EXPORT_FORMATS:
        action = getattr(window.ui, fmt.action)
        available = fmt.available()
        action.setEnabled(available)
        action.setToolTip(
            action.text().replace("&", "").rstrip("…")
            if available
            else QCoreApplication.translate("FileActions", "Not available in this version")
        )
        with contextlib.suppress(RuntimeError, TypeError):
            action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, f=fmt: export(window, f))


def export(window: RegisterWindowBase, fmt: ExportFormat) -> None:
    window.form.flush()
    suffix = fmt.suffix
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("FileActions", "Export"),
        f"register{suffix}",
        QCoreApplication.translate("FileActions", "%1 files (*%2)")
        .replace("%1", suffix[1:].upper())
        .replace("%2", suffix),
    )
    if not path:
        return
    target = Path(path) if Path(path).suffix else Path(path + suffix)
    snapshot = copy.deepcopy(window.session.register)  # the worker never shares objects with the GUI
    lang, org_id = current_language(), window.org_id

    def done(warnings: list[str]) -> None:
        exported = QCoreApplication.translate("FileActions", "Exported to %1").replace("%1", str(target))
        window.statusBar().showMessage(exported, 8000)
        offer_to_open(window, target, exported, warnings)

    def failed(error: BaseException) -> None:
        report_failure(
            window,
            QCoreApplication.translate("FileActions", "Export"),
            QCoreApplication.translate("FileActions", "The export failed: %1"),
            error,
        )

    window.export_runner = run_with_progress(
        window,
        QCoreApplication.translate("FileActions", "Exporting…"),
        lambda progress, cancel: fmt.run(snapshot, target, lang, org_id, progress, cancel),
        done,
        failed,
    )


def report_failure(window: RegisterWindowBase, title: str, template: str, error: BaseException) -> None:
    """One message for a failed background job: ``template``'s %1 is the error's own translated text."""
    QMessageBox.critical(window, title, template.replace("%1", error_text(error, current_language())))


def offer_to_open(window: RegisterWindowBase, target: Path, exported: str, warnings: list[str]) -> None:
    """Say what was written (and any warning), and open it in the desktop's viewer if asked."""
    text = exported
    if warnings:
        text += "\n\n" + QCoreApplication.translate("FileActions", "Warnings:") + "\n" + "\n".join(warnings[:20])
    text += "\n\n" + QCoreApplication.translate("FileActions", "Open the file now?")
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("FileActions", "Export"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def import_file(window: RegisterWindowBase) -> None:
    """Read a JSON, XLSX or ODS file in the background, then let the DPO review what it would change."""
    if window.session.read_only:
        return
    window.form.flush()
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("FileActions", "Import"),
        "",
        QCoreApplication.translate("FileActions", "Registers (*.json *.xlsx *.ods);;All files (*)"),
    )
    if not path:
        return

    def reviewed(incoming: Incoming) -> None:
        review_import(window, incoming)

    def failed(error: BaseException) -> None:
        report_failure(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The file cannot be imported: %1"),
            error,
        )

    window.import_runner = run_with_progress(
        window,
        QCoreApplication.translate("FileActions", "Reading the file…"),
        lambda progress, cancel: read_input(Path(path), progress=progress, cancel=cancel),
        reviewed,
        failed,
    )


def review_import(window: RegisterWindowBase, incoming: Incoming) -> bool:
    """Show what the file would change; apply the accepted changes in one transaction and one undo step."""
    before = copy.deepcopy(window.session.register)
    plan = plan_import(before, incoming, current_language())
    if not len(plan) and not plan.problems:
        QMessageBox.information(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The file holds no change to the register."),
        )
        return False
    dialog = ImportReviewDialog(plan, current_language(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    accepted = dialog.accepted_ids()
    if not accepted:
        return False
    after = apply_import(before, plan, accepted)
    try:
        window.session.replace_register(after)
    except StorageError as error:
        window.show_storage_error(error)
        return False
    text = QCoreApplication.translate("FileActions", "Import (changes: %1)").replace("%1", str(len(accepted)))
    window.editing.stack.push(ImportChanges(window.session, before, after, text))
    return True

"""File menu and other prompts of the main window: registers, copies, import, export, new recipients."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from .. import __version__
from ..domain.messages import TranslatedError
from ..domain.model import Recipient, Register
from ..services.changes import ChangeSet
from ..services.editing import into_organization, stamp_applied
from ..services.errors import Cancelled
from ..services.exporting import ExportError, ExportResult, save_copy
from ..services.exporting import export as export_register
from ..services.import_reach import OutOfReachError, refuse_out_of_reach
from ..services.importing import Incoming, apply_import, plan_import, read_input
from ..services.register_copy import shared_copy
from ..storage.errors import StorageError
from ..storage.ids import register_id
from ..storage.paths import REGISTER_SUFFIX
from . import settings
from .commands import ImportChanges
from .dialogs.export import ExportDialog
from .exchange import EXPORT_FORMATS, ExportFormat, error_text
from .i18n import current_language
from .import_review import ImportReviewDialog
from .jobs import CancelCheck, Progress, run_with_progress, without_collector
from .plurals import plurals
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
        save_copy(window.session.register, target)
    except (StorageError, ExportError, OSError) as error:
        text = error_text(error, current_language()) if not isinstance(error, OSError) else str(error)
        QMessageBox.critical(window, QCoreApplication.translate("FileActions", "Save a copy as"), text)
        return
    window.statusBar().showMessage(
        QCoreApplication.translate("FileActions", "Copy saved to %1").replace("%1", str(target)), 5000
    )


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
    """The export dialog, then the export service in the background (or a PDF preview in the viewer)."""
    window.form.flush()
    snapshot = copy.deepcopy(window.session.register)  # the worker never shares objects with the GUI
    dialog = ExportDialog(snapshot, window.org_id, fmt.key, current_language(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    request = dialog.request()
    if request.format == "json":  # each record's stored version as the window holds it: judged on re-import
        request = dataclasses.replace(request, versions=window.session.store.record_versions(),
                                      register_id=register_id(window.session.store))
    if dialog.previewRequested:
        preview = Path(tempfile.mkdtemp(prefix="ropa-preview-")) / request.output.name
        request = dataclasses.replace(request, output=preview, organizations=window.org_id or request.organizations)
    lang = current_language()

    def done(result: ExportResult) -> None:
        if dialog.previewRequested:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.written[0])))
            return
        names = ", ".join(str(p) for p in result.written)
        exported = QCoreApplication.translate("FileActions", "Exported to %1").replace("%1", names)
        window.statusBar().showMessage(exported, 8000)
        warnings = result.warnings(lang)
        if warnings:
            QMessageBox.warning(
                window,
                QCoreApplication.translate("FileActions", "Export"),
                exported + "\n\n" + QCoreApplication.translate("FileActions", "Warnings:") + "\n"
                + "\n".join(warnings[:20]),
            )
        if dialog.open_when_done():
            for path in result.written[:5]:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

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
        lambda progress, cancel: export_register(snapshot, request, progress=progress, cancel=cancel),
        done,
        failed,
    )


def report_failure(window: RegisterWindowBase, title: str, template: str, error: BaseException) -> None:
    """One message for a failed background job: ``template``'s %1 is the error's own translated text."""
    QMessageBox.critical(window, title, template.replace("%1", error_text(error, current_language())))


IMPORT_SUFFIXES = (".json", ".xlsx", ".ods")


def import_file(window: RegisterWindowBase) -> None:
    """Ask for a JSON, XLSX or ODS file, then import it (reviewed)."""
    if window.session.read_only:
        return
    window.form.flush()
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("FileActions", "Import"),
        "",
        QCoreApplication.translate("FileActions", "Registers (*.json *.xlsx *.ods);;All files (*)"),
    )
    if path:
        import_path(window, Path(path))


def import_path(window: RegisterWindowBase, path: Path) -> None:
    """Read ``path`` and compare it with the register in the background, then let the DPO review the changes."""
    if window.session.read_only:
        return
    window.form.flush()
    register, lang = window.session.register, current_language()
    versions = window.session.store.record_versions()  # read here: the worker never touches the store
    ident = register_id(window.session.store)

    def job(progress: Progress, cancel: CancelCheck) -> tuple[Incoming, Planned | None]:
        incoming = read_input(path, progress=progress, cancel=cancel)
        if incoming.kind == "table" and incoming.guessed_map:
            return incoming, None  # the DPO maps the columns first
        # The window is modal meanwhile: nothing edits the register while it is copied here.
        planned = _plan(register, incoming, lang, versions, ident)
        if cancel():
            raise Cancelled()
        return incoming, planned

    def reviewed(result: tuple[Incoming, Planned | None]) -> None:
        incoming, planned = result
        if planned is None:
            mapped = map_columns(window, Path(path), incoming.guessed_map or {})
            if mapped is not None:
                review_import(window, mapped)
            return
        _review(window, incoming, planned, background=True, versions=versions, ident=ident)

    def failed(error: BaseException) -> None:
        if getattr(error, "code", "") == "no_register":  # not a register as it stands: the user may map it
            from ..services.spreadsheet import guess_map

            try:
                guessed = guess_map(Path(path))
            except Exception:  # the file's own error was already the best message
                guessed = {}
            mapped = map_columns(window, Path(path), guessed) if guessed else None
            if mapped is not None:
                review_import(window, mapped)
                return
        report_failure(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The file cannot be imported: %1"),
            error,
        )

    window.import_runner = run_with_progress(
        window, QCoreApplication.translate("FileActions", "Reading the file…"), without_collector(job), reviewed,
        failed,
    )


def dropped(window: RegisterWindowBase, paths: list[Path]) -> None:
    """Files dropped on the window: a register opens (in its own window), a JSON/XLSX/ODS file is imported."""
    for path in paths:
        if path.suffix.lower() == REGISTER_SUFFIX:
            open_window(window, path)
        elif path.suffix.lower() in IMPORT_SUFFIXES:
            import_path(window, path)
            return  # one review at a time


def map_columns(window: RegisterWindowBase, path: Path, guessed: dict[str, dict[str, str]]) -> Incoming | None:
    """Offer the column mapping (remembered per header set); the file read again with the user's choice."""
    from ..services.spreadsheet import mapping_choices
    from .dialogs.column_mapping import ColumnMappingDialog, remember, remembered

    dialog = ColumnMappingDialog(remembered(guessed), mapping_choices(current_language()), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    mapping = dialog.mapping()
    remember(mapping)
    try:
        return read_input(path, mapping=dict(mapping))
    except TranslatedError as error:
        report_failure(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The file cannot be imported: %1"),
            error,
        )
        return None


Planned = tuple[Register, ChangeSet]  # a copy of the register as it was, and what the file would change in it


def _plan(register: Register, incoming: Incoming, lang: str,
          versions: Mapping[str, int] | None = None, ident: str | None = None) -> Planned:
    # The undo step's "before": the window's later edits replace records in its own lists, never in these.
    before = shared_copy(register)
    return before, plan_import(before, incoming, lang, versions, ident)


def review_import(window: RegisterWindowBase, incoming: Incoming) -> bool:
    """Show what the file would change; apply the accepted changes in one transaction and one undo step."""
    versions = window.session.store.record_versions()  # a JSON export's record versions are compared with these
    ident = register_id(window.session.store)  # a JSON export of this register names it: its deletions are told
    return _review(window, incoming, _plan(window.session.register, incoming, current_language(), versions, ident),
                   versions=versions, ident=ident)


Applied = tuple[Register, Register, list[tuple[str, str]]]  # the undo step's "after", the window's, what changed


def _apply(before: Register, plan: ChangeSet, accepted: list[str]) -> Applied:
    after = apply_import(before, plan, accepted)
    touched = stamp_applied(before, after, datetime.now(UTC).replace(microsecond=0))
    # The window edits its own lists; the undo step keeps "after" (a deep copy took seconds on 10,000 activities).
    return after, shared_copy(after), touched


def _review(window: RegisterWindowBase, incoming: Incoming, planned: Planned, *, background: bool = False,
            versions: Mapping[str, int] | None = None, ident: str | None = None) -> bool:
    """The review dialog, then the accepted changes applied (``background``: on a worker, with progress)."""
    before, plan = planned
    lang = current_language()

    def plan_for(target_id: str) -> ChangeSet:
        target = before.organization(target_id) if target_id else None
        chosen = incoming if target is None else dataclasses.replace(
            incoming, register=into_organization(incoming.register, target)
        )
        return plan_import(before, chosen, lang, versions, ident)

    if _out_of_reach(window, before, plan):
        return False
    if not len(plan) and not plan.problems:
        QMessageBox.information(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The file holds no change to the register."),
        )
        return False
    targets = [(o.id, o.name) for o in before.organizations] if len(incoming.register.organizations) == 1 else []
    dialog = ImportReviewDialog(plan, lang, window, targets=targets, replan=plan_for)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    accepted, plan = dialog.accepted_ids(), dialog.changes
    if not accepted:
        return False
    if not background:
        return _store(window, before, _apply(before, plan, accepted), accepted)

    # A file register is written on the worker too (one connection per transaction, made in the thread that
    # writes): the window repaints while SQLite commits. A server's connection stays with the GUI thread.
    written_here = not window.session.is_team
    store = window.session.store

    def job(_progress: Progress, cancel: CancelCheck) -> Applied:
        applied = _apply(before, plan, accepted)
        if cancel():
            raise Cancelled()  # nothing was written
        if written_here:
            # ``before`` is what the file holds (every edit is durable first, the window is modal meanwhile):
            # the store then rewrites only the activities the import changed.
            store.write_register(applied[1], exact=True, base=before)
        return applied

    def failed(error: BaseException) -> None:
        if isinstance(error, StorageError):  # the write on the worker failed: said as any failed write is
            window.show_storage_error(error)
            return
        report_failure(
            window,
            QCoreApplication.translate("FileActions", "Import"),
            QCoreApplication.translate("FileActions", "The import failed: %1"),
            error,
        )

    def stored(applied: Applied) -> None:
        _store(window, before, applied, accepted, written=written_here)

    window.import_runner = run_with_progress(
        window, QCoreApplication.translate("FileActions", "Applying the changes…"), without_collector(job), stored,
        failed,
    )
    return True


def _out_of_reach(window: RegisterWindowBase, before: Register, plan: ChangeSet) -> bool:
    """Whether the file names an organisation hidden from the role (row-level security): then refused, said once.

    As the command line refuses it, rather than reviewed as "deleted since the export".
    """
    store = window.session.store
    try:
        refuse_out_of_reach(before, plan, lambda org_id: store.access_withdrawn("organization", org_id))
    except OutOfReachError as error:
        report_failure(window, QCoreApplication.translate("FileActions", "Import"),
                       QCoreApplication.translate("FileActions", "The file cannot be imported: %1"), error)
        return True
    except StorageError as error:
        window.show_storage_error(error)
        return True
    return False


def _store(
    window: RegisterWindowBase, before: Register, applied: Applied, accepted: list[str], *, written: bool = False
) -> bool:
    """Write the applied import in one transaction (unless ``written`` already) and push it as one undo step."""
    after, live, touched = applied
    if written:
        window.session.adopt_register(live)
    else:
        try:
            window.session.replace_register(live, owned=True)
        except StorageError as error:
            window.show_storage_error(error)
            return False
    text = plurals().import_step(len(accepted))
    window.editing.stack.push(ImportChanges(window.session, before, after, text, owned=True))
    _say_applied(window, after, accepted, touched)
    return True


def _say_applied(
    window: RegisterWindowBase, after: Register, accepted: list[str], touched: list[tuple[str, str]]
) -> None:
    """Say what was applied, and select the first activity it added or changed."""
    names = []
    for org_id, activity_id in touched[:15]:
        org = after.organization(org_id)
        activity = org.activity(activity_id) if org is not None else None
        if org is not None and activity is not None:
            label = " ".join(p for p in (activity.reference, activity.name) if p)
            names.append(f"• {org.name}: {label}")
    text = plurals().applied(len(accepted))
    if names:
        text += "\n\n" + plurals().touched(len(touched)) + "\n" + "\n".join(names)
        if len(touched) > len(names):
            text += "\n…"
    text += "\n\n" + QCoreApplication.translate("FileActions", "You can undo the import with Ctrl+Z.")
    if touched:
        org_id, activity_id = touched[0]
        window.show_organization(org_id)
        window.list.select(activity_id)
    # Not blocking: the DPO reads it while looking at what was selected.
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FileActions", "Import"),
        text,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("importAppliedMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.import_message = box

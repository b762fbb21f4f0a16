"""The client statement from the GUI: "Export statement for this client…" (processor) and "Import a statement…"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ...services.exporting import ExportError, slug
from ...services.statement import StatementError
from ...services.statement_export import export_statement, statement_paths
from ..exchange import error_text
from ..i18n import current_language
from ..icons import icon

if TYPE_CHECKING:
    from ..window_base import RegisterWindowBase
    from .pane import ProcessorPane

translate = QCoreApplication.translate


def setup(window: RegisterWindowBase, pane: ProcessorPane) -> None:
    """The two actions in the File menu, the export also on the client form and under the client list."""
    export = QAction(icon("export"), "", window)
    export.setObjectName("actionExportStatement")
    export.triggered.connect(lambda: export_client_statement(window, pane))
    imported = QAction(icon("import"), "", window)
    imported.setObjectName("actionImportStatement")
    imported.triggered.connect(lambda: import_statement(window))
    window.ui.menuFile.insertAction(window.ui.menuExport.menuAction(), imported)
    window.ui.menuExport.addSeparator()
    window.ui.menuExport.addAction(export)
    buttons = (pane.clientListStatementButton, pane.clientStatementButton)
    for button in buttons:
        button.clicked.connect(export.trigger)

    def update(*_: object) -> None:
        client = bool(pane.org_id and pane.clientList.current_id())
        export.setEnabled(client)
        for button in buttons:
            button.setEnabled(client)
        imported.setEnabled(not window.session.read_only)

    def retranslate() -> None:
        export.setText(translate("StatementActions", "Export statement for this client…"))
        export.setToolTip(
            translate(
                "StatementActions",
                "What you do for the selected client (Art. 28(3)(h)): a PDF for people and a JSON its controller "
                "imports into its register",
            )
        )
        imported.setText(translate("StatementActions", "Import a processor's statement…"))
        imported.setToolTip(
            translate(
                "StatementActions", "Bring a processor's statement (JSON) into the recipients catalogue, reviewed"
            )
        )
        for button in buttons:
            button.setText(translate("StatementActions", "Export statement…"))
            button.setToolTip(export.toolTip())
        update()

    pane.clientList.currentChanged.connect(update)
    pane.languageChanged.connect(retranslate)
    retranslate()


def export_client_statement(window: RegisterWindowBase, pane: ProcessorPane) -> None:
    """Ask where, then write the selected client's statement as PDF and JSON (the pair is one statement)."""
    pane.flush()
    org = window.session.register.organization(pane.org_id) if pane.org_id else None
    client = org.client(pane.clientList.current_id()) if org is not None else None
    if org is None or client is None:
        return
    title = translate("StatementActions", "Export statement for this client")
    # A word of the file name, in the interface's language (slugged: a translation may carry accents).
    word = slug(translate("StatementActions", "statement", "default file name")) or "statement"
    suggested = f"{slug(org.name) or 'processor'}-{word}-{slug(client.name) or client.id[:8]}.pdf"
    path, _ = QFileDialog.getSaveFileName(
        window,
        title,
        suggested,
        translate(
            "StatementActions",
            "Statement as PDF, with its JSON beside it (*.pdf);;Statement as JSON, with its PDF beside it (*.json)",
        ),
    )
    if not path:
        return
    lang = current_language()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = export_statement(window.session.register, client.id, Path(path), organization=org.id, lang=lang)
    except (ExportError, StatementError, OSError) as error:  # said in one translated line; nothing is written
        QApplication.restoreOverrideCursor()
        failed = translate("StatementActions", "The statement was not written: %1")
        QMessageBox.critical(window, title, failed.replace("%1", error_text(error, lang)))
        return
    QApplication.restoreOverrideCursor()
    pdf, json_path = statement_paths(Path(path))
    done = translate("StatementActions", "Statement written: %1 and %2").replace("%1", str(pdf))
    done = done.replace("%2", json_path.name)
    window.statusBar().showMessage(done, 8000)
    warnings = result.warnings(lang)
    if warnings:  # what the client will miss (no address, no DPO, drafts...): said, the statement is written
        said = translate("StatementActions", "Warnings:")
        QMessageBox.warning(window, title, f"{done}\n\n{said}\n" + "\n".join(warnings[:20]))


def import_statement(window: RegisterWindowBase) -> None:
    """A controller brings a processor's statement into its recipients catalogue, through the import review."""
    from ..file_actions import import_path

    if window.session.read_only:
        return
    path, _ = QFileDialog.getOpenFileName(
        window,
        translate("StatementActions", "Import a processor's statement"),
        "",
        translate("StatementActions", "Processor statements (*.json);;All files (*)"),
    )
    if path:
        import_path(window, Path(path))

"""Importing a plain table from the GUI: the column mapping dialog, its choice applied and remembered."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QDialog, QFileDialog

from ropa_desktop.gui.dialogs.column_mapping import ColumnMappingDialog
from ropa_desktop.gui.import_review import ImportReviewDialog


def _table(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Traitements"
    wb.active.append(["Réf", "Traitement", "Finalité", "Commentaire du DPO"])
    wb.active.append(["T-1", "Paie", "Verser les salaires", "revoir la durée"])
    wb.save(path)


def test_mapping_dialog_brings_an_unknown_column_in_and_is_remembered(window, qtbot, tmp_path, monkeypatch) -> None:
    source = tmp_path / "table.xlsx"
    _table(source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    seen: list[dict[str, dict[str, str]]] = []

    def choose(dialog: ColumnMappingDialog) -> int:
        assert dialog.objectName() == "columnMappingDialog"
        seen.append(dialog.mapping())
        for _sheet, header, combo in dialog.combos:
            if header == "Commentaire du DPO":
                combo.setCurrentIndex(combo.findData("notes"))
        return QDialog.DialogCode.Accepted

    def accept(dialog: ImportReviewDialog) -> int:
        monkeypatch.setattr(dialog, "accepted_ids", lambda: [c.id for c in dialog.changes.changes])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ColumnMappingDialog, "exec", choose)
    monkeypatch.setattr(ImportReviewDialog, "exec", accept)
    window.ui.actionImport.trigger()

    def imported() -> bool:
        return any(a.reference == "T-1" for o in window.session.register.organizations for a in o.activities)

    qtbot.waitUntil(imported, timeout=15_000)
    activity = next(a for o in window.session.register.organizations for a in o.activities if a.reference == "T-1")
    assert activity.notes == "revoir la durée" and activity.purposes[0].description == "Verser les salaires"
    assert seen[0]["Traitements"] == {"Réf": "reference", "Traitement": "name", "Finalité": "purposes",
                                      "Commentaire du DPO": ""}
    window.ui.actionImport.trigger()  # the same columns again: the dialog opens with the user's choice
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=15_000)
    assert seen[1]["Traitements"]["Commentaire du DPO"] == "notes"

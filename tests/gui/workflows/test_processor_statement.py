"""A client statement exported from the processor's GUI and imported from a controller's GUI, both by menu."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QPushButton, QTabWidget

from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.services.seeding import seed_register
from tests.builders import write_register
from tests.gui.workflows.driving import button, table, type_into_editor
from tests.gui.workflows.test_processor_workflow import click_tab, on_disk, processor, push, type_text

__all__ = ["processor"]  # the fixture, used by name


@pytest.mark.slow
def test_a_statement_goes_from_the_processor_to_its_client_by_the_menus(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget, tmp_path: Path,
    open_window: Callable[[Path], Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The processor records its client and a processing for it, with a sub-processor in the United States.
    click_tab(qtbot, processor.tabBar(), 1)
    assert not window.findChild(QPushButton, "clientListStatementButton").isEnabled()  # no client yet
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    type_text(qtbot, window, "clientContractReferenceEdit", "DPA-7")
    click_tab(qtbot, processor.tabBar(), 0)
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Payroll")
    button(window, "processingClientsTableAdd").click()
    type_into_editor(qtbot, table(window, "processingClientsTable"), "", combo_index=1)
    button(window, "processingSubProcessorsTableAdd").click()
    type_into_editor(qtbot, table(window, "processingSubProcessorsTable"), "CloudHost Inc")
    click_tab(qtbot, processor.tabBar(), 1)

    # "Export statement…" on the client form: a file dialog, then the PDF and its JSON.
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "acme-statement.json"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Ok)  # what the client misses
    push(window, "clientStatementButton")
    assert asked and "acme-hospital" in asked[0]
    document = json.loads((tmp_path / "acme-statement.json").read_text(encoding="utf-8"))
    text = json.dumps(document, ensure_ascii=False)
    assert "Acme Hospital" in text and "CloudHost Inc" in text and "Payroll" in text
    pdf = "".join(page.extract_text() for page in PdfReader(tmp_path / "acme-statement.pdf").pages)
    assert "Acme Hospital" in pdf and "CloudHost Inc" in pdf
    assert window.findChild(type(window.ui.actionImport), "actionExportStatement").isEnabled()

    # The client, in its own register, imports it with "Import a processor's statement…" and reviews it.
    controller = open_window(write_register(tmp_path / "controller.ropa", seed_register()))
    target = controller.session.register.organizations[0]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "acme-statement.json"), "")
    )

    def review(dialog: ImportReviewDialog) -> int:
        dialog.target.setCurrentIndex(dialog.target.findData(target.id))
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", review)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    controller.findChild(type(controller.ui.actionImport), "actionImportStatement").trigger()
    processor_name = on_disk(register_path, window.org_id).name

    def imported() -> bool:
        org = on_disk(controller.session.store.path, target.id)
        return any(r.name == processor_name and r.sub_processors for r in org.recipients)

    qtbot.waitUntil(imported, timeout=10000)
    org = on_disk(controller.session.store.path, target.id)
    recipient = next(r for r in org.recipients if r.name == processor_name)
    assert [s.name for s in recipient.sub_processors] == ["CloudHost Inc"] and recipient.type == "processor"


@pytest.mark.parametrize(("lang", "word"), [("en", "-statement-"), ("fr", "-declaration-sous-traitant-")])
def test_the_statement_file_name_is_in_the_interface_language(
    window: Any, qtbot: Any, processor: QTabWidget, monkeypatch: pytest.MonkeyPatch, lang: str, word: str
) -> None:
    from ropa_desktop.gui.i18n import install_language

    install_language(lang)
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, suggested, _f: (asked.append(suggested), "")
                        and ("", ""))
    push(window, "clientStatementButton")
    assert len(asked) == 1 and word in asked[0] and asked[0].endswith("-acme-hospital.pdf"), asked
    if lang == "fr":
        assert "statement" not in asked[0]

"""The processor's mode: what the status bar counts, and the mode and tab a register is reopened in."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox, QTabWidget

from ropa_desktop.gui import file_actions
from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.services.importing import read_input
from ropa_desktop.services.processor_sample import processor_sample_register
from ropa_desktop.services.statement_export import export_statement
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import processor_register
from tests.gui.workflows.driving import button, open_editor, table
from tests.gui.workflows.test_processor_workflow import click_tab, processor, push, type_text

__all__ = ["processor"]  # the fixture, used by name


def test_the_status_bar_counts_processing_and_clients_in_the_processor_mode(
    window: Any, qtbot: Any, processor: QTabWidget
) -> None:
    label = window.status.countLabel
    assert "activit" not in label.text() and "0 of 0 processing for clients" in label.text()
    push(window, "newProcessingButton")
    push(window, "newProcessingButton")
    assert label.text().startswith("2 of 2 processing for clients")
    window.processorPane.processingList.search.setText("no such words")  # the list's filter, as typed
    assert label.text().startswith("0 of 2 processing for clients")
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    assert label.text().endswith("· 1 client")  # English plurals as elsewhere in the bar
    click_tab(qtbot, window.modeBar, 0)  # back to the controller's register: activities again
    total = len(window.session.organization(window.org_id).activities)
    assert label.text() == f"{total} of {total} activities"


def test_the_mode_and_tab_are_those_the_register_was_left_in(
    open_window: Callable[[Path], Any], register_path: Path, tmp_path: Path, qtbot: Any
) -> None:
    other = tmp_path / "other.ropa"
    shutil.copyfile(register_path, other)
    first = open_window(register_path)
    click_tab(qtbot, first.modeBar, 1)
    click_tab(qtbot, first.processorPane.tabBar(), 2)
    first.close()
    again = open_window(register_path)
    assert (again.modeBar.currentIndex(), again.processorPane.currentIndex()) == (1, 2)
    assert again.processorPane.isVisible() and again.status.countLabel.text().startswith("0 of 0 processing")
    again.close()
    assert open_window(other).modeBar.currentIndex() == 0  # another register keeps its own


def test_the_list_titles_are_whole_in_french_and_english(window: Any, qtbot: Any, processor: QTabWidget) -> None:
    from ropa_desktop.gui.i18n import install_language

    push(window, "newProcessingButton")
    try:
        for lang in ("fr", "en"):
            install_language(lang)
            for tab, pane in enumerate((window.processorPane.processingList, window.processorPane.clientList)):
                click_tab(qtbot, processor.tabBar(), tab)
                pane.fit_columns()
                header = pane.table.horizontalHeader()
                for i in range(header.count()):
                    title = pane.model.headerData(i, Qt.Orientation.Horizontal)
                    needed = header.sectionSizeFromContents(i).width()  # the title, its margins and sort arrow
                    assert header.sectionSize(i) >= needed, (lang, title)  # "Catégorie de traitem…" was cut
                widths = sum(header.sectionSize(i) for i in range(header.count()))
                assert widths <= pane.table.viewport().width(), lang  # and all in view, no sideways scrolling
    finally:
        install_language("en")


def test_ctrl_f_finds_processing_by_sub_processor_and_transfer(
    open_window: Callable[[Path], Any], tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "hostpay.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(processor_register())
    window = open_window(path)
    click_tab(qtbot, window.modeBar, 1)
    window.ui.actionFind.trigger()
    search = window.findChild(QLineEdit, "processingFilter")
    shown = window.processorPane.processingList.proxy

    def found(text: str) -> list[str]:
        search.clear()
        qtbot.keyClicks(search, text)
        return [shown.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(shown.rowCount())]

    assert len(found("")) == 2
    assert found("ovh") == ["ST-01"]  # a sub-processor's name
    assert found("backup-us") == ["ST-01"]  # a sub-processor, and a transfer's recipient
    assert found("united states") == ["ST-01"]  # a transfer's country, by its name
    assert found("india") == ["ST-02"]  # a sub-processor's country
    assert found("nowhere-at-all") == []


def test_new_activity_stays_off_in_the_processor_mode_after_an_import(
    window: Any, qtbot: Any, processor: QTabWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_activity = window.ui.actionNewActivity
    assert not new_activity.isEnabled()
    written = export_statement(processor_sample_register(), "canuts", tmp_path / "canuts", lang="en").written
    target = window.session.register.organizations[0]

    def review(dialog: ImportReviewDialog) -> int:
        dialog.target.setCurrentIndex(dialog.target.findData(target.id))
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", review)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    assert file_actions.review_import(window, read_input(written[1]))
    assert window.modeBar.currentIndex() == 1 and not new_activity.isEnabled()
    assert not window.ui.actionDeleteActivity.isEnabled()
    click_tab(qtbot, window.modeBar, 0)
    assert new_activity.isEnabled()  # the controller's register again
    click_tab(qtbot, window.modeBar, 1)
    assert not new_activity.isEnabled()


def test_the_client_dropdown_offers_only_clients_not_yet_in_the_table(
    open_window: Callable[[Path], Any], tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "hostpay.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(processor_register())
    window = open_window(path)
    click_tab(qtbot, window.modeBar, 1)
    hosting = next(p for p in window.session.organization(window.org_id).processor_activities if p.reference == "ST-01")
    assert window.processorPane.processingList.select(hosting.id)
    view = table(window, "processingClientsTable")
    assert view.model().rowCount() == 2  # Client-Alpha SA and Client-Beta Ltd

    def offered() -> list[str]:
        editor = open_editor(view)
        assert isinstance(editor, QComboBox)
        return [editor.itemText(i) for i in range(editor.count())]

    button(window, "processingClientsTableAdd").click()  # a new row: only the client not linked yet
    assert offered() == ["", "Client-Gamma SAS"]
    qtbot.keyClick(open_editor(view), Qt.Key.Key_Escape)
    view.setCurrentIndex(view.model().index(0, view.model().column_of("client_id")))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # an existing row keeps its own client, and is offered the free one
    assert offered() == ["Client-Alpha SA", "Client-Gamma SAS"]


def test_the_findings_menu_entry_counts_what_the_status_bar_counts(
    open_window: Callable[[Path], Any], tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "hostpay.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(processor_register())
    window = open_window(path)
    qtbot.waitUntil(lambda: not window.list.is_checking())
    click_tab(qtbot, window.modeBar, 1)
    count = len(window.session.all_findings(window.org_id))
    assert count > 0 and not window.findingsDock.isVisible()
    menu = window.findingsDock.toggleViewAction()
    assert window.status.findingsLabel.text().startswith(f"{count} ")
    assert menu.text() == f"Findings ({count})"
    push(window, "newProcessingButton")  # a processing with no client and no name: more findings
    qtbot.waitUntil(lambda: len(window.session.all_findings(window.org_id)) > count)
    more = len(window.session.all_findings(window.org_id))
    assert window.status.findingsLabel.text().startswith(f"{more} ") and menu.text() == f"Findings ({more})"
    window.findingsDock.show()  # the tree, once shown, agrees too
    assert menu.text() == f"Findings ({more})" and window.findingsDock.leaf_count() == more

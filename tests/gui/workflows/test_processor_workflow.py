"""The register "as processor" (Art. 30(2)) driven as a person does: clients, a processing, its sub-processor."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
)

from ropa_desktop.domain.model import Organization
from ropa_desktop.gui.findings_dock import PATH_ROLE
from ropa_desktop.gui.form.date_field import DateField
from ropa_desktop.storage.repository import RegisterStore
from tests.gui.workflows.driving import button, table, type_into_editor, wheel


def on_disk(path: Path, org_id: str) -> Organization:
    store = RegisterStore.open(path, read_only=True)
    try:
        return store.load_organization(org_id)
    finally:
        store.close()


def click_tab(qtbot: Any, bar: QTabBar, index: int) -> None:
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert bar.currentIndex() == index


def push(window: Any, name: str) -> None:
    found = window.findChild(QPushButton, name)
    assert found is not None and found.isEnabled(), name
    found.click()


def type_text(qtbot: Any, window: Any, name: str, text: str) -> None:
    """Type into a named field, then Tab away (the edit is committed on leaving the field)."""
    field = window.findChild(QLineEdit, name)
    assert field is not None, name
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def edit_cell(qtbot: Any, view: Any, row: int, key: str, text: str, combo_index: int = 1) -> None:
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, view.model().column_of(key)))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, view, text, combo_index)


@pytest.fixture
def processor(window: Any, qtbot: Any) -> QTabWidget:
    click_tab(qtbot, window.modeBar, 1)
    pane = window.findChild(QTabWidget, "processorPane")
    assert pane is not None and pane.isVisible()
    return pane


@pytest.mark.slow
def test_clients_processing_and_sub_processor_are_saved_undone_and_redone(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    org_id = window.org_id
    # A client, its contract and the date typed as people type it.
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    type_text(qtbot, window, "clientContractReferenceEdit", "DPA-2025-07")
    type_text(qtbot, window, "clientContractDateEdit", "15/01/2025")
    client = on_disk(register_path, org_id).clients[0]
    assert (client.name, client.contract_reference, client.contract_date) == (
        "Acme Hospital", "DPA-2025-07", date(2025, 1, 15)
    )
    assert window.findChild(QLineEdit, "clientContractDateEdit").text() == "15/01/2025"  # the typed date stuck

    # A processing for that client, with a sub-processor authorised on a date.
    click_tab(qtbot, processor.tabBar(), 0)
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Payroll")
    button(window, "processingClientsTableAdd").click()
    type_into_editor(qtbot, table(window, "processingClientsTable"), "", combo_index=1)
    subs = table(window, "processingSubProcessorsTable")
    button(window, "processingSubProcessorsTableAdd").click()
    type_into_editor(qtbot, subs, "CloudHost Inc")
    edit_cell(qtbot, subs, 0, "authorisation", "", combo_index=1)
    edit_cell(qtbot, subs, 0, "authorised_on", "15/03/2026")
    saved = on_disk(register_path, org_id).processor_activities[0]
    assert (saved.reference, saved.name) == ("ST-01", "Payroll")
    assert [link.client_id for link in saved.clients] == [client.id]
    sub = saved.sub_processors[0]
    assert (sub.name, sub.authorisation, sub.authorised_on) == ("CloudHost Inc", "general", date(2026, 3, 15))
    assert "Acme Hospital" in window.processorPane.processingList.model.rows[0].texts

    # Undo takes back the date alone, redo puts it back: one step each, on disk.
    window.ui.actionUndo.trigger()
    assert on_disk(register_path, org_id).processor_activities[0].sub_processors[0].authorised_on is None
    window.ui.actionRedo.trigger()
    assert on_disk(register_path, org_id).processor_activities[0].sub_processors[0].authorised_on == date(2026, 3, 15)

    # A client some processing names cannot be deleted: the refusal says which processing.
    click_tab(qtbot, processor.tabBar(), 1)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked to confirm a refused deletion"))
    assert "ST-01 Payroll" in window.processorPane.clientForm.subtitleLabel.text()  # said before trying
    push(window, "deleteClientButton")
    assert shown and "ST-01 Payroll" in shown[0]
    assert [c.name for c in on_disk(register_path, org_id).clients] == ["Acme Hospital"]


def test_a_new_processing_is_undone_and_an_unused_client_deleted(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    org_id = window.org_id
    push(window, "newProcessingButton")
    assert [a.reference for a in on_disk(register_path, org_id).processor_activities] == ["ST-01"]
    window.ui.actionUndo.trigger()
    assert on_disk(register_path, org_id).processor_activities == []
    window.ui.actionRedo.trigger()
    assert [a.reference for a in on_disk(register_path, org_id).processor_activities] == ["ST-01"]
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Unused Ltd")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    push(window, "deleteClientButton")
    assert on_disk(register_path, org_id).clients == []
    window.ui.actionUndo.trigger()
    assert [c.name for c in on_disk(register_path, org_id).clients] == ["Unused Ltd"]


def test_the_general_security_measures_are_edited_in_the_processor_mode(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    org_id = window.org_id
    click_tab(qtbot, processor.tabBar(), 2)
    view = table(window, "generalSecurityTable")
    button(window, "generalSecurityTableAdd").click()
    type_into_editor(qtbot, view, "", combo_index=1)
    measures = on_disk(register_path, org_id).security_measures
    assert len(measures) == 1 and measures[0].type
    # The row is written with its type, one step (an empty row is never written): one undo takes it away.
    window.ui.actionUndo.trigger()
    assert on_disk(register_path, org_id).security_measures == []
    assert view.model().rowCount() == 0


def test_the_wheel_never_edits_an_unfocused_combo_and_tab_follows_the_form(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    push(window, "newProcessingButton")
    org_id = window.org_id
    before = on_disk(register_path, org_id).processor_activities
    steps = window.editing.stack.count()
    window.processorPane.processingList.search.setFocus()
    form = window.processorPane.processingForm
    combos = [c for c in form.findChildren(QComboBox) if c.isVisible()]
    assert combos
    for combo in combos:
        assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus, combo.objectName()
        shown = combo.currentIndex()
        for turn in (-1, 1, -3):
            wheel(combo, turn)
        assert combo.currentIndex() == shown, combo.objectName()
    assert on_disk(register_path, org_id).processor_activities == before
    assert window.editing.stack.count() == steps
    area = window.findChild(QScrollArea, "processingScrollArea")
    area.verticalScrollBar().setValue(0)
    wheel(form.bindings["status"].widget, -3)
    assert area.verticalScrollBar().value() > 0  # the form scrolled instead
    # Tab goes down the form in the order it reads.
    form.bindings["name"].widget.setFocus()
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == ["processingDescriptionEdit", "processingStatusCombo", "processingClientsTable",
                     "processingClientsTableAdd"]


def test_ctrl_f_searches_the_processing_list_in_the_processor_mode(
    window: Any, qtbot: Any, processor: QTabWidget
) -> None:
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Payroll")
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Hosting")
    window.ui.actionFind.trigger()
    search = window.findChild(QLineEdit, "processingFilter")
    assert search.hasFocus()
    qtbot.keyClicks(search, "payr")
    names = window.processorPane.processingList.proxy
    assert names.rowCount() == 1
    qtbot.keyClicks(search, "zzz")
    assert names.rowCount() == 0 and window.processorPane.processingList.empty.isVisible()


def test_the_processor_mode_follows_the_language(window: Any, qtbot: Any, processor: QTabWidget) -> None:
    from ropa_desktop.gui.i18n import install_language

    push(window, "newProcessingButton")
    install_language("fr")
    assert window.modeBar.tabText(1) == "En tant que sous-traitant"
    assert processor.tabText(0) == "Traitements pour des clients"
    form = window.processorPane.processingForm
    assert form.bindings["name"].label.text().endswith("Catégorie de traitement")  # (marked: no name yet)
    assert form.groups["sub_processors"].title() == "Sous-traitants ultérieurs"
    assert window.processorPane.processingList.model.rows[0].texts[3] == "Brouillon"


def _leaves(dock: Any) -> list[Any]:
    """(node title, leaf item) of every finding in the dock."""
    found = []
    for s in range(dock.model.rowCount()):
        group = dock.model.item(s)
        for i in range(group.rowCount()):
            node = group.child(i)
            found += [(node.text(), node.child(j)) for j in range(node.rowCount())]
    return found


def test_findings_of_the_processor_side_are_in_the_dock_and_open_their_field(
    window: Any, qtbot: Any, processor: QTabWidget
) -> None:
    push(window, "newProcessingButton")
    type_text(qtbot, window, "processingNameEdit", "Payroll")
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    pane = window.processorPane
    assert pane.processingList.model.rows[0].findings >= 1  # no client yet, no security measure
    window.show_findings()
    window.findingsDock.refresh()
    leaves = _leaves(window.findingsDock)
    no_client = next(leaf for title, leaf in leaves if leaf.data(PATH_ROLE) == "processor_activities[0].clients")
    assert any(title.startswith("As processor: ST-01 — Payroll") and leaf is no_client for title, leaf in leaves)
    no_contract = next(
        leaf for title, leaf in leaves if leaf.data(PATH_ROLE) == "clients[0].contract_reference"
    )
    assert any(title.startswith("Client: Acme Hospital") and leaf is no_contract for title, leaf in leaves)
    # Opened from the controller's register: the processor mode shows the client and focuses its contract.
    click_tab(qtbot, window.modeBar, 0)
    window.findingsDock._open(no_contract.index())
    assert window.modeBar.currentIndex() == 1 and processor.currentIndex() == 1
    contract = window.findChild(QLineEdit, "clientContractReferenceEdit")
    qtbot.waitUntil(contract.hasFocus)
    window.findingsDock._open(no_client.index())
    assert processor.currentIndex() == 0
    assert pane.processingList.current_id() == pane._org().processor_activities[0].id
    qtbot.waitUntil(table(window, "processingClientsTable").hasFocus)
    # The finding goes once the client is linked (and the status bar's count with it).
    count = window.status.findingsLabel.text()
    button(window, "processingClientsTableAdd").click()
    type_into_editor(qtbot, table(window, "processingClientsTable"), "", combo_index=1)
    window.findingsDock.refresh()
    paths = [leaf.data(PATH_ROLE) for _, leaf in _leaves(window.findingsDock)]
    assert "processor_activities[0].clients" not in paths
    assert window.status.findingsLabel.text() != count


def test_a_date_cell_keeps_a_typo_for_correction(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    push(window, "newProcessingButton")
    subs = table(window, "processingSubProcessorsTable")
    button(window, "processingSubProcessorsTableAdd").click()
    type_into_editor(qtbot, subs, "CloudHost Inc")
    edit_cell(qtbot, subs, 0, "authorised_on", "31/02/2026")
    qtbot.waitUntil(lambda: isinstance(subs.indexWidget(subs.currentIndex()), DateField))
    editor = subs.indexWidget(subs.currentIndex())
    assert editor.text() == "31/02/2026" and editor.is_invalid()
    assert on_disk(register_path, window.org_id).processor_activities[0].sub_processors[0].authorised_on is None
    type_into_editor(qtbot, subs, "28/02/2026")
    saved = on_disk(register_path, window.org_id).processor_activities[0].sub_processors[0]
    assert saved.authorised_on == date(2026, 2, 28)


def test_a_contract_date_still_being_typed_is_saved_by_undo_from_the_menu(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    click_tab(qtbot, processor.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", "Acme Hospital")
    field = window.findChild(QLineEdit, "clientContractDateEdit")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "15/01/2025")  # no Tab: the focus stays in the field when a menu action runs
    window.ui.actionUndo.trigger()  # the typed date is committed first, then undone as one step
    assert on_disk(register_path, window.org_id).clients[0].contract_date is None
    window.ui.actionRedo.trigger()
    assert on_disk(register_path, window.org_id).clients[0].contract_date == date(2025, 1, 15)

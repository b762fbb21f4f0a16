"""What testers typed into the processor's forms: keys after a country box, typed country names, impossible dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QTabWidget

from ropa_desktop.gui.form.date_field import DateField
from tests.gui.workflows.driving import button, open_editor, table, type_into_editor
from tests.gui.workflows.test_processor_workflow import click_tab, on_disk, processor, push, type_text

__all__ = ["processor"]  # the fixture, used by name


def _new_client(window: Any, qtbot: Any, pane: QTabWidget, name: str) -> None:
    click_tab(qtbot, pane.tabBar(), 1)
    push(window, "newClientButton")
    type_text(qtbot, window, "clientNameEdit", name)


def _type_country(qtbot: Any, window: Any, text: str) -> QComboBox:
    combo = window.findChild(QComboBox, "clientCountryCombo")
    line = combo.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    popup = combo.completer().popup()  # the list of countries matching what is typed has the keyboard, as on screen
    qtbot.keyClick(popup if popup.isVisible() else line, Qt.Key.Key_Tab)
    return combo


def test_keys_typed_right_after_tab_out_of_the_country_box_reach_the_next_field(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    _new_client(window, qtbot, processor, "Acme Hospital")
    combo = _type_country(qtbot, window, "Belg")
    phone = window.findChild(QLineEdit, "clientPhoneEdit")
    assert phone.hasFocus()
    # The window system still delivers the first keys to the completer's popup, which hands them to the country
    # box it served (seen under X11: "01 23" saved as "1 23"); they belong to the field that has the focus.
    qtbot.keyClicks(combo, "01")
    qtbot.keyClicks(phone, " 23")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert on_disk(register_path, window.org_id).clients[0].phone == "01 23"


def test_a_country_typed_by_name_is_saved_as_its_code_like_one_picked(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    _new_client(window, qtbot, processor, "Acme Hospital")
    for typed, code in (("France", "FR"), ("etats-unis", "US"), ("  GERMANY ", "DE"), ("Royaume-Uni", "GB")):
        combo = _type_country(qtbot, window, typed)
        assert on_disk(register_path, window.org_id).clients[0].country == code, typed
        assert combo.currentData() == code  # shown as the list's entry, with its EEA / adequacy mark
    _type_country(qtbot, window, "Atlantis")  # no country: kept as typed, and the checks say so
    assert on_disk(register_path, window.org_id).clients[0].country == "Atlantis"


def test_an_impossible_contract_date_is_refused_in_words_and_never_saved_as_another(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    _new_client(window, qtbot, processor, "Acme Hospital")
    type_text(qtbot, window, "clientContractDateEdit", "15/01/2025")
    type_text(qtbot, window, "clientContractDateEdit", "31/02/2025")
    field = window.findChild(DateField, "clientContractDateEdit")
    assert field.is_invalid() and field.text() == "31/02/2025"
    banner = window.findChild(QLabel, "client1Banner")  # the contract section's banner
    assert banner.isVisible() and "31/02/2025" in banner.text()
    # Another edit saves and reloads the form: the typo stays for correction, the saved date is the old one.
    type_text(qtbot, window, "clientContractReferenceEdit", "DPA-7")
    assert field.text() == "31/02/2025" and field.is_invalid()
    assert on_disk(register_path, window.org_id).clients[0].contract_date == date(2025, 1, 15)
    type_text(qtbot, window, "clientContractDateEdit", "28/02/2025")
    assert not banner.isVisible()
    assert on_disk(register_path, window.org_id).clients[0].contract_date == date(2025, 2, 28)


def test_an_impossible_review_date_in_the_activity_form_is_refused_the_same_way(
    window: Any, qtbot: Any, register_path: Path
) -> None:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    before = activity.last_review
    type_text(qtbot, window, "activityLastReviewEdit", "31/02/2025")
    field = window.findChild(DateField, "activityLastReviewEdit")
    assert field.is_invalid()
    assert "31/02/2025" in window.form.banners["identification"].text()
    type_text(qtbot, window, "activityNameEdit", "Renamed")
    assert field.text() == "31/02/2025"
    saved = next(a for a in on_disk(register_path, window.org_id).activities if a.id == activity.id)
    assert (saved.name, saved.last_review) == ("Renamed", before)


def test_a_client_contact_shows_only_the_fields_that_apply_to_it(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    _new_client(window, qtbot, processor, "Acme Hospital")
    shown = {w.objectName() for w in window.findChildren(QLineEdit) if w.objectName().startswith("client")}
    assert {"clientContactNameEdit", "clientDpoCompanyEdit", "clientDpoDesignationNumberEdit"} <= shown
    assert not {"clientContactCompanyEdit", "clientRepresentativeDesignationNumberEdit"} & shown
    type_text(qtbot, window, "clientDpoCompanyEdit", "DPO Conseil")
    assert on_disk(register_path, window.org_id).clients[0].dpo.company == "DPO Conseil"


def test_a_transfer_to_the_united_states_says_its_adequacy_is_dpf_only(
    window: Any, qtbot: Any, register_path: Path, processor: QTabWidget
) -> None:
    push(window, "newProcessingButton")
    transfers = table(window, "processingTransfersTable")
    button(window, "processingTransfersTableAdd").click()
    type_into_editor(qtbot, transfers, "CloudHost Inc")
    transfers.setFocus()
    cell = transfers.model().index(0, transfers.model().column_of("country"))
    transfers.setCurrentIndex(cell)
    qtbot.keyClick(transfers, Qt.Key.Key_F2)
    combo = open_editor(transfers)
    assert isinstance(combo, QComboBox)
    entry = combo.itemText(combo.findData("US"))
    assert entry == "United States ✓ (DPF only)"  # in the list picked from, before the choice
    combo.lineEdit().setText("united states")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert on_disk(register_path, window.org_id).processor_activities[0].transfers[0].country == "US"
    assert cell.data() == "United States — adequate (DPF only)"
    column = transfers.horizontalHeader().sectionSize(cell.column())
    assert column > transfers.fontMetrics().horizontalAdvance(cell.data())  # said in full, not cut to "ad…"
    assert "Covers only" in cell.data(Qt.ItemDataRole.ToolTipRole)

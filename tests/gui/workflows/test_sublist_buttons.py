"""Every sub-list of the form: add, edit, remove and reorder through its named buttons and the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QInputDialog

from ropa_desktop.domain.model import Activity
from tests.builders import on_disk
from tests.gui.workflows.driving import button, open_editor, table, type_into_editor

# (activity attribute, table objectName, attribute of the first column, typed text or None for a combo)
SUB_LISTS = (
    ("purposes", "purposesTable", "description", "Payroll of the staff"),
    ("data_subjects", "dataSubjectsTable", "category", None),
    ("data_categories", "dataCategoriesTable", "category", None),
    ("retention", "retentionTable", "applies_to", "Invoices"),
    ("transfers", "transfersTable", "recipient", "Acme Inc."),
    ("security_measures", "securityMeasuresTable", "type", None),
)


@pytest.mark.slow
@pytest.mark.parametrize(("key", "name", "attr", "text"), SUB_LISTS, ids=[s[0] for s in SUB_LISTS])
def test_add_edit_and_remove_with_the_buttons_and_f2(
    window: Any, qtbot: Any, register_path: Path, current: Activity, key: str, name: str, attr: str, text: str | None
) -> None:
    before = getattr(on_disk(register_path, current.id), key)
    view = table(window, name)
    button(window, f"{name}Add").click()
    type_into_editor(qtbot, view, text or "")
    after = getattr(on_disk(register_path, current.id), key)
    assert len(after) == len(before) + 1
    value = getattr(after[-1], attr)
    assert value if text is None else value == text
    assert view.currentIndex().row() == len(after) - 1
    # Edit the new row again from the keyboard (F2), as one edits any existing row.
    row = len(after) - 1
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, view.model().column_of(attr)))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    type_into_editor(qtbot, view, f"{text} (edited)" if text else "", combo_index=2)
    saved = getattr(getattr(on_disk(register_path, current.id), key)[row], attr)
    assert saved == (f"{text} (edited)" if text else open_editor_value(view, row, attr))
    button(window, f"{name}Remove").click()
    assert getattr(on_disk(register_path, current.id), key) == before


@pytest.mark.slow
@pytest.mark.parametrize(("key", "name", "attr", "text"), SUB_LISTS, ids=[s[0] for s in SUB_LISTS])
def test_insert_adds_del_removes_and_rows_reorder(
    window: Any, qtbot: Any, register_path: Path, current: Activity, key: str, name: str, attr: str, text: str | None
) -> None:
    before = getattr(on_disk(register_path, current.id), key)
    view = table(window, name)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    type_into_editor(qtbot, view, text or "")
    assert len(getattr(on_disk(register_path, current.id), key)) == len(before) + 1
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert getattr(on_disk(register_path, current.id), key) == before
    # Reorder: the Up button, Ctrl+Down, and Down on the last row (which moves nothing).
    for _ in range(2):  # two rows at least, told apart by their first column
        button(window, f"{name}Add").click()
        type_into_editor(qtbot, view, f"{text} {_}" if text else "", combo_index=_ + 1)
    rows = getattr(on_disk(register_path, current.id), key)
    last = len(rows) - 1
    view.setCurrentIndex(view.model().index(last, 0))
    button(window, f"{name}Up").click()
    moved = getattr(on_disk(register_path, current.id), key)
    assert moved[last - 1] == rows[last] and moved[last] == rows[last - 1]
    assert view.currentIndex().row() == last - 1
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert getattr(on_disk(register_path, current.id), key) == rows
    button(window, f"{name}Down").click()  # already last: nothing moves
    assert getattr(on_disk(register_path, current.id), key) == rows


def test_a_new_activity_gets_rows_in_every_list(window: Any, qtbot: Any, register_path: Path) -> None:
    window.ui.actionNewActivity.trigger()
    activity_id = window.form.activity_id
    for key, name, _attr, text in SUB_LISTS:
        button(window, f"{name}Add").click()
        type_into_editor(qtbot, table(window, name), text or "")
        assert len(getattr(on_disk(register_path, activity_id), key)) == 1, key


def test_in_french_the_buttons_work_the_same(window: Any, qtbot: Any, register_path: Path, current: Activity) -> None:
    from ropa_desktop.gui.i18n import install_language

    install_language("fr")
    view = table(window, "purposesTable")
    before = len(on_disk(register_path, current.id).purposes)
    button(window, "purposesTableAdd").click()
    type_into_editor(qtbot, view, "Paie")
    assert on_disk(register_path, current.id).purposes[-1].description == "Paie"
    assert len(on_disk(register_path, current.id).purposes) == before + 1


# --- recipients: a row is written once its recipient is chosen ------------------------------------------


def test_recipient_add_opens_the_picker_and_writes_nothing_until_chosen(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    before = on_disk(register_path, current.id).recipients
    view = table(window, "recipientsTable")
    button(window, "recipientsTableAdd").click()
    editor = open_editor(view)
    assert isinstance(editor, QComboBox)
    entries = [editor.itemText(i) for i in range(editor.count())]
    assert entries[0] == "" and entries[-1] == "New recipient…"
    assert on_disk(register_path, current.id).recipients == before  # nothing half-made
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.model().rowCount() == len(before))
    assert on_disk(register_path, current.id).recipients == before


def test_recipient_chosen_in_the_catalogue_is_written(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    org = window.session.organization(window.org_id)
    chosen = org.recipients[0]
    view = table(window, "recipientsTable")
    before = on_disk(register_path, current.id).recipients
    button(window, "recipientsTableAdd").click()
    editor = open_editor(view)
    index = editor.findData(chosen.id)
    editor.setCurrentIndex(index)
    editor.activated.emit(index)
    after = on_disk(register_path, current.id).recipients
    assert len(after) == len(before) + 1 and after[-1].recipient_id == chosen.id


def test_new_recipient_from_the_picker_goes_into_the_catalogue_and_the_row(
    window: Any, qtbot: Any, register_path: Path, current: Activity, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Payroll Services SAS", True))
    view = table(window, "recipientsTable")
    before = on_disk(register_path, current.id).recipients
    button(window, "recipientsTableAdd").click()
    editor = open_editor(view)
    index = editor.count() - 1
    editor.setCurrentIndex(index)
    editor.activated.emit(index)
    qtbot.waitUntil(lambda: len(on_disk(register_path, current.id).recipients) == len(before) + 1)
    link = on_disk(register_path, current.id).recipients[-1]
    assert window.session.organization(window.org_id).recipient(link.recipient_id).name == "Payroll Services SAS"


def test_recipient_rows_reorder_and_remove(window: Any, qtbot: Any, register_path: Path, current: Activity) -> None:
    org = window.session.organization(window.org_id)
    view = table(window, "recipientsTable")
    for recipient in org.recipients[:2]:
        button(window, "recipientsTableAdd").click()
        editor = open_editor(view)
        editor.setCurrentIndex(editor.findData(recipient.id))
        editor.activated.emit(editor.currentIndex())
    rows = on_disk(register_path, current.id).recipients
    view.setCurrentIndex(view.model().index(len(rows) - 1, 0))
    button(window, "recipientsTableUp").click()
    assert on_disk(register_path, current.id).recipients[-2] == rows[-1]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert on_disk(register_path, current.id).recipients == [*rows[:-2], rows[-2]]


def test_retention_categories_save_what_the_editor_shows(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    from ropa_desktop.gui.form.delegates import CodesCombo

    view = table(window, "retentionTable")
    button(window, "retentionTableAdd").click()
    type_into_editor(qtbot, view, "Accounts")
    row = view.currentIndex().row()
    column = view.model().column_of("categories")
    view.setCurrentIndex(view.model().index(row, column))
    view.edit(view.currentIndex())
    editor = open_editor(view)
    assert isinstance(editor, CodesCombo)
    for entry in (0, 2):
        editor._toggle(editor.model().index(entry, 0))
    saved = on_disk(register_path, current.id).retention[-1].categories
    assert saved == editor.codes() and len(saved) == 2
    assert view.model().index(row, column).data() == editor.summary()


def open_editor_value(view: Any, row: int, attr: str) -> str:
    """The code the second entry of the column's combo stands for (what F2 + choose picked)."""
    from ropa_desktop.gui.form.sublist_model import SPEC_ROLE

    spec = view.model().index(row, view.model().column_of(attr)).data(SPEC_ROLE)
    return list(spec.vocab)[1].code


def test_a_click_on_a_row_number_is_the_row_remove_takes(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    view = table(window, "purposesTable")
    for text in ("First purpose", "Second purpose"):
        button(window, "purposesTableAdd").click()
        type_into_editor(qtbot, view, text)
    purposes = [p.description for p in on_disk(register_path, current.id).purposes]
    assert len(purposes) >= 2
    view.setCurrentIndex(view.model().index(len(purposes) - 1, 0))  # a cell of the last row is current
    header = view.verticalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + QPoint(5, header.sectionViewportPosition(0) + 5))
    button(window, "purposesTableRemove").click()
    assert [p.description for p in on_disk(register_path, current.id).purposes] == purposes[1:]

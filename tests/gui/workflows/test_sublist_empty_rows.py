"""A "+" pressed by mistake writes nothing: an empty new row goes when the list is left; a row typed into stays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ropa_desktop.domain.model import Activity
from tests.builders import on_disk
from tests.gui.workflows.driving import button, open_editor, table

# (activity attribute, table objectName): free text, pickers, a transfer's many columns, a measure's type.
LISTS = (
    ("purposes", "purposesTable"),
    ("data_categories", "dataCategoriesTable"),
    ("transfers", "transfersTable"),
    ("security_measures", "securityMeasuresTable"),
    ("retention", "retentionTable"),
)


def leave_for_the_name_field(qtbot: Any, window: Any) -> None:
    name = window.form.ui.activityNameEdit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    QApplication.processEvents()


def test_an_empty_new_row_is_not_written_and_goes_when_the_list_is_left(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    before = on_disk(register_path, current.id)
    steps = window.editing.stack.count()
    for key, name in LISTS:
        view = table(window, name)
        rows = view.model().rowCount()
        button(window, f"{name}Add").click()
        assert view.model().rowCount() == rows + 1  # shown, its first cell open
        assert getattr(on_disk(register_path, current.id), key) == getattr(before, key)
        leave_for_the_name_field(qtbot, window)
        qtbot.waitUntil(lambda v=view, r=rows: v.model().rowCount() == r)
    assert on_disk(register_path, current.id) == before
    assert window.editing.stack.count() == steps  # nothing to undo either


def test_escape_then_leaving_drops_the_row_and_saving_drops_one_left_open(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    view = table(window, "purposesTable")
    before = on_disk(register_path, current.id).purposes
    button(window, "purposesTableAdd").click()
    qtbot.keyClick(open_editor(view), Qt.Key.Key_Escape)
    leave_for_the_name_field(qtbot, window)
    qtbot.waitUntil(lambda: view.model().rowCount() == len(before))
    # Still open when the register is saved (here: a new activity is made): not written either.
    button(window, "dataCategoriesTableAdd").click()
    window.ui.actionNewActivity.trigger()
    assert on_disk(register_path, current.id).data_categories == current.data_categories
    assert on_disk(register_path, current.id).purposes == before


def test_a_row_typed_into_is_kept_even_unfinished_and_undo_takes_it_away(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    view = table(window, "purposesTable")
    before = on_disk(register_path, current.id).purposes
    button(window, "purposesTableAdd").click()
    editor = open_editor(view)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Payroll of the staff")
    # No Enter, no Tab: a menu action saves what is typed (the row with it), as for any field.
    window.ui.actionNewActivity.trigger()
    after = on_disk(register_path, current.id).purposes
    assert [p.description for p in after] == [*(p.description for p in before), "Payroll of the staff"]
    window.ui.actionUndo.trigger()  # the new activity
    window.ui.actionUndo.trigger()  # the typed row, in one step: no empty row was written before it
    assert on_disk(register_path, current.id).purposes == before
    window.ui.actionRedo.trigger()
    assert [p.description for p in on_disk(register_path, current.id).purposes][-1] == "Payroll of the staff"


def test_a_row_typed_into_then_left_is_kept(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    view = table(window, "transfersTable")
    before = on_disk(register_path, current.id).transfers
    button(window, "transfersTableAdd").click()
    qtbot.keyClicks(open_editor(view), "Acme Inc.")
    leave_for_the_name_field(qtbot, window)
    after = on_disk(register_path, current.id).transfers
    assert len(after) == len(before) + 1 and after[-1].recipient == "Acme Inc."
    assert view.model().rowCount() == len(after)

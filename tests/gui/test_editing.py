from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ropa_desktop.domain.checks import check_activity
from ropa_desktop.domain.model import Purpose
from tests.builders import on_disk, read_back


def _select_first(window) -> str:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    assert window.form.activity_id == activity.id
    return activity.id




def test_editing_a_field_is_written_to_the_file(window, qtbot, register_path) -> None:
    activity_id = _select_first(window)
    edit = window.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, "Paie du personnel")
    window.form.flush()
    assert window.status.saveLabel.text().startswith("Saved")
    window.close()
    assert on_disk(register_path, activity_id).name == "Paie du personnel"


def test_keystrokes_merge_into_one_undo_command_and_undo_restores_exactly(
    window, qtbot, register_path
) -> None:
    activity_id = _select_first(window)
    original = on_disk(register_path, activity_id)
    edit = window.form.ui.activityNameEdit
    for chunk in ("A", "b", "c"):
        qtbot.keyClicks(edit, chunk)
        window.form.flush()  # each burst is committed to the file
    assert window.editing.stack.count() == 1
    assert on_disk(register_path, activity_id).name == original.name + "Abc"
    window.ui.actionUndo.trigger()
    assert on_disk(register_path, activity_id) == original  # "updated" included
    assert edit.text() == original.name
    window.ui.actionRedo.trigger()
    assert on_disk(register_path, activity_id).name == original.name + "Abc"


def test_vocabulary_combo_stores_the_code(window, register_path) -> None:
    activity_id = _select_first(window)
    combo = window.form.ui.activityStatusCombo
    combo.setCurrentIndex(combo.findData("validated"))
    combo.activated.emit(combo.currentIndex())
    assert on_disk(register_path, activity_id).status == "validated"
    summary = window.list.model.summary(activity_id)
    assert summary is not None and summary.status == "validated"


def test_sub_list_rows_add_edit_move_and_undo(window, register_path) -> None:
    activity_id = _select_first(window)
    before = on_disk(register_path, activity_id)
    editor = window.form.sublists["purposes"]
    editor.addButton.click()
    rows = editor.model.rowCount()
    assert rows == len(before.purposes) + 1
    column = editor.model.column_of("description")
    assert editor.model.setData(editor.model.index(rows - 1, column), "Statistics", Qt.ItemDataRole.EditRole)
    editor.select_row(rows - 1)
    editor.upButton.click()
    saved = on_disk(register_path, activity_id)
    assert saved.purposes[rows - 2] == Purpose("Statistics")
    for _ in range(3):
        window.ui.actionUndo.trigger()
    assert on_disk(register_path, activity_id) == before
    assert editor.model.rowCount() == len(before.purposes)


def test_findings_column_follows_edits(window) -> None:
    activity_id = _select_first(window)
    before = window.list.model.summary(activity_id).findings
    editor = window.form.sublists["purposes"]
    editor.select_row(0)
    while editor.model.rowCount():
        editor.select_row(0)
        editor.removeButton.click()
    activity = window.session.activity(window.org_id, activity_id)
    fresh = check_activity(activity, window.session.organization(window.org_id), date.today())
    assert any(f.field == "purposes" for f in fresh)  # an activity without purposes is incomplete
    assert window.list.model.summary(activity_id).findings == len(fresh) != before
    assert "purpose" in window.form.banners["purposes"].text().casefold()


def test_new_duplicate_delete_and_undo_restores_position(window, register_path, monkeypatch) -> None:
    org_id = window.org_id
    activities = window.session.organization(org_id).activities
    third = activities[2]
    window.list.select(third.id)
    window.ui.actionDuplicateActivity.trigger()
    copy_id = window.form.activity_id
    assert copy_id != third.id
    assert [a.id for a in activities].index(copy_id) == 3
    window.ui.actionNewActivity.trigger()
    assert len(window.session.organization(org_id).activities) == len(activities)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    order = [a.id for a in window.session.organization(org_id).activities]
    window.list.select(third.id)
    window.ui.actionDeleteActivity.trigger()
    assert window.session.activity(org_id, third.id) is None
    window.ui.actionUndo.trigger()
    assert [a.id for a in window.session.organization(org_id).activities] == order
    window.close()
    org = read_back(register_path).organization(org_id)
    assert org is not None and [a.id for a in org.activities] == order


def test_delete_is_cancelled_when_not_confirmed(window, monkeypatch) -> None:
    activity_id = _select_first(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.ui.actionDeleteActivity.trigger()
    assert window.session.activity(window.org_id, activity_id) is not None


def test_typed_text_is_flushed_on_close(window, qtbot, register_path) -> None:
    activity_id = _select_first(window)
    edit = window.form.ui.activityDescriptionEdit
    edit.setFocus()
    qtbot.keyClicks(edit, " typed just before closing")
    assert window.form.has_pending_edit()
    window.close()
    assert on_disk(register_path, activity_id).description.startswith(" typed just before closing")


def test_unknown_codes_are_shown_as_they_are_and_kept(window, register_path) -> None:
    org_id = window.org_id
    activity = window.session.organization(org_id).activities[0]
    odd = window.session.store.load_activity(activity.id)
    odd.status = "legacy_status"
    odd.purposes[0].legal_basis = "art_6_1_g"
    window.editing.edit_activity(org_id, odd, "status", False)
    window.list.select(activity.id)
    combo = window.form.ui.activityStatusCombo
    assert combo.currentText() == "legacy_status"
    purposes = window.form.sublists["purposes"].model
    assert purposes.index(0, purposes.column_of("legal_basis")).data() == "art_6_1_g"
    window.form.ui.activityToolsEdit.setText("Excel")
    window.form.ui.activityToolsEdit.textEdited.emit("Excel")
    window.form.flush()
    saved = on_disk(register_path, activity.id)
    assert saved.status == "legacy_status"
    assert (saved.purposes[0].legal_basis, saved.tools) == ("art_6_1_g", "Excel")


def test_switching_activity_commits_the_text_being_typed(window, qtbot, register_path) -> None:
    activities = window.session.organization(window.org_id).activities
    first, second = activities[0], activities[1]
    window.list.select(first.id)
    qtbot.keyClicks(window.form.ui.activityOwnerDepartmentEdit, "Legal")
    assert window.form.has_pending_edit()
    window.list.select(second.id)
    assert window.form.activity_id == second.id
    assert window.form.ui.activityOwnerDepartmentEdit.text() == second.owner_department
    assert on_disk(register_path, first.id).owner_department.endswith("Legal")

"""Importing from the GUI: the DPO reviews the change set, accepted changes are one transaction and one undo."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from ropa_desktop.domain.model import Activity, Organization, Register
from ropa_desktop.gui import file_actions
from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.gui.row_selection import ID_ROLE
from ropa_desktop.services import json_format
from ropa_desktop.services.importing import read_input
from tests.builders import read_back


def write_incoming(tmp_path: Path, register: Register) -> Path:
    path = tmp_path / "incoming.json"
    path.write_text(json_format.dumps(register), encoding="utf-8")
    return path


def test_accepted_changes_are_written_and_undone_in_one_step(window, tmp_path: Path, monkeypatch) -> None:
    before = copy.deepcopy(window.session.register)
    edited = copy.deepcopy(before)
    first = edited.organizations[0].activities[0]
    first.name = "Renamed by counsel"
    edited.organizations.append(Organization(name="New Client SAS", activities=[Activity(reference="NC-1")]))
    shown: list[ImportReviewDialog] = []

    def accept(dialog: ImportReviewDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", accept)
    assert file_actions.review_import(window, read_input(write_incoming(tmp_path, edited)))
    assert shown and shown[0].accepted_ids()
    on_disk = read_back(window.session.store.path)
    assert on_disk.organizations[0].activities[0].name == "Renamed by counsel"
    assert [o.name for o in on_disk.organizations][-1] == "New Client SAS"
    assert window.ui.organizationSelector.count() == 3

    window.editing.stack.undo()
    assert read_back(window.session.store.path) == before  # the added organisation is gone too
    assert window.ui.organizationSelector.count() == 2
    window.editing.stack.redo()
    assert read_back(window.session.store.path).organizations[0].activities[0].name == "Renamed by counsel"


def test_rejected_review_changes_nothing(window, tmp_path: Path, monkeypatch) -> None:
    edited = copy.deepcopy(window.session.register)
    edited.organizations[0].activities[0].name = "Should not land"
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    before = read_back(window.session.store.path)
    assert not file_actions.review_import(window, read_input(write_incoming(tmp_path, edited)))
    assert read_back(window.session.store.path) == before
    assert window.editing.stack.count() == 0


def test_unchanged_file_says_so(window, tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: said.append(args[2]))
    path = write_incoming(tmp_path, window.session.register)
    assert not file_actions.review_import(window, read_input(path))
    assert said and "no change" in said[0]


def test_a_broken_file_is_reported_once_and_changes_nothing(window, tmp_path: Path, monkeypatch) -> None:
    from ropa_desktop.services.importing import ImportInputError

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "ropa-desktop-register", "version": 1, "organizations": [{"x": 1}]}))
    with pytest.raises(ImportInputError) as info:
        read_input(bad)
    assert "organizations[0]" in info.value.message("fr")


def test_an_edit_after_a_background_import_leaves_its_undo_steps_exact(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    """The import shares unchanged records between the window and its undo step: an edit must reach neither."""
    original = read_back(window.session.store.path)
    edited = copy.deepcopy(window.session.register)
    org = edited.organizations[0]
    org.activities[0].name = "Renamed by counsel"
    org.activities.append(Activity(reference="NEW-1", name="Added by counsel"))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted)
    file_actions.import_path(window, write_incoming(tmp_path, edited))
    qtbot.waitUntil(lambda: window.editing.stack.count() == 1, timeout=30_000)
    imported = read_back(window.session.store.path)
    assert imported.organizations[0].activities[0].name == "Renamed by counsel"
    assert imported.organizations[0].activities[-1].reference == "NEW-1"
    assert window.session.register == imported  # the window shows what the worker wrote

    untouched = imported.organizations[0].activities[1]  # shared by the window and both undo states
    window.show_organization(imported.organizations[0].id)
    assert window.list.select(untouched.id)
    edit = window.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, "Typed after the import")
    window.form.flush()
    assert window.editing.stack.count() == 2

    window.editing.stack.undo()
    assert read_back(window.session.store.path) == imported
    window.editing.stack.undo()
    assert read_back(window.session.store.path) == original
    assert window.session.register == original
    window.editing.stack.redo()
    assert read_back(window.session.store.path) == imported  # the typed name is not in the import's "after"
    window.editing.stack.redo()
    assert read_back(window.session.store.path).organizations[0].activity(untouched.id).name == (
        "Typed after the import"
    )


def test_after_an_import_only_the_changed_rows_are_indexed_again_and_search_finds_them(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    org = window.session.register.organizations[0]
    window.show_organization(org.id)
    window.list.finish_indexing()
    edited = copy.deepcopy(window.session.register)
    edited.organizations[0].activities[0].name = "Zanzibar payroll"
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _dialog: QDialog.DialogCode.Accepted)
    file_actions.import_path(window, write_incoming(tmp_path, edited))
    qtbot.waitUntil(lambda: window.editing.stack.count() == 1, timeout=30_000)
    changed = edited.organizations[0].activities[0].id
    assert window.list._pending_search == [changed]  # the other rows kept their search texts

    window.ui.activityFilter.clear()
    qtbot.keyClicks(window.ui.activityFilter, "zanzibar")
    assert window.list.visible_count() == 1
    assert window.list.proxy.index(0, 0).data(ID_ROLE) == changed
    window.ui.activityFilter.clear()
    other = org.activities[1]
    qtbot.keyClicks(window.ui.activityFilter, other.reference)
    assert window.list.visible_count() >= 1


def test_a_json_export_from_an_older_version_is_a_conflict_whatever_its_export_time(window, qtbot, tmp_path: Path,
                                                                                    monkeypatch) -> None:
    """The file's record versions are the judge: its export time (from a clock ahead, here) is not."""
    from datetime import UTC, datetime

    register = copy.deepcopy(window.session.register)
    path = tmp_path / "ahead.json"
    path.write_text(json_format.dumps(register, exported_at=datetime(2999, 1, 1, tzinfo=UTC),
                                      versions=window.session.store.record_versions()), "utf-8")
    activity = register.organizations[0].activities[0]
    assert window.list.select(activity.id)
    edit = window.form.ui.activityNameEdit  # the DPO renames it after the export
    edit.clear()
    qtbot.keyClicks(edit, "Renamed in the window")
    window.form.flush()
    document = json.loads(path.read_text("utf-8"))
    document["organizations"][0]["activities"][0]["notes"] = "counsel's note"
    path.write_text(json.dumps(document), "utf-8")
    shown: list[ImportReviewDialog] = []

    def accept(dialog: ImportReviewDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", accept)
    file_actions.review_import(window, read_input(path))
    assert shown and not shown[0].accepted_ids()  # both the old name and the note: conflicts, not applied
    on_disk = read_back(window.session.store.path).organizations[0].activities[0]
    assert (on_disk.name, on_disk.notes) == ("Renamed in the window", activity.notes)


def test_an_activity_deleted_since_this_registers_export_is_offered_unticked(window, tmp_path: Path,
                                                                              monkeypatch) -> None:
    """The export names this register: the activity deleted since is a conflict, re-created only when ticked."""
    from ropa_desktop.storage.ids import register_id

    store = window.session.store
    path = tmp_path / "mine.json"
    path.write_text(json_format.dumps(window.session.register, versions=store.record_versions(),
                                      register_id=register_id(store)), "utf-8")
    gone = window.session.register.organizations[0].activities[0]
    assert window.list.select(gone.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.ui.actionDeleteActivity.trigger()
    assert gone.id not in {a.id for a in read_back(store.path).organizations[0].activities}
    shown: list[ImportReviewDialog] = []

    def look(dialog: ImportReviewDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", look)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    file_actions.review_import(window, read_input(path))
    [conflict] = [c for c in shown[0].changes.changes if c.conflict]
    assert conflict.target_activity_id == gone.id and conflict.id not in shown[0].accepted_ids()
    item = shown[0].item_for(conflict.id)
    assert "deleted in the register since this file was exported" in " ".join(
        item.text(i) + item.toolTip(i) for i in range(item.columnCount()))
    shown[0].tree.setCurrentItem(item)  # the reason, cut in the tree's first column, is whole under it
    reason = shown[0].findChild(QLabel, "importReviewConflict")
    assert reason.text() == "Conflict: deleted in the register since this file was exported"
    assert reason.isVisibleTo(shown[0]) and reason.wordWrap()
    assert gone.id not in {a.id for a in read_back(store.path).organizations[0].activities}  # not re-created

    def tick(dialog: ImportReviewDialog) -> int:
        dialog.set_checked(conflict.id, True)  # the DPO decides the deletion was a mistake
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", tick)
    assert file_actions.review_import(window, read_input(path))
    assert gone.id in {a.id for a in read_back(store.path).organizations[0].activities}

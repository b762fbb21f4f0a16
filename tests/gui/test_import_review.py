from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from ropa_desktop.domain.model import Activity
from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.services.changes import MISSING_ACTIVITY, ChangeSet, apply_changes, compute_changes
from ropa_desktop.services.synthetic import synthetic_register


def _changes() -> tuple[ChangeSet, object]:
    current = synthetic_register(4)
    incoming = copy.deepcopy(current)
    acts = incoming.organizations[0].activities
    acts[0].name = "Renamed"
    acts[1].purposes[0].legal_basis = "public_task"
    del acts[2]
    acts.append(Activity(reference="DUP", name="a"))
    acts.append(Activity(reference="DUP", name="b"))
    return compute_changes(current, incoming, ["Unknown value 'x' kept"]), current


def test_dialog_lists_changes_with_defaults_checked(qtbot: QtBot, english: None) -> None:
    changes, _ = _changes()  # English installed as the application does (its catalogue words the counts)
    dialog = ImportReviewDialog(changes, lang="en")
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "importReviewDialog"
    assert dialog.tree.topLevelItemCount() == 5  # one group per activity
    assert sorted(dialog.accepted_ids()) == sorted(changes.default_ids())
    missing = next(c for c in changes.changes if c.kind == MISSING_ACTIVITY)
    assert missing.id not in dialog.accepted_ids()
    assert dialog.item_for(missing.id).checkState(0) == Qt.CheckState.Unchecked
    conflicts = changes.conflicts()
    assert len(conflicts) == 2 and not set(c.id for c in conflicts) & set(dialog.accepted_ids())
    assert "Conflict" in dialog.item_for(conflicts[0].id).text(0)
    rename = next(c for c in changes.changes if c.path == "name")
    item = dialog.item_for(rename.id)
    assert (item.text(1), item.text(3)) == ("Name of the processing", "Renamed")
    assert dialog.problems.count() == 1 and not dialog.problems.isHidden()
    assert dialog.summary.text() == "5 changes found in the file – 2 selected"


def test_toggle_and_accept(qtbot: QtBot) -> None:
    changes, current = _changes()
    dialog = ImportReviewDialog(changes, lang="fr")
    qtbot.addWidget(dialog)
    rename = next(c for c in changes.changes if c.path == "name")
    missing = next(c for c in changes.changes if c.kind == MISSING_ACTIVITY)
    dialog.set_checked(rename.id, False)
    dialog.item_for(missing.id).setCheckState(0, Qt.CheckState.Checked)
    chosen = dialog.accepted_ids()
    assert rename.id not in chosen and missing.id in chosen
    assert dialog.summary.text().endswith("– 2 selected")  # follows the ticks
    dialog.accept_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    result = apply_changes(current, changes, dialog.accepted_ids())  # type: ignore[arg-type]
    names = [a.name for a in result.organizations[0].activities]
    assert "Renamed" not in names and len(names) == 3


def test_select_none_then_cancel(qtbot: QtBot, tmp_path: Path) -> None:
    changes, _ = _changes()
    dialog = ImportReviewDialog(changes)
    qtbot.addWidget(dialog)
    dialog.select_none.click()
    assert dialog.accepted_ids() == []
    dialog.select_all.click()
    assert len(dialog.accepted_ids()) == len(changes.changes)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "review.png"))
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_empty_change_set(qtbot: QtBot) -> None:
    dialog = ImportReviewDialog(ChangeSet())
    qtbot.addWidget(dialog)
    assert dialog.accepted_ids() == [] and not dialog.accept_button.isEnabled()
    assert dialog.problems.isHidden()


def test_selected_change_is_shown_in_full(qtbot: QtBot) -> None:
    current = synthetic_register(3)
    incoming = copy.deepcopy(current)
    long_name = "A very long activity name that the tree has to cut, " * 6 + "with the change at its very end"
    incoming.organizations[0].activities[2].name = long_name
    dialog = ImportReviewDialog(compute_changes(current, incoming))
    qtbot.addWidget(dialog)
    change = next(c for c in dialog.changes.changes if c.path == "name")
    dialog.tree.setCurrentItem(dialog.item_for(change.id))
    assert dialog.new_text.toPlainText() == long_name
    assert dialog.old_text.toPlainText() == current.organizations[0].activities[2].name

"""A processor statement imported from the GUI: the review dialog shows it, the DPO chooses where it goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ropa_desktop.gui import file_actions
from ropa_desktop.gui.import_review import ImportReviewDialog
from ropa_desktop.services.importing import read_input
from ropa_desktop.services.processor_sample import PROCESSOR, processor_sample_register
from ropa_desktop.services.statement_export import export_statement
from ropa_desktop.storage.repository import RegisterStore


def test_a_statement_becomes_a_recipient_of_the_chosen_organisation(window, qtbot, tmp_path: Path,
                                                                    monkeypatch) -> None:
    written = export_statement(processor_sample_register(), "canuts", tmp_path / "canuts", lang="en").written
    target = window.session.register.organizations[1]
    seen: list[list[str]] = []

    def review(dialog: ImportReviewDialog) -> int:
        # The statement's client is not in this register: the dialog says so and the DPO picks the organisation.
        assert not dialog.problems.isHidden() and "--into" in dialog.problems.item(0).text()
        assert not dialog.changes.changes
        dialog.target.setCurrentIndex(dialog.target.findData(target.id))
        assert dialog.problems.isHidden() and dialog.problems.count() == 0  # answered by the choice
        root = dialog.tree.invisibleRootItem()
        seen.append([root.child(i).child(j).text(0) for i in range(root.childCount())
                     for j in range(root.child(i).childCount())])
        assert dialog.accept_button.isEnabled()
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportReviewDialog, "exec", review)
    assert file_actions.review_import(window, read_input(written[1]))
    assert seen == [["New recipient (processor statement)"]]
    with RegisterStore.open(window.session.store.path, read_only=True) as store:
        org = store.load().organization(target.id)
    assert org is not None
    added = next(r for r in org.recipients if r.name == PROCESSOR)
    assert added.type == "processor" and added.statement_date and len(added.sub_processors) == 3
    window.editing.stack.undo()
    with RegisterStore.open(window.session.store.path, read_only=True) as store:
        org = store.load().organization(target.id)
    assert org is not None and all(r.name != PROCESSOR for r in org.recipients)

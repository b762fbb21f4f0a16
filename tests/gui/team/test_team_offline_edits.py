"""Every save path keeps what was typed while the server is away: saved when it is back, or reviewed on a conflict."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from ropa_desktop.storage.repository import RegisterStore
from tests.gui.team.conftest import on_server, open_processing, type_over

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_an_organisation_field_and_a_processing_field_typed_while_away_are_saved_when_it_is_back(
    processor_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.gui.dialogs.organization import OrganizationDialog
    from ropa_desktop.gui.form import record_form_base

    monkeypatch.setattr(record_form_base, "TYPING_IDLE_MS", 60_000)  # the processing's name is still being typed
    window = team_window(processor_url)
    edit = open_processing(window)
    type_over(qtbot, edit, "Payroll typed while away")

    def accept(dialog: OrganizationDialog) -> int:
        dialog.ui.orgNameEdit.selectAll()
        qtbot.keyClicks(dialog.ui.orgNameEdit, "Renamed while away SAS")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OrganizationDialog, "exec", accept)
    postgres_server._pg_ctl("stop")
    try:
        window.ui.actionEditOrganization.trigger()  # its save fails: kept, and the processing being typed too
        assert window.banner.isVisible()
        assert "your edit is kept and will be saved when it is back" in window.banner.text()
        assert window.session.read_only
        assert not edit.isReadOnly()  # the field still being typed in stays writable until it is left
        assert edit.text() == "Payroll typed while away"  # nothing typed is lost
        assert window.status.pendingLabel.isVisible()
        assert window.status.pendingLabel.text() == "2 edits waiting for the server"
    finally:
        postgres_server._pg_ctl("start")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    saved = on_server(processor_url).organizations[0]
    assert saved.name == "Renamed while away SAS"
    assert saved.processor_activities[0].name == "Payroll typed while away"
    assert saved.processor_activities[0].description == "Payslips for client staff"
    assert not window.status.pendingLabel.isVisible()
    assert not window.session.read_only
    edit = window.findChild(QLineEdit, "processingNameEdit")
    assert edit.text() == "Payroll typed while away" and not edit.isReadOnly()


def test_a_processing_someone_changed_meanwhile_opens_the_review_with_both_sides(
    processor_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.gui.team.conflict import ConflictReviewDialog

    window = team_window(processor_url)
    edit = open_processing(window)
    processing_id = window.session.organization(window.org_id).processor_activities[0].id
    reviewed: list[list[tuple[str, object, object]]] = []

    def choose_mine(dialog: ConflictReviewDialog) -> int:
        reviewed.append([(c.path, c.old, c.new) for c in dialog.changes.changes])
        assert dialog.windowTitle() == "Someone else changed this record"
        return QDialog.DialogCode.Accepted  # every row ticked: mine

    monkeypatch.setattr(ConflictReviewDialog, "exec", choose_mine)
    postgres_server._pg_ctl("stop")
    try:
        type_over(qtbot, edit, "Payroll (mine)")
        window.processorPane.flush()  # the field is left: its save fails and is kept
        assert window.banner.isVisible() and window.status.pendingLabel.text() == "1 edit waiting for the server"
    finally:
        postgres_server._pg_ctl("start")
    # Before the window is back, someone else saves the same field, and another one.
    with RegisterStore.open(processor_url) as other:
        org = other.load().organizations[0]
        theirs = org.processor_activities[0]
        theirs.name, theirs.description = "Payroll (theirs)", "Changed by a colleague"
        other.save_processor_activity(org.id, theirs)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    assert reviewed == [[("name", "Payroll (theirs)", "Payroll (mine)")]]  # the field both changed, side by side
    saved = on_server(processor_url).organizations[0].processor_activities[0]
    assert saved.id == processing_id
    assert (saved.name, saved.description) == ("Payroll (mine)", "Changed by a colleague")  # theirs kept too

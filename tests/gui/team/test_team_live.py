"""Two windows on one team register: each sees the other's saves within a second, with who changed what."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import on_disk
from tests.gui.team.conftest import select_first

pytestmark = pytest.mark.postgres


def test_a_server_register_opens_with_its_role_in_the_title_and_status_bar(team_url: str, team_window: Any) -> None:
    window = team_window(team_url)
    assert "team register, postgres (administrator)" in window.windowTitle()
    assert "postgres (administrator)" in window.status.fileLabel.text()
    assert "postgresql://postgres@" in window.status.fileLabel.text()
    assert not window.session.read_only
    assert window.ui.actionNewActivity.isEnabled()


def test_an_edit_in_one_window_shows_in_the_other(team_url: str, team_window: Any, qtbot: Any) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    edit = first.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, "Paie du personnel")
    first.form.flush()
    assert on_disk(team_url, activity_id).name == "Paie du personnel"
    qtbot.waitUntil(lambda: second.form.ui.activityNameEdit.text() == "Paie du personnel", timeout=1000)
    assert second.session.activity(second.org_id, activity_id).name == "Paie du personnel"
    assert "postgres changed “" in second.statusBar().currentMessage()
    assert "Paie du personnel" in second.statusBar().currentMessage()
    row = second.list.proxy.mapToSource(second.ui.activityTable.currentIndex()).row()
    assert "Paie du personnel" in [second.list.model.index(row, c).data() for c in range(4)]
    assert first.statusBar().currentMessage() == ""  # one's own save is not announced as someone else's


def test_a_field_being_typed_keeps_the_users_text_when_another_field_changes(
    team_url: str, team_window: Any, qtbot: Any
) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    typing = second.form.ui.activityDescriptionEdit
    typing.setFocus()
    qtbot.keyClicks(typing, "typed in the second window")
    assert second.form.has_pending_edit()
    first.form.ui.activityNameEdit.clear()
    qtbot.keyClicks(first.form.ui.activityNameEdit, "Renamed in the first")
    first.form.flush()
    qtbot.waitUntil(lambda: second.form.ui.activityNameEdit.text() == "Renamed in the first", timeout=1000)
    assert typing.toPlainText().startswith("typed in the second window")
    second.form.flush()  # saved against the newer version, both changes kept, no conflict to review
    saved = on_disk(team_url, activity_id)
    assert saved.name == "Renamed in the first"
    assert saved.description.startswith("typed in the second window")


def test_a_reader_gets_a_read_only_window_that_says_why_and_keeps_saying_it(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any
) -> None:
    from ropa_desktop.storage.repository import RegisterStore
    from ropa_desktop.storage.roles import roles_sql

    with postgres_server.connect(team_url) as con:
        con.execute(roles_sql().encode())
        con.execute(b"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gui_reader') THEN "
                    b"CREATE ROLE gui_reader LOGIN IN ROLE ropa_reader; END IF; END $$")
    try:
        window = team_window(team_url.replace("postgres@", "gui_reader@"))
        assert window.session.read_only
        assert "team register, gui_reader (reader)" in window.windowTitle()
        why = "your role gui_reader may read this team register, not change it"
        assert window.readOnlyNote.isVisible() and why in window.readOnlyNote.text()
        assert not window.ui.actionNewActivity.isEnabled()
        assert "may read this team register, not change it" in window.ui.actionNewActivity.toolTip()
        assert not window.ui.actionImport.isEnabled()  # its import is refused before any file is chosen
        assert "may read this team register, not change it" in window.ui.actionImport.toolTip()
        select_first(window)
        assert window.form.ui.activityNameEdit.isReadOnly()
        with RegisterStore.open(team_url) as owner:  # someone else's save: its live message passes in the status bar
            org = owner.load().organizations[0]
            org.activities[1].name = "Renamed by the owner"
            owner.save_activity(org.id, org.activities[1])
        qtbot.waitUntil(lambda: "postgres changed" in window.statusBar().currentMessage(), timeout=5000)
        assert window.readOnlyNote.isVisible() and why in window.readOnlyNote.text()  # the reason still shows
        window.close()
    finally:
        with postgres_server.connect(team_url) as con:
            con.execute(b"DROP OWNED BY gui_reader")
            con.execute(b"DROP ROLE gui_reader")


def test_a_lost_server_leaves_the_window_read_only_keeps_the_edit_and_saves_it_when_back(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any
) -> None:
    window = team_window(team_url)
    activity_id = select_first(window)
    postgres_server._pg_ctl("stop")
    try:
        edit = window.form.ui.activityNameEdit
        edit.clear()
        qtbot.keyClicks(edit, "Typed while the server was away")
        window.form.flush()
        assert window.banner.isVisible()
        assert "your edit is kept and will be saved when it is back" in window.banner.text()
        assert window.session.read_only and not window.ui.actionNewActivity.isEnabled()
        assert edit.text() == "Typed while the server was away"  # nothing typed is lost
    finally:
        postgres_server._pg_ctl("start")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)
    assert on_disk(team_url, activity_id).name == "Typed while the server was away"
    assert not window.session.read_only and window.ui.actionNewActivity.isEnabled()


def test_text_being_typed_when_the_server_goes_away_is_saved_when_it_is_back(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.gui.form import record_form_base

    monkeypatch.setattr(record_form_base, "TYPING_IDLE_MS", 60_000)  # the text is still being typed, unsaved
    window = team_window(team_url)
    activity_id = select_first(window)
    edit = window.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, "Typed just before the server went away")
    assert window.form.has_pending_edit()
    postgres_server._pg_ctl("stop")
    try:
        qtbot.waitUntil(window.banner.isVisible, timeout=15_000)  # the window hears the loss on its own
        assert "your edit is kept and will be saved when it is back" in window.banner.text()
        assert edit.text() == "Typed just before the server went away"
    finally:
        postgres_server._pg_ctl("start")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    assert on_disk(team_url, activity_id).name == "Typed just before the server went away"
    assert edit.text() == "Typed just before the server went away"


def test_ctrl_z_after_an_edit_kept_while_the_server_was_away_undoes_exactly_that_edit(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    window = team_window(team_url)
    activity_id = select_first(window)
    original = on_disk(team_url, activity_id)
    edit = window.form.ui.activityNameEdit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Saved before the loss")
    window.form.flush()  # the field is left (as Tab or a click elsewhere does): that typing is one undo step
    assert on_disk(team_url, activity_id).name == "Saved before the loss"
    postgres_server._pg_ctl("stop")
    try:
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "Typed while the server was away")
        window.form.flush()
        assert window.banner.isVisible()
    finally:
        postgres_server._pg_ctl("start")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)
    assert on_disk(team_url, activity_id).name == "Typed while the server was away"
    window.ui.activityTable.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step: the lost edit only
    assert on_disk(team_url, activity_id).name == "Saved before the loss"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(team_url, activity_id).name == original.name


def test_two_visits_of_one_field_are_two_undo_steps(team_url: str, team_window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    window = team_window(team_url)
    activity_id = select_first(window)
    original = on_disk(team_url, activity_id).name
    edit = window.form.ui.activityNameEdit
    for text in ("First visit", "Second visit"):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # done with the field (as Tab or a click elsewhere)
    assert on_disk(team_url, activity_id).name == "Second visit"
    window.ui.actionUndo.trigger()  # Edit > Undo
    assert on_disk(team_url, activity_id).name == "First visit"  # one visit back, not two versions
    window.ui.actionUndo.trigger()
    assert on_disk(team_url, activity_id).name == original

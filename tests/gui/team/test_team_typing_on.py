"""Keys typed in a field after the window noticed the lost server are kept: the field stays writable until left."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import on_disk
from tests.gui.team.conftest import select_first

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_keys_typed_before_and_after_the_server_goes_away_are_all_saved_when_it_is_back(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any
) -> None:
    window = team_window(team_url)
    activity_id = select_first(window)
    edit = window.form.ui.activityNameEdit
    other = window.form.ui.activityOwnerDepartmentEdit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Typed before the loss, ")
    postgres_server._pg_ctl("stop")
    try:
        qtbot.waitUntil(window.banner.isVisible, timeout=15_000)  # the window hears the loss on its own
        assert window.session.read_only and not window.ui.actionNewActivity.isEnabled()
        assert not edit.isReadOnly()  # the field being typed in stays writable...
        assert other.isReadOnly()  # ...the others do not
        qtbot.keyClicks(edit, "and after it")
        assert edit.text() == "Typed before the loss, and after it"
        qtbot.keyClicks(other, "never typed")  # a field entered once read-only takes nothing
        assert "never typed" not in other.text()
        edit.setFocus()
        other.setFocus()  # the field is left: its text is kept for the server, and it turns read-only
        assert edit.isReadOnly()
        assert window.status.pendingLabel.text() == "1 edit waiting for the server"
        assert "your edit is kept and will be saved when it is back" in window.banner.text()
    finally:
        postgres_server._pg_ctl("start")
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    assert on_disk(team_url, activity_id).name == "Typed before the loss, and after it"  # the whole text
    assert edit.text() == "Typed before the loss, and after it"
    assert not edit.isReadOnly() and not other.isReadOnly()

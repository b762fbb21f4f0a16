"""Conflicts are never silent: a stale save opens the review with both values; undo never takes another's change."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ropa_desktop.gui.team.conflict import ConflictReviewDialog
from tests.builders import on_disk
from tests.gui.team.conftest import select_first

pytestmark = pytest.mark.postgres


def _answer_review(monkeypatch: pytest.MonkeyPatch, keep_mine: bool, seen: dict[str, Any]) -> None:
    """When the conflict review comes up: read what it shows, tick (mine) or untick (theirs) the field, save."""

    def answer(dialog: ConflictReviewDialog) -> int:
        dialog.show()
        item = dialog.tree.topLevelItem(0).child(0)
        seen.update(title=dialog.windowTitle(), field=item.text(1), theirs=item.text(2), mine=item.text(3),
                    headers=[dialog.tree.headerItem().text(c) for c in range(4)], summary=dialog.summary.text())
        item.setCheckState(0, Qt.CheckState.Checked if keep_mine else Qt.CheckState.Unchecked)
        dialog.accept_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ConflictReviewDialog, "exec", answer)


@pytest.fixture(autouse=True)
def slow_typist(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text being typed stays unsaved until the test flushes it (the form saves it after a pause otherwise)."""
    from ropa_desktop.gui.form import record_form_base

    monkeypatch.setattr(record_form_base, "TYPING_IDLE_MS", 60_000)
    # A review no test step expects is closed at once (keeping theirs), so that the test fails rather than hangs.
    monkeypatch.setattr(ConflictReviewDialog, "exec", lambda dialog: dialog.reject() or 0)


def _type(qtbot: Any, window: Any, text: str) -> None:
    """Replace the name by typing (sent to the field: each window keeps its own focus, as on two computers)."""
    edit = window.form.ui.activityNameEdit
    edit.clear()
    qtbot.keyClicks(edit, text)


@pytest.mark.parametrize("keep_mine", [True, False])
def test_the_same_field_typed_in_two_windows_is_reviewed_side_by_side(
    team_url: str, team_window: Any, qtbot: Any, keep_mine: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    _type(qtbot, second, "Second's name")  # still being typed when the first saves
    first.form.ui.activityDescriptionEdit.setPlainText("first's description")
    first.form.flush()  # as leaving the field does
    _type(qtbot, first, "First's name")
    first.form.flush()
    qtbot.waitUntil(lambda: second.session.activity(second.org_id, activity_id).name == "First's name", timeout=1000)
    assert second.form.ui.activityNameEdit.text() == "Second's name"  # the user's text is kept meanwhile
    seen: dict[str, Any] = {}
    _answer_review(monkeypatch, keep_mine, seen)
    second.form.flush()
    assert seen["headers"][2:] == ["Value saved by postgres", "Your value"]
    assert (seen["field"], seen["theirs"], seen["mine"]) == ("Name of the processing", "First's name", "Second's name")
    saved = on_disk(team_url, activity_id)
    assert saved.name == ("Second's name" if keep_mine else "First's name")
    assert saved.description == "first's description"  # the other field someone changed is never lost


def test_a_save_against_a_stale_version_is_merged_or_reviewed(
    team_url: str, team_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    second.team._drop_listener()  # the second has not heard of the first's save yet (it is on its way)
    _type(qtbot, first, "First's name")
    first.form.flush()
    qtbot.keyClicks(second.form.ui.activityOwnerDepartmentEdit, "Legal")
    second.form.flush()  # a field the first did not touch: merged without a question
    saved = on_disk(team_url, activity_id)
    assert (saved.name, saved.owner_department.endswith("Legal")) == ("First's name", True)
    second.team._drop_listener()
    _type(qtbot, first, "First's second name")
    first.form.flush()
    seen: dict[str, Any] = {}
    _answer_review(monkeypatch, True, seen)
    _type(qtbot, second, "Second's name")
    second.form.flush()
    assert (seen["theirs"], seen["mine"]) == ("First's second name", "Second's name")
    assert on_disk(team_url, activity_id).name == "Second's name"
    assert second.form.ui.activityNameEdit.text() == "Second's name"


def test_undo_takes_back_only_ones_own_edit_and_refuses_over_anothers(
    team_url: str, team_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    original = on_disk(team_url, activity_id)
    qtbot.keyClicks(first.form.ui.activityOwnerDepartmentEdit, "First")
    first.form.flush()
    _type(qtbot, first, "First's name")
    first.form.flush()
    qtbot.waitUntil(lambda: second.form.ui.activityNameEdit.text() == "First's name", timeout=1000)
    _type(qtbot, second, "Second's name")
    second.form.flush()
    qtbot.waitUntil(lambda: first.form.ui.activityNameEdit.text() == "Second's name", timeout=1000)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    first.ui.actionUndo.trigger()  # the name: the second has changed it since
    assert said and "someone else has changed “Name of the processing” since your edit" in said[0]
    assert on_disk(team_url, activity_id).name == "Second's name"
    first.ui.actionUndo.trigger()  # the department: still the first's own
    saved = on_disk(team_url, activity_id)
    assert (saved.name, saved.owner_department) == ("Second's name", original.owner_department)

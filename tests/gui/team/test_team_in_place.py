"""Others' writes land in place (no whole reload), wait for the field the user is in, and none is missed at opening."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from ropa_desktop.domain.model import Activity, Recipient
from ropa_desktop.storage.repository import RegisterStore
from tests.gui.team.conftest import select_first

pytestmark = pytest.mark.postgres


def _no_whole_reload(window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        pytest.fail("the whole register was read again for one row")

    monkeypatch.setattr(window.session, "reload", refuse)


def test_an_organisation_a_recipient_and_new_or_deleted_activities_are_applied_in_place(
    team_url: str, team_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = team_window(team_url)
    _no_whole_reload(window, monkeypatch)
    org_id = window.org_id
    with RegisterStore.open(team_url) as other:
        register = other.load()
        org = register.organization(org_id)
        assert org is not None
        org.name = "Renamed elsewhere"
        other.save_organization(org)
        qtbot.waitUntil(lambda: window.ui.organizationSelector.currentText() == "Renamed elsewhere", timeout=1000)
        assert window.session.organization(org_id).name == "Renamed elsewhere"
        assert len(window.session.organization(org_id).activities) == len(org.activities)

        recipient = Recipient(name="Cabinet comptable Durand")
        other.save_recipient(org_id, recipient)
        qtbot.waitUntil(lambda: window.session.organization(org_id).recipient(recipient.id) is not None,
                        timeout=1000)
        assert window.session.organization(org_id).recipient(recipient.id).name == "Cabinet comptable Durand"

        added = Activity(reference="ZZ-99", name="Added in another window")
        other.save_activity(org_id, added)
        qtbot.waitUntil(lambda: window.session.activity(org_id, added.id) is not None, timeout=1000)
        shown = [window.list.model.index(r, c).data() for r in range(window.list.model.rowCount()) for c in range(4)]
        assert "Added in another window" in shown
        assert "added in another window" in window.statusBar().currentMessage().lower()

        gone = org.activities[0].id
        other.delete_activity(gone)
        qtbot.waitUntil(lambda: window.session.activity(org_id, gone) is None, timeout=1000)
        assert window.list.model.row_of(gone) is None


def test_a_live_update_waits_for_the_field_the_user_is_in(
    team_url: str, team_window: Any, qtbot: Any
) -> None:
    first, second = team_window(team_url), team_window(team_url)
    activity_id = select_first(first)
    select_first(second)
    name = second.form.ui.activityNameEdit
    before = name.text()
    name.setFocus()  # selected, about to type: nothing typed yet
    qtbot.waitUntil(name.hasFocus, timeout=1000)
    first.form.ui.activityNameEdit.clear()
    qtbot.keyClicks(first.form.ui.activityNameEdit, "Renamed in the first")
    first.form.flush()
    qtbot.waitUntil(lambda: second.session.activity(second.org_id, activity_id).name == "Renamed in the first",
                    timeout=1000)
    assert name.text() == before  # the field under the user's cursor did not change under it
    assert name.property("contested")
    assert "Someone else changed this field" in name.toolTip()
    qtbot.keyClick(name, Qt.Key.Key_Tab)  # left untouched: theirs shows
    qtbot.waitUntil(lambda: name.text() == "Renamed in the first", timeout=1000)
    assert not name.property("contested")


def test_a_write_between_the_windows_load_and_its_listen_is_not_missed(
    team_url: str, team_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.gui.team import live

    with RegisterStore.open(team_url) as store:
        register = store.load()
    activity = register.organizations[0].activities[0]
    listen = live.TeamLink._listen

    def write_then_listen(link: Any) -> None:
        with RegisterStore.open(team_url) as other:  # another client writes after the load, before the LISTEN
            other.load()
            changed = other.load_activity(activity.id)
            changed.name = "Written while the window opened"
            other.save_activity(register.organizations[0].id, changed)
        listen(link)

    monkeypatch.setattr(live.TeamLink, "_listen", write_then_listen)
    window = team_window(team_url)
    assert window.session.activity(register.organizations[0].id, activity.id).name == \
        "Written while the window opened"
    assert "changed while it was opening" in window.statusBar().currentMessage()

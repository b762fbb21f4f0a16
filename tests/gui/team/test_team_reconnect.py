"""Back from a lost server, the window reads only what others changed meanwhile, not the whole register."""

from __future__ import annotations

from typing import Any

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.gui.team.conftest import select_first

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_what_others_saved_while_the_server_was_away_is_read_in_place_without_a_full_reload(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = team_window(team_url)
    select_first(window)
    reloads: list[int] = []
    full = window.session.reload
    monkeypatch.setattr(window.session, "reload", lambda *a, **k: (reloads.append(1), full(*a, **k))[1])
    postgres_server._pg_ctl("stop")
    try:
        qtbot.waitUntil(window.banner.isVisible, timeout=15_000)
        window.team._retry.stop()  # the window waits while a colleague saves, once the server is back
    finally:
        postgres_server._pg_ctl("start")
    with RegisterStore.open(team_url) as other:
        org = other.load().organizations[0]
        org.activities[1].name = "Renamed while you were away"
        other.save_activity(org.id, org.activities[1])
        other.delete_activity(org.activities[2].id)
        renamed, deleted = org.activities[1].id, org.activities[2].id
    window.team._try_reconnect()
    assert not window.banner.isVisible() and not window.session.read_only
    assert reloads == []  # two rows read, not the register
    assert window.session.activity(org.id, renamed).name == "Renamed while you were away"
    assert window.session.activity(org.id, deleted) is None
    message = window.statusBar().currentMessage()
    assert message.startswith("Connected to the server again. Changed while the server was away: ")
    assert "Renamed while you were away" in message

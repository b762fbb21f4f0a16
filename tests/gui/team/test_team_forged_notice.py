"""A notification's payload is never taken at its word: the window reads the version and who from the server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.gui.team.conftest import select_first
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


def _notify(server: PostgresServer, url: str, payload: dict[str, Any], *, sql: str = "") -> None:
    """psql: an optional statement, then a NOTIFY on the application's channel with the words given."""
    with server.connect(url) as con, con.transaction():
        if sql:
            con.execute(sql)
        con.execute("SELECT pg_notify('ropa_changes', %s)", (json.dumps(payload),))


def test_a_forged_notification_says_nothing_and_a_real_change_names_the_server_s_role(
        team_url: str, team_window: Any, postgres_server: PostgresServer, qtbot: Any) -> None:
    window = team_window(team_url)
    activity_id = select_first(window)
    version = window.session.store.version("activity", activity_id)
    _notify(postgres_server, team_url, {"entity": "activity", "id": activity_id, "version": 99, "role": "alice"})
    qtbot.wait(1200)  # a real notice is shown within a second
    assert window.statusBar().currentMessage() == ""
    assert window.session.store.version("activity", activity_id) == version
    # A real change (the superuser's, in psql) announced with forged words: the server's audit line names who.
    _notify(postgres_server, team_url, {"entity": "activity", "id": activity_id, "version": 99, "role": "alice"},
            sql=f"UPDATE activities SET name = 'Renamed in psql' WHERE id = '{activity_id}'")
    qtbot.waitUntil(lambda: window.form.ui.activityNameEdit.text() == "Renamed in psql", timeout=2000)
    said = window.statusBar().currentMessage()
    assert said.startswith("postgres changed"), said
    assert "alice" not in said


def test_a_record_deleted_in_psql_leaves_the_list_and_its_id_cannot_be_changed_instead(
        team_url: str, team_window: Any, postgres_server: PostgresServer, qtbot: Any) -> None:
    import psycopg

    window = team_window(team_url)
    select_first(window)
    org = window.session.organization(window.org_id)
    count, gone = len(org.activities), org.activities[1]
    assert window.list.model.rowCount() == count
    with postgres_server.connect(team_url) as con:
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation):  # (0014: two rows for one record, no more)
            con.execute("UPDATE activities SET id = 'mal-2' WHERE id = %s", (gone.id,))
        con.execute("DELETE FROM activities WHERE id = %s", (gone.id,))
    qtbot.waitUntil(lambda: window.list.model.rowCount() == count - 1, timeout=2000)
    assert gone.id not in {a.id for a in window.session.organization(window.org_id).activities}
    assert "postgres deleted" in window.statusBar().currentMessage()

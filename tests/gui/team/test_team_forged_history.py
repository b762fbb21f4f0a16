"""The history view of an activity whose last line a psql session forged: the server's record, said to differ."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ropa_desktop.gui.history_dialog import HistoryDialog
from ropa_desktop.gui.i18n import install_language
from ropa_desktop.storage import mapping as m
from tests.gui.team.conftest import select_first
from tests.postgres.pg_server import PostgresServer

_LINE = """INSERT INTO audit_log (at, "user", action, entity, entity_id, before, after)
           VALUES ('', '', 'update', 'activity', %s, %s, %s)"""
_DIFFERS = {"en": "differs from what the server recorded", "fr": "diffère de ce que le serveur a enregistré"}


def _forge(url: str, server: PostgresServer, activity: Any) -> None:
    """psql under the application's mark: a line saying "tools: harmless", then the real change."""
    picture = m.snapshot(activity)
    claimed = dict(picture, notes="tools: harmless")
    with server.connect(url) as con, con.transaction():
        con.execute("SET LOCAL ropa.app = 'on'")
        con.execute(_LINE, (activity.id, json.dumps(picture, default=str), json.dumps(claimed, default=str)))
        con.execute("UPDATE activities SET description = 'Sold to data brokers' WHERE id = %s", (activity.id,))


def _newest(window: Any, qtbot: Any) -> list[tuple[str, str, str]]:
    """Click the form's "History…" button; the newest event's rows as shown."""
    QTest.mouseClick(window.form.findChild(object, "historyButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
    dialog = window.findChild(HistoryDialog)
    head = dialog.tree.topLevelItem(0)
    rows = [(head.child(i).text(0), head.child(i).text(1), head.child(i).text(2)) for i in range(head.childCount())]
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is None, timeout=3000)
    return rows


def test_a_forged_line_shows_the_server_s_record_and_says_so(
        team_window: Callable[[str], Any], team_url: str, postgres_server: PostgresServer, qtbot: Any) -> None:
    window = team_window(team_url)
    activity_id = select_first(window)
    activity = window.session.organization(window.org_id).activity(activity_id)
    _forge(team_url, postgres_server, activity)
    for lang, description in (("en", "Description"), ("fr", "Description")):
        install_language(lang)
        rows = _newest(window, qtbot)
        assert _DIFFERS[lang] in rows[0][0], rows
        shown = {label: (old, new) for label, old, new in rows[1:]}
        assert any(label.startswith(description) and new == "Sold to data brokers"
                   for label, (_, new) in shown.items()), rows
        assert not any("harmless" in new for _, new in shown.values()), rows
    install_language("en")


def test_a_forged_deleted_line_with_a_name_reads_changed_by_the_role_only(
        team_window: Callable[[str], Any], team_url: str, postgres_server: PostgresServer, qtbot: Any) -> None:
    window = team_window(team_url)
    activity_id = select_first(window)
    picture = json.dumps(m.snapshot(window.session.organization(window.org_id).activity(activity_id)), default=str)
    with postgres_server.connect(team_url) as con, con.transaction():
        con.execute("SET LOCAL ropa.app = 'on'")
        con.execute("""INSERT INTO audit_log (at, "user", display_name, action, entity, entity_id, before, after)
                       VALUES ('', '', 'Alice Martin', 'delete', 'activity', %s, %s, NULL)""", (activity_id, picture))
        con.execute("UPDATE activities SET description = 'Sold to data brokers' WHERE id = %s", (activity_id,))
    for lang, changed, deleted in (("en", "changed 1 field", "deleted"), ("fr", "1 champ modifié", "supprimé")):
        install_language(lang)
        QTest.mouseClick(window.form.findChild(object, "historyButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
        dialog = window.findChild(HistoryDialog)
        head = dialog.tree.topLevelItem(0).text(0)
        note = dialog.tree.topLevelItem(0).child(0).text(0)
        dialog.close()
        dialog.deleteLater()
        qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is None, timeout=3000)
        assert head.endswith(f"· postgres · {changed}"), head
        assert deleted not in head and "Alice" not in head, head
        assert _DIFFERS[lang] in note, note
    install_language("en")

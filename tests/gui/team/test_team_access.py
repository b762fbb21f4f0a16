"""Row-level security withdrawing an organisation while its correspondent types: said as such, nothing lost."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from ropa_desktop.storage.roles import roles_sql
from tests.builders import on_disk
from tests.gui.team.conftest import select_first

pytestmark = pytest.mark.postgres


def test_a_save_after_access_was_withdrawn_says_so_and_keeps_the_typed_text(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with postgres_server.connect(team_url) as con:
        con.execute(roles_sql(row_security=True).encode())
        con.execute(b"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gui_corr') THEN "
                    b"CREATE ROLE gui_corr LOGIN IN ROLE ropa_editor; END IF; END $$")
        org_id = con.execute(b"SELECT id FROM organizations ORDER BY position LIMIT 1").fetchone()[0]
        con.execute("INSERT INTO ropa_access VALUES ('gui_corr', %s)", (org_id,))
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *_a: said.append((title, text)))
    window = None
    try:
        window = team_window(team_url.replace("postgres@", "gui_corr@"))
        activity_id = select_first(window)
        before = on_disk(team_url, activity_id)
        edit = window.form.ui.activityNameEdit
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "Typed before the withdrawal")
        with postgres_server.connect(team_url) as con:
            con.execute(b"DELETE FROM ropa_access WHERE role_name = 'gui_corr'")
        window.form.flush()
        assert said, "the refused save said nothing"
        title, text = said[-1]
        assert title == "Access withdrawn"
        assert "Your access to" in text and "was withdrawn" in text
        assert "Typed before the withdrawal" in text  # what the user typed is given back to copy
        assert "deleted “" not in text
        assert on_disk(team_url, activity_id) == before  # the owner still has it, unchanged, not deleted
    finally:
        if window is not None:
            window.close()  # its connections go before the role does
        with postgres_server.connect(team_url) as con:
            con.execute(b"DROP OWNED BY gui_corr")
            con.execute(b"DROP ROLE gui_corr")


def test_an_import_naming_an_organisation_out_of_reach_is_refused_in_one_message(
    team_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any
) -> None:
    """The whole register's export imported by a correspondent: refused by name, not reviewed as "deleted"."""
    from PySide6.QtWidgets import QFileDialog

    from ropa_desktop.gui.import_review import ImportReviewDialog
    from ropa_desktop.storage.repository import RegisterStore
    from tests.cli_helpers import cli

    with RegisterStore.open(team_url, read_only=True) as owner:
        everything, lines = owner.load(), len(owner.audit_log())
    source = tmp_path / "all.json"  # the register's own export: it names the register and its records' versions
    assert cli("export", "--db", team_url, "--format", "json", "--output", source, home=tmp_path).returncode == 0
    with postgres_server.connect(team_url) as con:
        con.execute(roles_sql(row_security=True).encode())
        con.execute(b"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gui_corr') THEN "
                    b"CREATE ROLE gui_corr LOGIN IN ROLE ropa_editor; END IF; END $$")
        con.execute("INSERT INTO ropa_access VALUES ('gui_corr', %s)", (everything.organizations[1].id,))
    refused: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text, *_a: refused.append((title, text)))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda _dialog: pytest.fail("reviewed, not refused"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window = None
    try:
        window = team_window(team_url.replace("postgres@", "gui_corr@"))
        window.ui.actionImport.trigger()
        qtbot.waitUntil(lambda: bool(refused), timeout=10_000)
        title, text = refused[0]
        hidden = everything.organizations[0].name
        assert title == "Import"
        assert text == ("The file cannot be imported: Your role may not change the organisation "
                        f"'{hidden}' (it is not one entrusted to it): nothing was imported.")
    finally:
        if window is not None:
            window.close()
        with postgres_server.connect(team_url) as con:
            con.execute(b"DROP OWNED BY gui_corr")
            con.execute(b"DROP ROLE gui_corr")
    with RegisterStore.open(team_url, read_only=True) as owner:
        assert owner.load() == everything and len(owner.audit_log()) == lines

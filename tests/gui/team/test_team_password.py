"""File > Open team register… against a real password check (scram-sha-256 on TCP): wrong asks again, right opens."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.pg_server import SUPERUSER, PostgresServer, find_bindir

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PASSWORD = "correct horse battery"


class PasswordServer(PostgresServer):
    """The suite's server, but checking passwords (scram-sha-256) on TCP; the socket stays trusted for the setup."""

    def __init__(self, bindir: Any) -> None:
        super().__init__(bindir)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]

    def start(self) -> None:
        self._run(self.bindir / "initdb", "-D", self.data, "-U", SUPERUSER, "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self._pg_ctl("start")

    def _pg_ctl(self, action: str) -> None:
        options = (f"-k {self.socket_dir} -c listen_addresses=127.0.0.1 -p {self.port} -c max_connections=20 "
                   "-c shared_buffers=16MB")
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-m", "fast",
                  "-o", options, action)

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, dbname=database, user=SUPERUSER,
                             autocommit=True) as con:
            con.execute(statement.encode())


@pytest.fixture
def password_server() -> Iterator[PasswordServer]:
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found (Debian package postgresql)")
    server = PasswordServer(bindir)
    server.start()
    try:
        server.sql(f"CREATE ROLE alice LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        server.sql("CREATE DATABASE team")
        with RegisterStore.open(f"postgresql://postgres@/team?host={server.socket_dir}&port={server.port}",
                                create=True) as store:
            store.write_register(synthetic_register(4, organizations=1))
        yield server
    finally:
        server.stop()


def _answer_dialog(qtbot: Any, password: str, seen: list[str]) -> None:
    """When the dialog shows: note its error line, type the password and press Open."""
    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if w.objectName() == "openTeamDialog" and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.error.text())
        dialog.passwordEdit.clear()
        qtbot.keyClicks(dialog.passwordEdit, password)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open).click()

    QTimer.singleShot(20, answer)


def test_a_wrong_password_says_so_and_asks_again_and_the_right_one_opens_the_register(
    password_server: PasswordServer, team_url: str, team_window: Any, qtbot: Any,
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ropa_desktop.gui import application, settings

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: boxes.append(text))

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    window = team_window(team_url)
    url = f"postgresql://alice@127.0.0.1:{password_server.port}/team"
    settings.set_value("team/lastUrl", url)
    opened: list[Any] = []
    build = application.build_main_window
    monkeypatch.setattr(application, "build_main_window", lambda *a, **k: opened.append(build(*a, **k)) or opened[-1])
    seen: list[str] = []
    _answer_dialog(qtbot, "wrong password", seen)
    QTimer.singleShot(300, lambda: _answer_dialog(qtbot, PASSWORD, seen))  # the dialog comes back: the right one
    window.actionOpenTeamRegister.trigger()
    qtbot.waitUntil(lambda: len(opened) == 1 or bool(boxes), timeout=20_000)
    assert not boxes, boxes
    second = opened[0]
    qtbot.addWidget(second)
    try:
        assert len(seen) == 2
        assert seen[0] == ""
        error = seen[1]
        assert error and "\n" not in error, "one clear line"
        assert "password" in error.lower() and "alice" in error
        assert "team register, alice (administrator)" in second.windowTitle()
        assert len(second.session.register.organizations) == 1
        stored = " ".join(str(settings.settings().value(k)) for k in settings.settings().allKeys())
        assert PASSWORD not in stored and "wrong password" not in stored  # never in the settings
        assert PASSWORD not in " ".join(os.environ.values())  # nor in the environment
    finally:
        second.close()


def test_a_refused_password_is_a_login_error_in_one_translated_line_not_a_lost_server(
    password_server: PasswordServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from ropa_desktop.storage.errors import StorageError
    from ropa_desktop.storage.server import connect_direct, parse_server_url, remember_password
    from tests.cli_helpers import cli, refused

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setenv("PGPASSWORD", "wrong password")
    url = f"postgresql://alice@127.0.0.1:{password_server.port}/team"
    location = parse_server_url(url)
    # libpq's refusal at connect time carries no SQLSTATE: the message tells it apart from a lost server.
    for attempt in (lambda: connect_direct(location).close(), lambda: RegisterStore.open(url).close()):
        with pytest.raises(StorageError) as raised:
            attempt()
        assert raised.value.code == "server_login"
        for lang, words in (("en", "refused the login"), ("fr", "Connexion refusée")):
            said = raised.value.message(lang)
            assert words in said and "\n" not in said and "alice" in said
    remember_password(location, PASSWORD)  # the right one, typed in the window: the same address opens
    try:
        connect_direct(location).close()
    finally:
        remember_password(location, "")
    for lang, words in (("en_GB.UTF-8", "refused the login"), ("fr_FR.UTF-8", "Connexion refusée")):
        line = refused(cli("check", "--db", url, home=tmp_path, lang=lang))  # exit 2, one line
        assert words in line and PASSWORD not in line and "wrong password" not in line

"""The main window's team register hooks: live link, lost-connection banner and read-only state, opening one."""

from __future__ import annotations

from typing import Any  # the MainWindow, typed Any: importing it here would be an import circle

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ...storage.errors import StorageError
from ...storage.server import connect_direct, parse_server_url, remember_password
from ..i18n import current_language
from .live import ConnectionBanner, TeamLink
from .open_dialog import OpenTeamDialog
from .roles import server_away_reason


def setup(window: Any) -> TeamLink:
    """Live refresh and the banner of a window on a server; what was written while it opened is read at once."""
    window.banner = ConnectionBanner(window)
    window.ui.centralLayout.insertWidget(0, window.banner)
    window.readOnlyNote = read_only_note(window)
    window.ui.centralLayout.insertWidget(1, window.readOnlyNote)
    team = TeamLink(window.editing, window)
    window.team = team
    team.remoteChanged.connect(window.status.announce)
    team.pendingChanged.connect(window.status.pending)
    team.pendingChanged.connect(lambda count: window.banner.show_lost(True) if count and not team.online else None)
    team.connectionChanged.connect(lambda online: connection_changed(window, online))
    if team.online:
        team.catch_up()  # LISTEN came after the window's load: a write in between is read now
    else:
        connection_changed(window, False)
    return team


def connection_changed(window: Any, online: bool) -> None:
    """The banner and the read-only state follow the server; the text being typed is kept for it."""
    team = window.team
    assert team is not None
    session = window.session
    reason = server_away_reason()
    if online:
        window.banner.hide()
        if session.read_only_reason == reason:
            session.read_only_reason = ""
        back = QCoreApplication.translate("MainWindow", "Connected to the server again.")
        said = window.statusBar().currentMessage()  # what saving the kept edits said (a record deleted...) stays
        window.status.announce(f"{back} {said}" if said else back)
    else:
        # The text being typed is saved now, while the window still may: the lost server keeps it pending
        # and it is saved when the server is back. A read-only form would drop it.
        window.form.flush()
        window.processorPane.flush()
        if not session.read_only_reason:
            session.read_only_reason = reason
    window.set_read_only(session.read_only)
    if not online:
        window.banner.show_lost(team.has_pending())


def read_only_note(window: Any) -> QLabel:
    """Why this window may not change the register (a reader's role...): shown above it while that holds."""
    note = QLabel(window)
    note.setObjectName("readOnlyNote")
    note.setWordWrap(True)  # a long reason wraps: it never sets the window's minimum width
    note.setStyleSheet("QLabel#readOnlyNote { background: #e8f0fe; color: #1a3c6e; padding: 4px 6px; "
                       "border: 1px solid #a8c1ec; }")
    note.hide()
    return note


def open_team_register(window: Any) -> None:
    """File > Open team register…: the address and the password (kept in memory only), then a new window.

    A password the server refuses is said in one line in the dialog, which asks again (the address kept).
    """
    dialog = OpenTeamDialog(window)
    while dialog.exec():
        refusal = login_refused(dialog.url())
        if refusal:
            dialog.error.setText(refusal)
            continue
        if window.opener is not None:
            window.opener(dialog.url(), False)
        return


def login_refused(url: str) -> str:
    """Try the login alone: the server's refusal in one line ("" when it lets the role in, or fails otherwise).

    A refused password is forgotten at once; any other failure is left to the window's opening to explain.
    """
    try:
        location = parse_server_url(url)
    except StorageError as error:
        return error.message(current_language())
    try:
        connect_direct(location).close()
    except StorageError as error:
        if not _is_login_refusal(error):
            return ""
        remember_password(location, "")
        return " ".join(error.message(current_language()).split())
    return ""


def _is_login_refusal(error: StorageError) -> bool:
    """A refused login (the server's SQLSTATE 28, or libpq's refusal at connect time, which has none)."""
    return error.code == "server_login"

"""The main window's team register hooks: live link, lost-connection banner and read-only state, opening one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .live import ConnectionBanner, TeamLink
from .open_dialog import OpenTeamDialog

if TYPE_CHECKING:
    from ..main_window import MainWindow


def setup(window: MainWindow) -> TeamLink:
    """Live refresh and the banner of a window on a server; what was written while it opened is read at once."""
    window.banner = ConnectionBanner(window)
    window.ui.centralLayout.insertWidget(0, window.banner)
    team = TeamLink(window.editing, window)
    window.team = team
    team.remoteChanged.connect(window.status.announce)
    team.connectionChanged.connect(lambda online: connection_changed(window, online))
    if team.online:
        team.catch_up()  # LISTEN came after the window's load: a write in between is read now
    else:
        connection_changed(window, False)
    return team


def connection_changed(window: MainWindow, online: bool) -> None:
    """The banner and the read-only state follow the server; the text being typed is kept for it."""
    team = window.team
    assert team is not None
    session = window.session
    reason = QCoreApplication.translate("MainWindow", "Read-only while the server is away.")
    if online:
        window.banner.hide()
        if session.read_only_reason == reason:
            session.read_only_reason = ""
        window.status.announce(QCoreApplication.translate("MainWindow", "Connected to the server again."))
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


def open_team_register(window: MainWindow) -> None:
    """File > Open team register…: the address and the password (kept in memory only), then a new window."""
    dialog = OpenTeamDialog(window)
    if dialog.exec() and window.opener is not None:
        window.opener(dialog.url(), False)

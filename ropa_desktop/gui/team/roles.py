"""What a team register's role may do, in the window's words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from ...storage.server import ADMINISTRATOR_KIND, EDITOR_KIND, Privileges


def kind_name(privileges: Privileges) -> str:
    """The role's kind as people read it (reader, editor, administrator)."""
    names = {
        EDITOR_KIND: QCoreApplication.translate("Team", "editor"),
        ADMINISTRATOR_KIND: QCoreApplication.translate("Team", "administrator"),
    }
    return names.get(privileges.kind, QCoreApplication.translate("Team", "reader"))


def who(privileges: Privileges) -> str:
    """"alice (editor)": who this window works as on the server."""
    return f"{privileges.role} ({kind_name(privileges)})"


def reader_reason(privileges: Privileges) -> str:
    """Why a reader's window is read-only (status bar, disabled actions' tooltips)."""
    return QCoreApplication.translate(
        "Team", "Read-only: your role %1 may read this team register, not change it (ask its administrator)."
    ).replace("%1", privileges.role)


# The window's edit actions a read-only window disables (their tooltips then say why).
EDIT_ACTIONS = ("actionNewActivity", "actionDuplicateActivity", "actionDeleteActivity", "actionImport",
                "actionNewOrganization", "actionEditOrganization", "actionRenameOrganization",
                "actionDuplicateOrganization", "actionDeleteOrganization")


def server_away_reason() -> str:
    """Why a window whose server is away is read-only (the banner says it; the reason note does not repeat it)."""
    return QCoreApplication.translate("MainWindow", "Read-only while the server is away.")


def explain_disabled(window: QObject, reason: str) -> None:
    """Each edit action's tooltip: its own text, and when the window is read-only, why; the reason note too."""
    note = getattr(window, "readOnlyNote", None)
    if isinstance(note, QLabel):  # a line by the banner, never covered by the status bar's passing messages
        note.setText(reason)
        note.setVisible(bool(reason) and reason != server_away_reason())
    for name in EDIT_ACTIONS:
        action = getattr(window, name, None) or getattr(getattr(window, "ui", None), name, None)
        if not isinstance(action, QAction):
            continue
        plain = action.text().replace("&", "")
        action.setToolTip(f"{plain} — {reason}" if reason else plain)

"""File > Open team register…: the server's URL (never a password in it) and, if needed, a password kept in memory."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...storage.errors import StorageError
from ...storage.server import parse_server_url, remember_password
from .. import settings
from ..i18n import current_language


class OpenTeamDialog(QDialog):
    """Asks for ``postgresql://user@host/database``; the password field is optional (PGPASSWORD, ~/.pgpass)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openTeamDialog")
        self.setWindowTitle(self.tr("Open a team register"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "A register shared on a PostgreSQL server. Its administrator gives you the address; "
            "every change you make is saved on the server and seen by the others at once."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.urlEdit = QLineEdit(self)
        self.urlEdit.setObjectName("teamUrlEdit")
        self.urlEdit.setPlaceholderText("postgresql://user@host/database")
        self.urlEdit.setText(str(settings.settings().value("team/lastUrl", "") or ""))
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("teamPasswordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passwordEdit.setPlaceholderText(self.tr("from PGPASSWORD or ~/.pgpass when left empty"))
        form.addRow(self.tr("Server address:"), self.urlEdit)
        form.addRow(self.tr("Password:"), self.passwordEdit)
        layout.addLayout(form)
        note = QLabel(self.tr("The password is kept in memory while the register is open, never saved."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = QLabel(self)
        self.error.setObjectName("teamUrlError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def url(self) -> str:
        return self.urlEdit.text().strip()

    def accept(self) -> None:
        """Vet the address (a password typed in it is refused: it would end up in settings and histories)."""
        try:
            location = parse_server_url(self.url())
        except StorageError as error:
            self.error.setText(error.message(current_language()))
            return
        if not self.url().lower().startswith(("postgresql://", "postgres://")):
            self.error.setText(self.tr("The address starts with postgresql://"))
            return
        remember_password(location, self.passwordEdit.text())
        self.passwordEdit.clear()
        settings.set_value("team/lastUrl", location.shown)  # without a password: it never has one
        super().accept()

"""The preferences dialog: the interface language, applied at once, and the name the history gives."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QWidget

from ..generated.ui_preferences_dialog import Ui_PreferencesDialog

LANGUAGE_NAMES = (("fr", "Français"), ("en", "English"))  # each language named in itself, never translated


class PreferencesDialog(QDialog):
    """Choose the language and display name; ``language()`` and ``display_name()`` are the choices once accepted."""

    def __init__(self, language: str, parent: QWidget | None = None, display_name: str = "") -> None:
        super().__init__(parent)
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        for code, name in LANGUAGE_NAMES:
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(max(0, self.ui.languageCombo.findData(language)))
        self.ui.displayNameEdit.setText(display_name)

    def display_name(self) -> str:
        return " ".join(self.ui.displayNameEdit.text().split())

    def language(self) -> str:
        return str(self.ui.languageCombo.currentData())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)  # type: ignore[no-untyped-call]
        super().changeEvent(event)

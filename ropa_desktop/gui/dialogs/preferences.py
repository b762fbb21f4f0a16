"""The preferences dialog: the interface language, applied at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QWidget

from ..generated.ui_preferences_dialog import Ui_PreferencesDialog

LANGUAGE_NAMES = (("fr", "Français"), ("en", "English"))  # each language named in itself, never translated


class PreferencesDialog(QDialog):
    """Choose the language; ``language()`` is the choice once accepted."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]
        for code, name in LANGUAGE_NAMES:
            self.ui.languageCombo.addItem(name, code)
        self.ui.languageCombo.setCurrentIndex(max(0, self.ui.languageCombo.findData(language)))

    def language(self) -> str:
        return str(self.ui.languageCombo.currentData())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)  # type: ignore[no-untyped-call]
        super().changeEvent(event)

"""The UI language: Qt translators (qtbase first, then ours) and the language domain labels are shown in."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("fr", "en")
_state = {"lang": "fr"}
_installed: list[QTranslator] = []


def current_language() -> str:
    """The language ("fr" or "en") vocabulary and field labels are shown in."""
    return _state["lang"]


def system_language() -> str:
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def _bare_c_locale() -> bool:
    """The process runs under C, C.UTF-8 or POSIX: Qt calls it English but gives it dates like "1 03 2024"."""
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value.split(".")[0] in ("C", "POSIX")
    return True


def ui_locale_for(lang: str) -> QLocale:
    """The locale dates and numbers follow in ``lang``.

    The system's own variant when it speaks ``lang`` (a Canadian French or a US English system keeps its
    formats), else France's French or British English.
    """
    system = QLocale.system()
    wanted = QLocale.Language.French if lang == "fr" else QLocale.Language.English
    if system.language() == wanted and not _bare_c_locale():
        return system
    if lang == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def translations_dir() -> Path:
    return Path(str(resources.files("ropa_desktop") / "resources" / "translations"))


def install_language(lang: str) -> None:
    """Switch the application's language; widgets retranslate on the LanguageChange event Qt sends."""
    lang = lang if lang in LANGUAGES else "en"
    _state["lang"] = lang
    # Dates, numbers, calendars and Qt's own dialogs follow the UI language.
    QLocale.setDefault(ui_locale_for(lang))
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # The sources are in English: English needs only our plural forms ("1 finding", "2 findings").
    catalogues = [(f"ropa_desktop_{lang}", str(translations_dir()))]
    if lang != "en":
        catalogues.insert(0, (f"qtbase_{lang}", qt_dir))
    for name, directory in catalogues:
        translator = QTranslator(app)
        if translator.load(name, directory):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    if not _installed:
        # Removing the last translator still has to tell widgets to go back to English.
        probe = QTranslator(app)
        QCoreApplication.installTranslator(probe)
        QCoreApplication.removeTranslator(probe)
    # Qt posts LanguageChange events; delivering them now makes the switch visible before this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

"""Settings kept between runs (geometry, splitter, recent files, language, display name) in the per-user config dir."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from ..storage.paths import config_dir

MAX_RECENT = 8


def settings() -> QSettings:
    """The settings file (``ROPA_DESKTOP_CONFIG`` overrides the directory,

    So tests never touch the real home).
    """
    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def language(default: str) -> str:
    value = settings().value("language", default)
    return value if value in ("fr", "en") else default


def set_language(lang: str) -> None:
    settings().setValue("language", lang)


def display_name() -> str:
    """The name the audit log gives beside the account (empty: the account alone)."""
    value = settings().value("display_name", "")
    return " ".join(value.split())[:120] if isinstance(value, str) else ""


def set_display_name(name: str) -> None:
    settings().setValue("display_name", " ".join(name.split())[:120])


def recent_files() -> list[Path]:
    value = settings().value("recentFiles", [])
    items: list[object] = (
        [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    )
    return [Path(str(p)) for p in items if p]


def add_recent_file(path: Path) -> list[Path]:
    paths = [path.resolve(), *(p for p in recent_files() if p != path.resolve())][:MAX_RECENT]
    settings().setValue("recentFiles", [str(p) for p in paths])
    return paths


def bytes_value(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) else None


def set_value(key: str, value: object) -> None:
    settings().setValue(key, value)


def restore_window(splitter: QSplitter, header: QHeaderView, window: QWidget) -> None:
    """Geometry, splitter and list columns as the user left them (sensible defaults the first time)."""
    geometry = bytes_value("mainWindow/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = bytes_value("mainWindow/splitter")
    if state is None or not splitter.restoreState(state):
        splitter.setSizes([int(window.width() * 0.38), int(window.width() * 0.62)])  # the form has its outline
    columns = bytes_value("mainWindow/listHeader")
    if columns is not None:
        header.restoreState(columns)


def save_window(splitter: QSplitter, header: QHeaderView, window: QWidget) -> None:
    set_value("mainWindow/geometry", window.saveGeometry())
    set_value("mainWindow/splitter", splitter.saveState())
    set_value("mainWindow/listHeader", header.saveState())

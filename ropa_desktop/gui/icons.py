"""Icons and the stylesheet shipped in ``ropa_desktop/resources`` (copied from top-level ``resources/``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon


def resource_dir() -> Path:
    return Path(str(resources.files("ropa_desktop") / "resources"))


@cache
def icon(name: str) -> QIcon:
    """An SVG icon from ``resources/icons`` by name (without extension)."""
    return QIcon(str(resource_dir() / "icons" / f"{name}.svg"))


def finding_icon(error: bool) -> QIcon:
    """The inline marker of a check finding (error or warning)."""
    return icon("error" if error else "warning")


def finding_icon_path(error: bool) -> str:
    """The marker as a file, for rich-text labels (``<img src=...>``)."""
    return str(resource_dir() / "icons" / ("error.svg" if error else "warning.svg"))


def stylesheet() -> str:
    return (resource_dir() / "style.qss").read_text(encoding="utf-8")

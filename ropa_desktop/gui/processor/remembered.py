"""The register's mode (controller / processor) and processor tab, remembered per register file between runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtWidgets import QTabBar, QTabWidget

from ..settings import settings


def _key(register: str) -> str:
    """One settings key per register (a digest: a path holds characters settings keys cannot)."""
    where = register if "://" in register else str(Path(register).resolve())  # a file, or a server's address
    return "registerView/" + hashlib.sha256(where.encode()).hexdigest()[:24]


def remember_mode(register: str, modes: QTabBar, pane: QTabWidget) -> None:
    """Show the mode and tab the register was left in, then keep them as the user changes them."""
    value = settings().value(_key(register), "")
    mode, _, tab = str(value or "").partition(",")
    if tab.isdigit() and 0 <= int(tab) < pane.count():
        pane.setCurrentIndex(int(tab))
    if mode.isdigit() and 0 <= int(mode) < modes.count():
        modes.setCurrentIndex(int(mode))

    def save(*_: object) -> None:
        settings().setValue(_key(register), f"{modes.currentIndex()},{pane.currentIndex()}")

    modes.currentChanged.connect(save)
    pane.currentChanged.connect(save)

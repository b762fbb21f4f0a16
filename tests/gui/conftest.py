"""Fixtures for GUI tests: a real register file, the main window on it, in English unless said otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    path = tmp_path / "r.ropa"
    store = RegisterStore.open(path, create=True)
    store.write_register(synthetic_register(12, organizations=2))
    store.close()
    return path


@pytest.fixture
def english(qapp: object) -> Iterator[None]:
    from ropa_desktop.gui.i18n import install_language

    install_language("en")
    yield
    install_language("en")


@pytest.fixture
def window(qtbot: object, register_path: Path, english: None) -> Iterator[object]:
    from ropa_desktop.gui.application import build_main_window

    win = build_main_window(register_path)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(1280, 800)
    win.show()
    win.list.finish_indexing()
    yield win
    win.close()


def reopen(path: Path) -> RegisterStore:
    return RegisterStore.open(path, read_only=True)

"""Fixtures for GUI tests: a real register file, the main window on it, in English unless said otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import write_register


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    return write_register(tmp_path / "r.ropa", synthetic_register(12, organizations=2))


@pytest.fixture
def english(qapp: object) -> Iterator[None]:
    from ropa_desktop.gui.i18n import install_language

    install_language("en")
    yield
    install_language("en")


@pytest.fixture
def open_window(qtbot: Any, english: None) -> Iterator[Callable[[Path], Any]]:
    """Build the main window on a given register file (closed at the end of the test)."""
    from ropa_desktop.gui.application import build_main_window

    windows = []

    def build(path: Path) -> Any:
        window = build_main_window(path)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.list.finish_indexing()
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()


@pytest.fixture
def window(open_window: Callable[[Path], Any], register_path: Path) -> Any:
    return open_window(register_path)

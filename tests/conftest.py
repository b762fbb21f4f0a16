"""Test configuration: offscreen Qt, no test touches the real home, GUI tests marked automatically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import: GUI tests run without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every per-user path points into a temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(home / "data"))
    monkeypatch.setenv("ROPA_DESKTOP_CONFIG", str(home / "config"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home

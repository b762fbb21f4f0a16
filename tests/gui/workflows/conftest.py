"""Fixtures of the workflow tests: the window on its first activity, or on a register file of the test's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.domain.model import Activity
from ropa_desktop.services.seeding import seed_register
from tests.gui.workflows.workflow_helpers import write_register


@pytest.fixture
def current(window: Any) -> Activity:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    assert window.form.activity_id == activity.id
    return activity


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
def seeded_path(tmp_path: Path) -> Path:
    return write_register(tmp_path / "seeded.ropa", seed_register())

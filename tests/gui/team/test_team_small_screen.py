"""A team register's window on a 640×480 screen: the window fits and the form is whole (no field cut off)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint

from tests.gui.team.conftest import select_first

pytestmark = pytest.mark.postgres


def test_the_window_fits_640_by_480_and_its_form_is_whole(team_url: str, team_window: Any, qtbot: Any) -> None:
    window = team_window(team_url)  # a long server address in the status bar
    select_first(window)
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() == 640 and window.height() == 480, timeout=2000)
    qtbot.wait(50)
    area = window.ui.formScrollArea
    assert area.width() > 300, "the splitter left the form no room"
    assert not window.outline.isVisible()  # its room goes to the form
    assert area.horizontalScrollBar().maximum() <= 20, "the form is wider than its area: fields are cut off"
    field = window.form.ui.activityNameEdit
    right = field.mapTo(area.viewport(), QPoint(field.width(), 0)).x()
    assert right <= area.viewport().width(), "the name field runs past the visible area"
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.outline.isVisible(), timeout=2000)  # wide again: the outline comes back

"""On a 640×480 screen the form reflows: no sideways scrolling, long titles wrap, the filter boxes stay whole."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel

from ropa_desktop.domain.model import Activity
from ropa_desktop.gui.icons import stylesheet
from tests.builders import on_disk


def test_at_640_by_480_nothing_scrolls_sideways_nor_is_cut(
    window: Any, qtbot: Any, register_path: Path, current: Activity
) -> None:
    from ropa_desktop.gui.i18n import install_language

    window.setStyleSheet(stylesheet())  # the application's: its section margins and bold titles made the form wide
    window.resize(640, 480)
    qtbot.waitUntil(lambda: window.width() == 640 and window.height() == 480, timeout=2000)
    for lang in ("en", "fr"):  # French labels and titles are longer
        install_language(lang)
        qtbot.wait(50)
        assert_whole(window)
    # And the form works as at any size: typed text is saved.
    name = window.form.ui.activityNameEdit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "Paie")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert on_disk(register_path, current.id).name == "Paie"
    install_language("en")
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.outline.isVisible(), timeout=2000)  # wide again: titles back on the frames
    other = window.form.groups["other"]
    assert other.title() == window.form.section_title("other")
    assert not other.findChild(QLabel, "formSectionTitle").isVisible()
    assert window.ui.quickCheckRow.direction() == QBoxLayout.Direction.LeftToRight


def assert_whole(window: Any) -> None:
    area = window.ui.formScrollArea
    assert area.horizontalScrollBar().maximum() == 0, "the form is wider than its area"
    assert window.form.width() <= area.viewport().width()
    for name in ("transfersFilter", "sensitiveFilter", "findingsFilter"):
        box = getattr(window.ui, name)
        assert box.width() >= box.sizeHint().width(), f"{name} is cut"
    # The long section title wraps inside its section, whole.
    other = window.form.groups["other"]
    title = other.findChild(QLabel, "formSectionTitle")
    assert other.title() == "" and title.isVisible()
    assert window.form.section_title("other") in html.unescape(title.text())


def test_the_status_filter_shows_all_statuses_whole_in_french_and_english(window: Any, qtbot: Any) -> None:
    """"Tous les statuts" lost its last letter at 1280 wide: the box's text field holds its longest entry."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    from ropa_desktop.gui.i18n import install_language

    window.setStyleSheet(stylesheet())
    window.resize(1280, 800)
    for lang in ("fr", "en"):
        install_language(lang)
        qtbot.wait(50)
        box = window.list.status
        option = QStyleOptionComboBox()
        box.initStyleOption(option)
        field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, box)
        widest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        assert field.width() >= widest, (lang, box.width(), field.width(), widest)
    install_language("en")

"""Counts read right in both languages: "1 finding", "3 findings", "1 constat", never "finding(s)"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.builders import on_disk


def outline_tips(window: Any) -> dict[int, str]:
    """The outline's tooltip for each number of findings its sections show."""
    outline, form = window.outline, window.form
    counts = form.section_counts(form._findings)
    tips = {}
    for row in range(outline.count()):
        item = outline.item(row)
        tips[counts.get(str(item.data(Qt.ItemDataRole.UserRole + 20)), 0)] = item.toolTip()
    return tips


def test_counts_take_the_singular_or_the_plural(open_window: Any, seeded_path: Path, qtbot: Any) -> None:
    from ropa_desktop.gui.i18n import install_language

    window = open_window(seeded_path)
    ls01 = next(a for a in window.session.organization(window.org_id).activities if a.reference == "LS-01")
    assert window.list.select(ls01.id)
    tips = outline_tips(window)
    assert 1 in tips and any(n > 1 for n in tips), tips  # LS-01: one section with one finding, one with more
    many = next(n for n in tips if n > 1)
    assert tips[1] == "1 finding" and tips[many] == f"{many} findings"
    total = window.list.total_findings()
    assert window.status.findingsLabel.text() == f"{total} findings"
    install_language("fr")
    tips = outline_tips(window)
    assert tips[1] == "1 constat" and tips[many] == f"{many} constats"
    install_language("en")
    # Typing goes on as before, and the counts follow: the name written, LS-01 still counted.
    name = window.form.ui.activityNameEdit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "Accounts")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert on_disk(seeded_path, ls01.id).name == "Accounts"
    assert "(s)" not in window.status.findingsLabel.text()

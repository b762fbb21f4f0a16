"""A large organisation's window shows before its checks run; the findings follow without blocking it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.gui import list_pane


def test_a_large_organisation_shows_first_and_gets_its_findings_after(
    qtbot, register_path: Path, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_desktop.gui.application import build_main_window

    monkeypatch.setattr(list_pane, "CHECK_LATER_FROM", 5)  # the fixture's organisations count as large
    window = build_main_window(register_path)
    qtbot.addWidget(window)
    window.show()
    activity = window.current_activity()
    assert activity is not None and window.list.model.rowCount() > 0  # populated, checks still to come
    assert not window.list.findings_ready() and window.status.findingsLabel.text() == "Checking…"
    assert window.form._findings == []
    qtbot.waitUntil(lambda: not window.list.is_checking(), timeout=20_000)  # the event loop runs them in slices
    expected = window.session.findings(window.org_id, activity)
    assert expected and window.form._findings == expected
    total = len(window.session.all_findings(window.org_id))
    assert window.list.total_findings() == total and str(total) in window.status.findingsLabel.text()
    org = window.session.organization(window.org_id)
    counts = {a.id: len(window.session.findings(window.org_id, a)) for a in org.activities}
    assert {s.id: s.findings for s in window.list.model.summaries()} == counts
    window.close()


def test_a_save_while_the_checks_run_in_slices_checks_only_what_it_changed(
    qtbot, register_path: Path, english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit made before the slices are done does not run every check at once (50,000 froze the window)."""
    from PySide6.QtCore import Qt

    from ropa_desktop.gui.application import build_main_window
    from tests.builders import on_disk

    monkeypatch.setattr(list_pane, "CHECK_LATER_FROM", 5)
    window = build_main_window(register_path)
    qtbot.addWidget(window)
    window.show()
    activity = window.current_activity()
    assert activity is not None and not window.list.findings_ready()
    name = window.form.ui.activityNameEdit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    qtbot.keyClicks(name, "Payroll, typed while checking")
    window.form.flush()  # what leaving the field does
    assert on_disk(register_path, activity.id).name == "Payroll, typed while checking"
    checked = set(window.session._findings)  # the activities whose checks ran
    assert checked <= {activity.id}, f"{len(checked)} activities checked by one save"
    qtbot.waitUntil(lambda: not window.list.is_checking(), timeout=20_000)
    total = len(window.session.all_findings(window.org_id))
    assert window.list.total_findings() == total and str(total) in window.status.findingsLabel.text()
    window.close()


def test_a_small_organisation_is_checked_before_it_shows(qtbot, register_path: Path, english: None) -> None:
    from ropa_desktop.gui.application import build_main_window

    window = build_main_window(register_path)
    qtbot.addWidget(window)
    activity = window.current_activity()
    assert window.list.findings_ready() and activity is not None
    assert window.form._findings == window.session.findings(window.org_id, activity)
    window.close()

"""A kept edit of a record someone else deleted while the server was away is said, its text offered to copy."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from ropa_desktop.storage.repository import RegisterStore
from tests.gui.team.conftest import on_server, open_processing, type_over

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_a_processing_deleted_meanwhile_is_said_with_the_text_kept_and_a_copy_button(
    processor_url: str, team_window: Any, postgres_server: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = team_window(processor_url)
    edit = open_processing(window)
    said: list[str] = []

    def copy_it(box: QMessageBox) -> int:
        said.append(box.text())
        button = box.findChild(QPushButton, "copyKeptTextButton")
        assert button is not None and button.text() == "Copy what I typed"
        button.click()  # the box closes on it
        return 0

    monkeypatch.setattr(QMessageBox, "exec", copy_it)
    postgres_server._pg_ctl("stop")
    try:
        type_over(qtbot, edit, "Payroll, typed while away")
        window.processorPane.flush()  # the field is left: its save fails and is kept
        assert window.status.pendingLabel.text() == "1 edit waiting for the server"
    finally:
        postgres_server._pg_ctl("start")
    with RegisterStore.open(processor_url) as other:  # meanwhile a colleague deletes that processing
        org = other.load().organizations[0]
        other.delete_processor_activity(org.processor_activities[0].id)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
    assert len(said) == 1
    assert "Someone else deleted “ST-01 Payroll”" in said[0]  # the record named, as it was
    # The field and the text typed in it:
    assert said[0].endswith("What you typed:\n\nCategory of processing: Payroll, typed while away")
    assert QGuiApplication.clipboard().text() == "Category of processing: Payroll, typed while away"
    assert "Someone else deleted “ST-01 Payroll”" in window.statusBar().currentMessage()
    assert not window.status.pendingLabel.isVisible()
    assert on_server(processor_url).organizations[0].processor_activities == []  # nothing half-made written back

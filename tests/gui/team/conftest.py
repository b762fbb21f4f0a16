"""Team register windows on the real PostgreSQL server the suite starts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from ropa_desktop.domain.model import ProcessorActivity, Register
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore


@pytest.fixture
def team_url(pg_url: str) -> str:
    """A register of two organisations on the server."""
    with RegisterStore.open(pg_url) as store:
        store.write_register(synthetic_register(6, organizations=2))
    return pg_url


@pytest.fixture
def team_window(open_window: Callable[[Any], Any], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Any]:
    """Build a main window on a server URL, as ``ropa-desktop --db postgresql://…`` does (closed at the end)."""
    from ropa_desktop.gui.team import live

    monkeypatch.setattr(live, "RETRY_MS", 200)  # the lost server is tried again quickly in the tests
    return open_window


def select_first(window: Any) -> str:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    assert window.form.activity_id == activity.id
    return activity.id


@pytest.fixture
def processor_url(pg_url: str) -> str:
    """One organisation with activities and one processing done for clients."""
    register = synthetic_register(4, organizations=1)
    register.organizations[0].processor_activities.append(
        ProcessorActivity(reference="ST-01", name="Payroll", description="Payslips for client staff"))
    with RegisterStore.open(pg_url) as store:
        store.write_register(register)
    return pg_url


def on_server(url: str) -> Register:
    with RegisterStore.open(url, read_only=True) as store:
        return store.load()


def open_processing(window: Any) -> QLineEdit:
    """The processor mode, its first processing selected: its name field."""
    window.modeBar.setCurrentIndex(1)
    pane = window.processorPane
    processing = window.session.organization(window.org_id).processor_activities[0]
    assert pane.processingList.select(processing.id)
    edit = window.findChild(QLineEdit, "processingNameEdit")
    assert edit is not None and edit.isVisible() and not edit.isReadOnly()
    return edit


def type_over(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)

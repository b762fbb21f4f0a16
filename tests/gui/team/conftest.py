"""Team register windows on the real PostgreSQL server the suite starts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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

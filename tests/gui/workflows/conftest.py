"""Fixtures of the workflow tests: the window on its first activity."""

from __future__ import annotations

from typing import Any

import pytest

from ropa_desktop.domain.model import Activity


@pytest.fixture
def current(window: Any) -> Activity:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    assert window.form.activity_id == activity.id
    return activity

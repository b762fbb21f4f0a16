"""Fixtures of the workflow tests: the window on its first activity; a seeded register file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.domain.model import Activity
from ropa_desktop.services.seeding import seed_register
from tests.builders import write_register


@pytest.fixture
def current(window: Any) -> Activity:
    activity = window.session.organization(window.org_id).activities[0]
    assert window.list.select(activity.id)
    assert window.form.activity_id == activity.id
    return activity


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    return write_register(tmp_path / "seeded.ropa", seed_register())

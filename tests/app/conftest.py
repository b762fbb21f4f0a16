"""Fixtures shared by the command line's tests."""

from __future__ import annotations

import pytest

from ropa_desktop.storage.repository import RegisterStore


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per whole-register load a command makes (what "without loading the register" tests count)."""
    count: list[int] = []
    real = RegisterStore.load

    def counted(self: RegisterStore) -> object:
        count.append(1)
        return real(self)

    monkeypatch.setattr(RegisterStore, "load", counted)
    return count

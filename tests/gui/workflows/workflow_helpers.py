"""Helpers for the workflow tests: write a register file, read it back as the file holds it."""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.domain.model import Register
from ropa_desktop.storage.repository import RegisterStore


def write_register(path: Path, register: Register) -> Path:
    with RegisterStore.open(path, create=True) as store:
        store.write_register(register)
    return path


def read_back(path: Path) -> Register:
    """The register as the file holds it now."""
    with RegisterStore.open(path, read_only=True) as store:
        return store.load()

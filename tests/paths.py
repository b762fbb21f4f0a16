"""Where the repository is, for every test: one constant, so moving a test file cannot break its paths."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]  # this file stays at tests/paths.py

"""Errors shared by long-running services."""

from __future__ import annotations


class Cancelled(Exception):
    """The user cancelled a long job through its ``cancel`` callback."""

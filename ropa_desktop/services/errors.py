"""Errors shared by the services' long jobs."""

from __future__ import annotations


class Cancelled(Exception):
    """The user cancelled a long job; whatever it was writing is left as it was."""

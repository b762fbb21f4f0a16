"""Errors shared by long-running services."""


class Cancelled(Exception):
    """The user cancelled a long job (export, import) through its cancel callback."""

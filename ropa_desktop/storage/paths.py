"""Per-user locations (data, backups, settings), each overridable so tests never touch the real home."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ropa-desktop"
DEFAULT_REGISTER_NAME = "register.ropa"
REGISTER_SUFFIX = ".ropa"


def data_dir() -> Path:
    """Where the default register and its backups live (``ROPA_DESKTOP_HOME`` overrides it)."""
    override = os.environ.get("ROPA_DESKTOP_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where settings live (``ROPA_DESKTOP_CONFIG`` overrides it)."""
    override = os.environ.get("ROPA_DESKTOP_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_register_path() -> Path:
    return data_dir() / DEFAULT_REGISTER_NAME


def backup_dir() -> Path:
    return data_dir() / "backups"

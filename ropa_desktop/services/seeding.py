"""The registers a new register file starts with: organisations transcribed from their privacy notices."""

from __future__ import annotations

from datetime import date
from importlib import resources

from ..domain.model import Register
from . import json_format

# Package data files (``ropa-desktop-register`` documents), in the order their organisations are added.
SEED_FILES: tuple[str, ...] = ("data/seeds/laserseven.json", "data/seeds/enlaps.json")


def seed_register(today: date | None = None) -> Register:
    """A fresh register with every seeded organisation (the same ids on every call: re-seeding matches).

    Each fiche is created ``today`` (the register's date): a notice's own date is its source's, not the fiche's.
    """
    register = Register()
    package = resources.files("ropa_desktop")
    for name in SEED_FILES:
        register.organizations += json_format.loads(package.joinpath(name).read_text("utf-8")).organizations
    created = today or date.today()
    for org in register.organizations:
        for activity in org.activities:
            activity.created = activity.created or created
    return register

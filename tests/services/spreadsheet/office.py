"""What the spreadsheet tests share: LibreOffice re-saving a workbook as counsel's office suite does, the seed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.seeding import seed_register

soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def resave(path: Path, tmp_path: Path) -> Path:
    """The workbook opened and saved again by LibreOffice, as counsel's office suite does."""
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    return out / path.name


def laserseven() -> Register:
    """The seeded register's LaserSeven alone."""
    register = seed_register()
    return Register([o for o in register.organizations if o.name == "LaserSeven"])

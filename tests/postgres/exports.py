"""What several server tests start from: the seeded register on the server, exported as JSON by the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli


def seeded_export(url: str, tmp_path: Path) -> dict[str, Any]:
    """The seeded register written to ``url``, then exported to ``tmp_path / "out.json"``: the document read back."""
    with RegisterStore.open(url) as store:
        store.write_register(seed_register())
    exported = cli("export", "--db", url, "--format", "json", "--output", tmp_path / "out.json", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document: dict[str, Any] = json.loads((tmp_path / "out.json").read_text("utf-8"))
    return document

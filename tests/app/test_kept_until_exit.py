"""A command's large objects are kept for the process's exit, and only the last command's when it runs another."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop import cli_io
from ropa_desktop.domain.model import Register
from tests.cli_helpers import run_main


def test_an_import_keeps_its_registers_and_the_next_command_lets_them_go(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    db, source = tmp_path / "r.ropa", tmp_path / "r.json"
    assert run_main(capsys, "init", "--db", tmp_path / "seeded.ropa")[0] == 0
    assert run_main(capsys, "export", "--db", tmp_path / "seeded.ropa", "--format", "json", "-o", source)[0] == 0
    assert run_main(capsys, "init", "--db", db, "--empty")[0] == 0
    code, _, err = run_main(capsys, "import", "--db", db, source)
    assert code == 0, err
    kept = list(cli_io.KEPT)
    assert any(isinstance(obj, Register) and obj.organizations for obj in kept)  # what was written, not freed
    code, _, err = run_main(capsys, "import", "--db", db, source, "--dry-run")
    assert code == 0, err
    assert not any(obj is old for obj in cli_io.KEPT for old in kept)  # the first import's are let go

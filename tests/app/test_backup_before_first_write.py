"""The command line's daily backup is made before the first change it writes, not for a command that changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ropa_desktop.storage import paths
from ropa_desktop.storage.backup import list_backups
from tests.cli_helpers import run_main


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM activities ORDER BY name")]
    finally:
        con.close()


def test_an_import_that_changes_nothing_makes_no_backup_and_one_that_changes_backs_up_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, exported = tmp_path / "r.ropa", tmp_path / "r.json"
    assert run_main(capsys, "init", "--db", db)[0] == 0
    assert run_main(capsys, "export", "--db", db, "--format", "json", "-o", exported)[0] == 0
    assert run_main(capsys, "import", "--db", db, exported)[0] == 0  # "No change"
    assert list_backups(db, paths.backup_dir()) == []
    before = names(db)

    document = json.loads(exported.read_text("utf-8"))
    document["organizations"][0]["activities"][0]["name"] = "Renamed by counsel"
    exported.write_text(json.dumps(document), "utf-8")
    code, _out, err = run_main(capsys, "import", "--db", db, exported)
    assert code == 0, err
    backups = list_backups(db, paths.backup_dir())
    assert len(backups) == 1
    assert names(backups[0]) == before and "Renamed by counsel" in names(db)
    assert run_main(capsys, "import", "--db", db, exported)[0] == 0  # a day's backup is made once
    assert len(list_backups(db, paths.backup_dir())) == 1

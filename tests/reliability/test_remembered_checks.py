"""An unchanged register is not integrity-checked again on every open; a changed or damaged one is still refused."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from ropa_desktop.storage import connection, paths, sound_files
from ropa_desktop.storage.backup import make_backup
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import one_line, run_main


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each full page-by-page check run, by file; files count as settled at once (no two-second wait)."""
    monkeypatch.setattr(sound_files, "SETTLED_SECONDS", 0.0)
    runs: list[Path] = []
    real = connection.damage

    def counted(con: sqlite3.Connection, *, full: bool = False) -> str | None:
        runs.append(Path(con.execute("PRAGMA database_list").fetchone()[2]))
        return real(con, full=full)

    monkeypatch.setattr(connection, "damage", counted)
    return runs


@pytest.fixture
def register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "files" / "register.ropa"
    path.parent.mkdir()
    assert run_main(capsys, "init", "--db", path)[0] == 0
    make_backup(path, paths.backup_dir())
    time.sleep(0.05)  # past the file clock's tick: the next write is told from the check's file
    return path


def test_an_unchanged_register_is_checked_once_and_a_changed_one_again(
        register: Path, checks: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(3):
        assert run_main(capsys, "check", "--db", register)[0] in (0, 1)
    assert checks == [register.resolve()]
    memo = (paths.data_dir() / "checked-registers.json")
    assert oct(memo.stat().st_mode & 0o777) == oct(0o600)

    con = sqlite3.connect(register)  # another program leaves an orphan row: the file changed, so it is checked
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE purposes SET activity_id = 'gone' WHERE id = (SELECT min(id) FROM purposes)")
    con.commit()
    con.close()
    line = one_line(*run_main(capsys, "check", "--db", register)[::2])
    assert "damaged" in line and "orphan row" in line and "ropa-desktop restore" in line
    assert len(checks) == 2


def test_our_own_write_makes_the_next_open_check_again(register: Path, checks: list[Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "check", "--db", register)[0] in (0, 1)
    with RegisterStore.open(register) as store:  # a writer opens it: remembered sound, not checked again
        edited = store.load()
        edited.organizations[0].activities[0].name += " (edited)"
        time.sleep(0.05)
        store.write_register(edited)
    assert len(checks) == 1
    assert run_main(capsys, "check", "--db", register)[0] in (0, 1)
    assert len(checks) == 2


def test_damage_that_leaves_the_file_looking_unchanged_is_still_refused(
        register: Path, checks: list[Path], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Bit rot changes no file time: SQLite's own error on the damaged page becomes the same one-line refusal."""
    data = bytearray(register.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # every page but the schema's: its header scrambled
        for offset in range(page * page_size, page * page_size + 12):
            data[offset] ^= 0xFF
    register.write_bytes(bytes(data))
    time.sleep(0.05)
    sound_files.remember_sound(register, sound_files.signature(register, bytes(data[:100])))  # as if rot came later
    before = register.read_bytes()
    for args in (("check", "--db", register),
                 ("export", "--db", register, "--format", "json", "-o", tmp_path / "x.json")):
        line = one_line(*run_main(capsys, *args)[::2])
        assert "damaged" in line and "ropa-desktop restore" in line, line
    assert checks == [] and register.read_bytes() == before and not (tmp_path / "x.json").exists()

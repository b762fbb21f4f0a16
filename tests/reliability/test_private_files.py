"""Personal data on disk: every file we write is 0600 in 0700 folders, whatever the umask (a stricter one wins)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from ropa_desktop.storage import paths
from ropa_desktop.storage.backup import make_backup
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import run_main


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_every_file_written_is_owner_only(tmp_path: Path, umask: int, capsys: pytest.CaptureFixture[str]) -> None:
    old = os.umask(umask)
    try:
        folder = tmp_path / "new" / "registers"
        register = folder / "private.ropa"
        assert run_main(capsys, "init", "--db", register)[0] == 0
        with RegisterStore.open(register) as store:
            keeper = sqlite3.connect(register)  # keeps the -wal/-shm files alive between the store's actions
            keeper.execute("SELECT count(*) FROM activities").fetchone()
            store.save_organization(store.load().organizations[0])
            wal, shm = Path(f"{register}-wal"), Path(f"{register}-shm")
            assert wal.exists() and shm.exists()
            assert mode(wal) == mode(shm) == 0o600
            assert mode(Path(f"{register}.lock")) == 0o600
            keeper.close()
        backup = make_backup(register, paths.backup_dir())
        exports = tmp_path / "exports"
        exports.mkdir()
        for fmt in ("json", "xlsx", "pdf"):
            pick = ["--organization", "Enlaps"] if fmt == "pdf" else []
            code, _out, err = run_main(capsys, "export", "--db", register, "--format", fmt,
                                       "-o", exports / f"out.{fmt}", *pick)
            assert code == 0, err
        written = [register, backup, *exports.iterdir()]
        assert {p.name: oct(mode(p)) for p in written} == {p.name: oct(0o600) for p in written}
        for created in (folder, folder.parent, backup.parent, paths.backup_dir(), paths.data_dir()):
            assert oct(mode(created)) == oct(0o700), created
    finally:
        os.umask(old)


def test_the_error_log_is_private_and_holds_no_register_content(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    from ropa_desktop import app

    def boom(args: object, lang: str) -> int:
        raise RuntimeError("Jean Dupont, jean.dupont@example.fr, salaire 4200")

    monkeypatch.setitem(app.COMMANDS, "check", boom)
    code, _out, err = run_main(capsys, "check", "--db", tmp_path / "x.ropa")
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 3 and len(lines) == 1 and "Traceback" not in err
    log = Path(lines[0].rsplit(" ", 1)[1])
    assert log.parent == paths.data_dir() / "logs" and log.exists()
    text = log.read_text()
    assert "RuntimeError" in text and "app.py" in text and "Dupont" not in text
    assert mode(log) == 0o600 and mode(log.parent) == 0o700


@pytest.mark.parametrize("error", [RecursionError, OverflowError])
def test_errors_hostile_input_provokes_are_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str],
                                                     error: type[Exception]) -> None:
    from ropa_desktop import app

    def deep(args: object, lang: str) -> int:
        raise error("from hostile input")

    monkeypatch.setitem(app.COMMANDS, "check", deep)
    code, _out, err = run_main(capsys, "check", "--db", tmp_path / "x.ropa")
    assert code == 2 and error.__name__ in err and len(err.strip().splitlines()) == 1

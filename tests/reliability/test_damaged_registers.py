"""Damage is seen: orphan rows, flipped pages and planted objects are refused, and a backup is offered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ropa_desktop.storage import paths
from ropa_desktop.storage.backup import list_backups, make_backup
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import listing, one_line, run_main


@pytest.fixture
def register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "files" / "damaged.ropa"
    path.parent.mkdir()
    assert run_main(capsys, "init", "--db", path)[0] == 0
    make_backup(path, paths.backup_dir())
    return path


def tamper(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def expect_refusal(path: Path, capsys: pytest.CaptureFixture[str], *words: str) -> str:
    before, files = path.read_bytes(), listing(path.parent)
    for args in (("check", "--db", path), ("export", "--db", path, "--format", "json", "-o", path.parent / "x.json"),
                 ("import", "--db", path, path.parent / "missing.json")):
        code, _out, err = run_main(capsys, *args)
        if args[0] != "import":
            line = one_line(code, err)
            for word in words:
                assert word in line, line
    with pytest.raises(StorageError):
        RegisterStore.open(path)
    assert path.read_bytes() == before and listing(path.parent) == files
    return line


def test_an_orphan_row_is_refused_offering_the_latest_backup(register: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    tamper(register, "UPDATE purposes SET activity_id = 'gone' WHERE id = (SELECT min(id) FROM purposes)")
    line = expect_refusal(register, capsys, "damaged", "orphan row", "purposes")
    backup = list_backups(register, paths.backup_dir())[0].stem
    assert backup in line and "ropa-desktop restore" in line


def test_a_flipped_page_is_refused(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(register.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, min(len(data), page_size * 2 + 16)):  # an index page header scrambled
        data[offset] ^= 0xFF
    register.write_bytes(bytes(data))
    expect_refusal(register, capsys, "damaged")


@pytest.mark.parametrize(("statement", "named"), [
    ("CREATE TRIGGER spy AFTER INSERT ON activities BEGIN DELETE FROM organizations; END", "trigger spy"),
    ("CREATE VIEW everyone AS SELECT * FROM contacts", "view everyone"),
    ("CREATE TABLE exfiltrate (x)", "table exfiltrate"),
    ("DROP TRIGGER audit_log_no_delete", None),
])
def test_foreign_objects_are_refused_and_never_run(register: Path, capsys: pytest.CaptureFixture[str],
                                                   statement: str, named: str | None) -> None:
    tamper(register, statement)
    if named is None:  # a missing trigger of ours is the schema's business (migrations), not foreign
        RegisterStore.open(register).close()
        return
    line = expect_refusal(register, capsys, named)
    assert "restore" in line


def test_a_replaced_trigger_of_ours_is_foreign(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tamper(register, "DROP TRIGGER audit_log_no_delete",
           "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN DELETE FROM activities; END")
    expect_refusal(register, capsys, "trigger audit_log_no_delete")


def test_restore_lists_restores_and_recreates(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with RegisterStore.open(register, read_only=True) as store:
        good = store.load()
    tamper(register, "UPDATE purposes SET activity_id = 'gone' WHERE id = (SELECT min(id) FROM purposes)")
    code, out, err = run_main(capsys, "restore", "--db", register)
    assert code == 0 and out.count("\n") == 1 and "backup" in err
    name = out.split("\t")[0]
    code, _out, err = run_main(capsys, "restore", "--db", register, "--backup", name)
    assert code == 0, err
    with RegisterStore.open(register, read_only=True) as store:
        assert store.load() == good
    kept = [p for p in register.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and oct(kept[0].stat().st_mode & 0o777) == oct(0o600)
    register.unlink()  # a lost file comes back from its backups
    assert run_main(capsys, "restore", "--db", register, "--backup", "latest")[0] == 0
    with RegisterStore.open(register, read_only=True) as store:
        assert store.load() == good
    assert "no backup" in one_line(*run_main(capsys, "restore", "--db", register.with_name("other.ropa"))[::2]).lower()
    assert "nope" in one_line(*run_main(capsys, "restore", "--db", register, "--backup", "nope")[::2])


@pytest.mark.parametrize("tampering", ["DROP TABLE purposes",
                                       "UPDATE activities SET created = 'not-a-date' WHERE rowid = 1"])
def test_a_tampered_table_or_value_is_damage_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     tampering: str) -> None:


    db = tmp_path / "t.ropa"
    assert run_main(capsys, "init", "--db", db)[0] == 0
    con = sqlite3.connect(db)
    con.execute(tampering)
    con.commit()
    con.close()
    before = db.read_bytes()
    for command in (["check"], ["export", "--format", "json", "--output", tmp_path / "o.json"]):
        assert "damaged" in one_line(*run_main(capsys, command[0], "--db", db, *command[1:])[::2])
    assert db.read_bytes() == before and not (tmp_path / "o.json").exists()

"""Paths are paths: any name a filesystem accepts opens that very file, never another one."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.domain.model import Organization
from ropa_desktop.storage.backup import list_backups, make_backup, restore_backup
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, refused, run_main

NAMES = ["we?ird.ropa", "has#hash.ropa", "pct%41.ropa", "with space.ropa", "ünïcødé Ωmega.ropa", "-dash.ropa",
         "semi;colon&amp=1.ropa", "file:colon.ropa", "quote'\"s.ropa"]


@pytest.mark.parametrize("name", NAMES)
def test_a_register_opens_by_its_own_name(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "odd ?#%41 folder"
    folder.mkdir()
    path = folder / name
    with RegisterStore.open(path, create=True) as store:
        store.save_organization(Organization(name=name))
        make_backup(path, tmp_path / "backups")
    with RegisterStore.open(path, read_only=True) as store:
        assert store.load().organizations[0].name == name
    with RegisterStore.open(path) as store:
        assert store.load().organizations[0].name == name
    restore_backup(list_backups(path, tmp_path / "backups")[0], path)
    leftovers = {p.name for p in folder.iterdir()} - {name}
    assert {n for n in leftovers if not n.startswith(f"{name}.before-restore-")} == set()


def test_the_command_line_keeps_odd_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("we?ird.ropa", "pct%41.ropa", "has#hash.ropa", "-dash.ropa"):
        path = folder / name
        assert run_main(capsys, "init", "--db", path)[0] == 0
        code, _out, err = run_main(capsys, "check", "--db", path)
        assert code in (0, 1), err  # the seeded register has findings: exit 1 is "check found errors"
        out = folder / f"{name}.json"
        assert run_main(capsys, "export", "--db", path, "--format", "json", "-o", out)[0] == 0
    assert cli("check", "--db", folder / "we?ird.ropa", home=tmp_path).returncode in (0, 1)  # a real process too
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["we?ird.ropa", "pct%41.ropa", "has#hash.ropa", "-dash.ropa", "we?ird.ropa.json", "pct%41.ropa.json",
         "has#hash.ropa.json", "-dash.ropa.json"])


@pytest.mark.parametrize(("lang", "words"), [("fr_FR.UTF-8", "nom de fichier trop long"),
                                             ("en_GB.UTF-8", "file name too long")])
def test_a_name_longer_than_the_filesystem_allows_is_one_translated_line(tmp_path: Path, lang: str,
                                                                         words: str) -> None:
    path = tmp_path / ("a" * 300 + ".ropa")
    line = refused(cli("init", "--db", path, home=tmp_path / "home", lang=lang))
    assert words in line
    assert len(line) < 250  # the 300-character name is elided in the middle, its end kept
    assert line.count("a") < 150 and ".ropa" in line
    assert [p.name for p in tmp_path.iterdir()] in ([], ["home"])  # nothing written beside it

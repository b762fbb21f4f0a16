"""Our whole-register JSON export back byte for byte: "No change" without decoding it or loading the register."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import run_main

Loads = list[int]


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "r.ropa"
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    assert run_main(capsys, "init", "--db", db)[0] == 0
    code, _, err = run_main(capsys, "export", "--db", db, "--format", "json", "-o", tmp_path / "r.json")
    assert code == 0, err
    return tmp_path / "r.json"


def _import(capsys: pytest.CaptureFixture[str], source: Path, *extra: str) -> list[str]:
    code, out, err = run_main(capsys, "import", "--db", source.parent / "r.ropa", source, *extra, "--lang", "en")
    assert code == 0, err
    return out.splitlines()


def test_an_unedited_export_is_no_change_without_loading_the_register(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    db = exported.parent / "r.ropa"
    before = db.read_bytes()
    assert _import(capsys, exported, "--dry-run") == ["No change."]
    assert _import(capsys, exported) == ["No change."]
    assert loads == [] and db.read_bytes() == before


def test_the_full_import_of_the_same_document_agrees(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    """Other bytes (one more newline) of the same document: decoded and compared, with the same answer."""
    other = exported.with_name("copy.json")
    other.write_bytes(exported.read_bytes() + b"\n")
    assert _import(capsys, other, "--dry-run") == ["No change."]
    assert loads


def test_an_edited_export_takes_the_full_import(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    text = exported.read_text("utf-8")
    first = text.index('"notes": "') + len('"notes": "')
    exported.write_text(text[:first] + "Z" + text[first + 1:], "utf-8")  # same size, one character changed
    assert _import(capsys, exported, "--dry-run") != ["No change."]
    assert loads


def test_a_register_saved_since_the_export_takes_the_full_import(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    with RegisterStore.open(exported.parent / "r.ropa") as store:
        register = store.load()
        org = next(o for o in register.organizations if o.activities)
        org.activities[0].notes = "changed by the DPO"
        store.save_activity(org.id, org.activities[0])
    loads.clear()
    _import(capsys, exported, "--dry-run")
    assert loads, "the register was not loaded: a register saved since was taken for the one exported"


def test_a_public_export_is_not_taken_for_the_register(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    """The public profile leaves fields out: it is not the whole register, whatever its re-import then says."""
    public = exported.with_name("public.json")
    code, _, err = run_main(capsys, "export", "--db", exported.parent / "r.ropa", "--format", "json",
                            "--profile", "public", "-o", public)
    assert code == 0, err
    loads.clear()
    _import(capsys, public, "--dry-run")
    assert loads

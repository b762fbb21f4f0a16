"""The export service: which organisations, which files, the public profile, and copies that never lose a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.domain.model import Activity, Organization, Register
from ropa_desktop.services import json_format
from ropa_desktop.services.exporting import ExportError, ExportRequest, export, planned_files, save_copy
from ropa_desktop.storage.repository import RegisterStore


def _register() -> Register:
    return Register([
        Organization(name="Élan Vital SAS", activities=[Activity(reference="EV-01", name="Paie", notes="secret")]),
        Organization(name="Other Co", activities=[Activity(reference="OC-01", name="CRM")]),
    ])


def test_all_organisations_give_one_file_each_named_after_them(tmp_path: Path) -> None:
    register = _register()
    files = planned_files(register, ExportRequest("xlsx", tmp_path / "out.xlsx"))
    assert [p.name for _, p in files] == ["out-elan-vital-sas.xlsx", "out-other-co.xlsx"]
    one = planned_files(register, ExportRequest("pdf", tmp_path / "out.pdf", "other co"))  # name, any case
    assert [(o.name if o else None, p.name) for o, p in one] == [("Other Co", "out.pdf")]
    by_id = planned_files(register, ExportRequest("pdf", tmp_path / "out.pdf", register.organizations[0].id))
    assert by_id[0][0] is register.organizations[0]
    with pytest.raises(ExportError) as error:
        planned_files(register, ExportRequest("pdf", tmp_path / "out.pdf", "Nobody"))
    assert "Nobody" in error.value.message("fr") and error.value.code == "unknown_organization"


def test_json_of_one_organisation_and_the_public_profile(tmp_path: Path) -> None:
    register = _register()
    result = export(register, ExportRequest("json", tmp_path / "ev.json", "Élan Vital SAS", "fr", "public"))
    assert result.written == [tmp_path / "ev.json"]
    written = json_format.read_file(tmp_path / "ev.json")
    assert [o.name for o in written.organizations] == ["Élan Vital SAS"]
    assert written.organizations[0].activities[0].notes == ""  # internal notes are not public
    whole = export(register, ExportRequest("json", tmp_path / "all.json"))
    assert json_format.read_file(whole.written[0]) == register  # the lossless document of the whole register


def test_progress_covers_every_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export(_register(), ExportRequest("json", tmp_path / "o.json", "all"), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]


def test_save_copy_replaces_only_once_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copy.ropa"
    target.write_bytes(b"the previous file")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RegisterStore, "write_register", refuse)
    with pytest.raises(OSError):
        save_copy(_register(), target)
    assert target.read_bytes() == b"the previous file"  # a failed copy keeps what was there
    assert [p.name for p in tmp_path.iterdir()] == ["copy.ropa"]  # and leaves nothing behind
    monkeypatch.undo()
    register = _register()
    save_copy(register, target)
    with RegisterStore.open(target, read_only=True) as store:
        assert store.load() == register


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_an_export_never_overwrites_a_register(tmp_path: Path, fmt: str) -> None:
    from ropa_desktop.app import main

    db, other = tmp_path / "r.ropa", tmp_path / "other.ropa"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["init", "--db", str(other), "--empty"]) == 0
    before = {p: p.read_bytes() for p in (db, other)}
    for target in (db, other):
        assert main(["export", "--db", str(db), "--format", fmt, "--output", str(target),
                     "--organization", "enlaps"]) == 2
    assert {p: p.read_bytes() for p in (db, other)} == before

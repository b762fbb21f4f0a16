"""A JSON export's record versions: written and read back by both readers, and the judge of an import's staleness."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from ropa_desktop.services import json_format as jf
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.ids import register_id
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import run_main


def _export(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> dict[str, object]:
    code, _, err = run_main(capsys, "export", "--db", db, "--format", "json", "--output", out)
    assert code == 0, err
    document: dict[str, object] = json.loads(out.read_text("utf-8"))
    return document


def test_versions_are_written_for_every_record_and_read_back_by_both_readers(tmp_path: Path) -> None:
    register = seed_register()
    org = register.organizations[0]
    versions = {org.id: 3, org.activities[0].id: 7, "not-in-this-register": 9}
    document = jf.register_to_document(register, versions=versions)
    jsonschema.Draft202012Validator(jf.schema()).validate(document)
    assert document["record_versions"] == {org.id: 3, org.activities[0].id: 7}  # only this document's records
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document), "utf-8")
    assert jf.read_file_versioned(path)[2] == {org.id: 3, org.activities[0].id: 7}  # the fast reader
    document["comment"] = "a key the fast reader gives up on"  # the checked reader reads the rest alike
    path.write_text(json.dumps(document), "utf-8")
    read, _, found, _ = jf.read_file_versioned(path)
    assert found == {org.id: 3, org.activities[0].id: 7} and read == register
    del document["record_versions"]  # a document without them (an older export, version 1 or 2)
    document["version"] = 1
    path.write_text(json.dumps(document), "utf-8")
    assert jf.read_file_versioned(path)[2] is None


@pytest.mark.parametrize("bad", [0, -1, "2", True, 10**10, None])
def test_a_version_that_is_not_a_whole_number_from_1_is_refused_naming_where(tmp_path: Path, bad: object) -> None:
    register = seed_register()
    ident = register.organizations[0].activities[0].id
    document = jf.register_to_document(register, versions={ident: 1})
    document["record_versions"] = {ident: bad}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(jf.DocumentError) as refused:
        jf.read_file_versioned(path)
    assert refused.value.path == f"$.record_versions.{ident}"
    assert "version" in refused.value.message("en") and "version" in refused.value.message("fr")
    document["record_versions"] = [1]
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(jf.DocumentError) as not_object:
        jf.read_file_versioned(path)
    assert not_object.value.path == "$.record_versions"


def test_a_save_after_the_export_is_a_conflict_whatever_the_clocks_say(capsys: pytest.CaptureFixture[str],
                                                                      tmp_path: Path) -> None:
    """The colleague's clock is behind (their save's "last update" predates the export): the version still tells."""
    db = tmp_path / "r.ropa"
    assert run_main(capsys, "init", "--db", db)[0] == 0
    with RegisterStore.open(db) as store:  # a clock ahead: "last update" after the export, and nothing saved since
        org = store.load().organizations[0]
        ahead = org.activities[1]
        ahead.updated = datetime(2999, 1, 1, tzinfo=UTC)
        store.save_activity(org.id, ahead, touch=False)
    document = _export(capsys, db, tmp_path / "out.json")
    first, second = document["organizations"][0]["activities"][:2]  # type: ignore[index]
    with RegisterStore.open(db) as store:  # the app's own save, after the export, from a clock years behind
        activity = next(a for a in store.load().organizations[0].activities if a.id == first["id"])
        activity.name = "Saved by a colleague"
        activity.updated = datetime(2001, 1, 1, tzinfo=UTC)
        store.save_activity(org.id, activity, touch=False)
    first["notes"], second["notes"] = "edited in the file", "edited in the file too"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    code, out, err = run_main(capsys, "import", "--db", db, tmp_path / "edited.json")
    assert code == 0, err
    conflicts = [line for line in out.splitlines() if "changed in the register after this file was exported" in line]
    assert len(conflicts) == 2 and all(first["reference"] in line for line in conflicts), out  # name and notes
    assert "2 conflicts not applied" in err
    with RegisterStore.open(db, read_only=True) as store:
        activities = {a.id: a for a in store.load().organizations[0].activities}
    assert activities[first["id"]].name == "Saved by a colleague"  # never overwritten by the file's older value
    assert activities[first["id"]].notes == first_notes(tmp_path)
    assert activities[second["id"]].notes == "edited in the file too"  # unmoved: applied, its clock aside


def first_notes(tmp_path: Path) -> str:
    """The first activity's notes as exported (the file's edit of them was not applied)."""
    document = json.loads((tmp_path / "out.json").read_text("utf-8"))
    notes: str = document["organizations"][0]["activities"][0]["notes"]
    return notes


def test_an_activity_deleted_since_the_export_is_a_conflict_not_created_again(capsys: pytest.CaptureFixture[str],
                                                                              tmp_path: Path) -> None:
    """Alice exports; Bob deletes an activity; Alice's edited export comes back: the deletion is said, and kept."""
    db = tmp_path / "r.ropa"
    assert run_main(capsys, "init", "--db", db)[0] == 0
    document = _export(capsys, db, tmp_path / "out.json")
    with RegisterStore.open(db, read_only=True) as store:
        own = register_id(store)
    assert own and document["register_id"] == own
    jsonschema.Draft202012Validator(jf.schema()).validate(document)
    activities = document["organizations"][0]["activities"]  # type: ignore[index]
    gone, kept = activities[0], activities[1]
    assert gone["id"] in document["record_versions"]  # type: ignore[operator]
    with RegisterStore.open(db) as store:  # Bob, through the app's store (it deletes what it has read)
        store.load()
        store.delete_activity(gone["id"])
    kept["notes"] = "edited by Alice"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document), "utf-8")
    assert jf.read_file_versioned(edited)[3] == own  # the fast reader
    code, out, err = run_main(capsys, "import", "--db", db, edited)
    assert code == 0, err
    said = [line for line in out.splitlines() if "deleted in the register since this file was exported" in line]
    assert len(said) == 1 and gone["reference"] in said[0], out
    assert "1 conflict not applied" in err
    with RegisterStore.open(db, read_only=True) as store:
        stored = {a.id: a for a in store.load().organizations[0].activities}
    assert gone["id"] not in stored  # not re-created
    assert stored[kept["id"]].notes == "edited by Alice"  # the rest of the file applied
    code, out, _ = run_main(capsys, "import", "--db", db, edited, "--lang", "fr")
    assert "supprimé du registre depuis l'export de ce fichier" in out


@pytest.mark.parametrize("other", ["another register", None])
def test_another_registers_export_still_creates_the_activity(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             other: str | None) -> None:
    """Seeded registers share record ids: a file naming another register (or none) creates what this one lacks."""
    first, second = tmp_path / "a.ropa", tmp_path / "b.ropa"
    for db in (first, second):
        assert run_main(capsys, "init", "--db", db)[0] == 0
    with RegisterStore.open(first, read_only=True) as a, RegisterStore.open(second, read_only=True) as b:
        assert register_id(a) != register_id(b)  # registers seeded alike are still told apart
    document = _export(capsys, first, tmp_path / "out.json")
    if other is None:
        del document["register_id"]
    else:
        document["register_id"] = other
    gone = document["organizations"][0]["activities"][0]  # type: ignore[index]
    with RegisterStore.open(second) as store:
        store.load()
        store.delete_activity(gone["id"])
    path = tmp_path / "other.json"
    path.write_text(json.dumps(document), "utf-8")
    code, out, err = run_main(capsys, "import", "--db", second, path)
    assert code == 0, err
    assert "deleted in the register" not in out
    with RegisterStore.open(second, read_only=True) as store:
        assert gone["id"] in {a.id for a in store.load().organizations[0].activities}  # created, as before

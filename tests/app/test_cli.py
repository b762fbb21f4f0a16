"""The command line as users and scripts call it: exit codes, one-line errors, files left untouched."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest

from ropa_desktop import __version__
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.schema import SCHEMA_VERSION
from tests.cli_helpers import cli, one_clean_line
from tests.paths import REPO


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "seeded.ropa"
    result = cli("init", "--db", path, home=tmp_path)
    assert result.returncode == 0, result.stderr
    return path


def test_version(tmp_path: Path) -> None:
    result = cli("--version", home=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"ropa-desktop {__version__}"


def test_init_seeds_both_organisations_and_refuses_to_overwrite(seeded: Path, tmp_path: Path) -> None:
    with RegisterStore.open(seeded, read_only=True) as store:
        names = [name for _, name in store.list_organizations()]
    assert names == ["LaserSeven", "Enlaps"]
    before = hashlib.sha256(seeded.read_bytes()).hexdigest()
    again = cli("init", "--db", seeded, home=tmp_path)
    assert again.returncode == 2 and "already exists" in one_clean_line(again.stderr)
    assert hashlib.sha256(seeded.read_bytes()).hexdigest() == before


def test_init_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.ropa"
    assert cli("init", "--db", path, "--empty", home=tmp_path).returncode == 0
    with RegisterStore.open(path, read_only=True) as store:
        assert store.list_organizations() == []


def test_json_export_holds_the_notices_facts(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    result = cli("export", "--db", seeded, "--format", "json", "--output", out, home=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text("utf-8"))
    laser, enlaps = doc["organizations"]
    assert enlaps["registration_number"].endswith("813 731 262") and enlaps["postal_code"] == "38330"
    assert enlaps["head"]["name"] == "Antoine Auberton"
    assert laser["dpo"]["email"] == "data@laserseven.io"
    rules = [r for a in laser["activities"] for r in a["retention"]]
    assert {"value": 10, "unit": "years"} in [r["duration"] for r in rules if "L. 123-22" in r["legal_reference"]]
    card = [r for r in rules if "L. 133-24" in r["legal_reference"]]
    assert {(r["duration"]["value"], r["duration"]["unit"]) for r in card} == {(13, "months"), (15, "months")}
    bases = {p["legal_basis"] for a in enlaps["activities"] for p in a["purposes"]}
    assert {"consent", "contract", "legitimate_interests"} <= bases
    recipients = {r["name"] for r in enlaps["recipients"]}
    assert {"PayPal", "Social Intents"} <= recipients


def test_json_round_trip_through_an_empty_register_is_exact(seeded: Path, tmp_path: Path) -> None:
    first, second, empty = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "empty.ropa"
    assert cli("export", "--db", seeded, "--format", "json", "-o", first, home=tmp_path).returncode == 0
    assert cli("init", "--db", empty, "--empty", home=tmp_path).returncode == 0
    imported = cli("import", "--db", empty, first, home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert cli("export", "--db", empty, "--format", "json", "-o", second, home=tmp_path).returncode == 0
    a, b = (json.loads(p.read_text("utf-8")) for p in (first, second))
    a.pop("exported_at"), b.pop("exported_at")
    assert a.pop("register_id") != b.pop("register_id")  # each names its own register
    assert a == b


def test_a_command_leaves_its_work_whole_when_it_exits_without_tearing_down(seeded: Path, tmp_path: Path) -> None:
    # The process leaves without freeing what it built: everything it wrote must be complete by then.
    out = tmp_path / "register.json"
    assert cli("export", "--db", seeded, "--format", "json", "-o", out, home=tmp_path).returncode == 0
    target = tmp_path / "target.ropa"
    assert cli("init", "--db", target, "--empty", home=tmp_path).returncode == 0
    imported = cli("import", "--db", target, out, home=tmp_path)
    assert imported.returncode == 0 and "Imported" in imported.stderr
    assert sorted(p.name for p in tmp_path.glob("target.ropa*")) == ["target.ropa"]  # lock released, WAL folded in
    with RegisterStore.open(target, read_only=True) as store:
        assert sum(len(o.activities) for o in store.load().organizations) == 23
    checked = cli("check", "--db", target, "--format", "json", home=tmp_path)
    assert checked.returncode == 1 and len(checked.stdout) > 8192  # past one buffer: its tail is flushed at exit
    assert json.loads(checked.stdout)["findings"]


def test_reimporting_updates_instead_of_duplicating(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    cli("export", "--db", seeded, "--format", "json", "-o", out, home=tmp_path)
    doc = json.loads(out.read_text("utf-8"))
    doc["organizations"][1]["activities"][0]["name"] = "Newsletters (edited by counsel)"
    for org in doc["organizations"]:  # ids gone: matching falls back on names and references
        org.pop("id")
        for activity in org["activities"]:
            activity.pop("id")
    out.write_text(json.dumps(doc), "utf-8")
    dry = cli("import", "--db", seeded, out, "--dry-run", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "Newsletters (edited by counsel)" in dry.stdout
    assert cli("import", "--db", seeded, out, home=tmp_path).returncode == 0
    with RegisterStore.open(seeded, read_only=True) as store:
        register = store.load()
    assert [o.name for o in register.organizations] == ["LaserSeven", "Enlaps"]
    assert register.organizations[1].activities[0].name == "Newsletters (edited by counsel)"
    assert len(register.organizations[1].activities) == 9


def test_check_reports_what_the_notices_leave_out(seeded: Path, tmp_path: Path) -> None:
    result = cli("check", "--db", seeded, home=tmp_path)
    assert result.returncode == 1
    assert "LaserSeven" in result.stdout and "security_measures" in result.stdout
    assert "legal_basis_to_be_determined" in result.stdout and "never_reviewed" not in result.stdout
    french = cli("check", "--db", seeded, home=tmp_path, lang="fr_FR.UTF-8")
    assert re.search(r"\d+ erreurs?, \d+ avertissements?", french.stderr), french.stderr


def test_check_json_is_the_documented_shape(seeded: Path, tmp_path: Path) -> None:
    result = cli("check", "--db", seeded, "--format", "json", "--lang", "fr", home=tmp_path)
    assert result.returncode == 1, result.stderr  # the seeded register has errors
    doc = json.loads(result.stdout)
    assert set(doc) == {"list_date", "findings", "scores"}
    assert doc["list_date"] == "2026-11-27"
    keys = {"severity", "code", "organization", "organization_id", "activity", "activity_id", "activities", "path",
            "message", "article"}
    assert all(set(f) == keys for f in doc["findings"])
    assert {f["severity"] for f in doc["findings"]} <= {"error", "warning", "info"}
    security = next(f for f in doc["findings"] if f["code"] == "missing_required" and f["path"] == "security_measures"
                    and f["organization_id"] == "laserseven")
    assert security["activity"] is None and security["activity_id"] is None and len(security["activities"]) == 14
    assert "Mesures de sécurité" in security["message"] and security["article"].startswith("Art. 30")
    basis = next(f for f in doc["findings"] if f["code"] == "legal_basis_to_be_determined")
    assert basis["activity"] == "LS-03" and basis["path"] == "purposes[0].legal_basis"
    assert [s["organization"] for s in doc["scores"]] == ["LaserSeven", "Enlaps"]
    for score in doc["scores"]:
        assert 0 <= score["score"] < 100
        assert all(0 <= a["score"] <= 100 for a in score["activities"])
    assert len(doc["scores"][1]["activities"]) == 9


def test_adequacy_prints_the_list_and_installs_a_newer_one(tmp_path: Path) -> None:
    shown = cli("adequacy", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "2026-11-27" in shown.stdout and "INT-EPO" in shown.stdout and "BR " in shown.stdout
    assert "C-311/18" in shown.stdout and "C-362/14" in shown.stdout
    packaged = json.loads((REPO / "ropa_desktop/data/adequacy/adequacy.json").read_text("utf-8"))
    newer = {**packaged, "list_date": "2027-03-01",
             "decisions": [d for d in packaged["decisions"] if d["destination"] != "BR"]}
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(newer), "utf-8")
    installed = cli("adequacy", "--update", path, home=tmp_path)
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / "adequacy.json").is_file()
    again = cli("adequacy", home=tmp_path)
    assert "2027-03-01" in again.stdout and "BR " not in again.stdout  # used from then on


@pytest.mark.parametrize("content", ['{"format": "ropa-desktop-adequacy", "version": 1}', "not json",
                                     '{"format": "ropa-desktop-adequacy", "version": 1, "list_date": "2027-01-01", '
                                     '"source": "", "decisions": [{"destination": "United States"}], '
                                     '"invalidated": []}'])
def test_adequacy_update_refuses_an_invalid_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    result = cli("adequacy", "--update", path, "--lang", "fr", home=tmp_path)
    assert result.returncode == 2
    assert "n'est pas une liste d'adéquation valide" in one_clean_line(result.stderr)
    assert not (tmp_path / "adequacy.json").exists()


@pytest.mark.parametrize("content", [b"", b"not a register\n", b"SQLite format 3\x00" + b"\x01" * 200])
def test_non_register_files_exit_2_and_stay_byte_identical(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.ropa"
    path.write_bytes(content)
    for args in (("check", "--db", path), ("export", "--db", path, "--format", "json", "-o", tmp_path / "x.json")):
        result = cli(*args, home=tmp_path)
        assert result.returncode == 2
        one_clean_line(result.stderr)
        assert path.read_bytes() == content
    assert not (tmp_path / "x.json").exists()


def test_newer_schema_exits_2_and_stays_byte_identical(seeded: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(seeded)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = seeded.read_bytes()
    result = cli("check", "--db", seeded, home=tmp_path, lang="fr_FR.UTF-8")
    assert result.returncode == 2 and "version plus récente" in one_clean_line(result.stderr)
    assert seeded.read_bytes() == before


def test_bad_import_input_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"activities": 3}]}')
    before = RegisterStore.open(seeded, read_only=True)
    snapshot = before.load()
    before.close()
    result = cli("import", "--db", seeded, bad, home=tmp_path)
    assert result.returncode == 2 and "activities" in one_clean_line(result.stderr)
    with RegisterStore.open(seeded, read_only=True) as store:
        assert store.load() == snapshot


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    for args in (("export", "--format", "docx", "-o", "x"), ("frobnicate",), ("import",)):
        result = cli(*args, home=tmp_path)
        assert result.returncode == 2
        assert "usage" in one_clean_line(result.stderr)


def test_check_never_creates_the_default_register(tmp_path: Path) -> None:
    """Only ``init`` and the GUI create a register (DESIGN §9): ``check`` on a fresh home is refused."""
    home = tmp_path / "home"
    result = cli("check", home=home)
    assert result.returncode == 2
    assert "does not exist" in one_clean_line(result.stderr)
    assert not (home / "register.ropa").exists()


def test_pdf_export_writes_one_file_per_organisation_or_the_one_asked_for(seeded: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "register.pdf"
    both = cli("export", "--db", seeded, "--format", "pdf", "-o", out, "--lang", "en", home=tmp_path)
    assert both.returncode == 0, both.stderr
    assert not out.exists()
    for name in ("laserseven", "enlaps"):
        assert (tmp_path / f"register-{name}.pdf").read_bytes().startswith(b"%PDF")
    one = cli("export", "--db", seeded, "--format", "pdf", "-o", out, "--organization", "Enlaps",
              "--profile", "public", home=tmp_path)
    assert one.returncode == 0, one.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages[:3])
    assert "Enlaps" in text and "813 731 262" in text
    unknown = cli("export", "--db", seeded, "--format", "pdf", "-o", out, "--organization", "Nobody", home=tmp_path)
    assert unknown.returncode == 2 and "Nobody" in one_clean_line(unknown.stderr)


def test_xlsx_round_trip_with_counsel(seeded: Path, tmp_path: Path) -> None:
    """Export for counsel, counsel edits one cell, the dry run shows exactly that edit, import applies it."""
    from openpyxl import load_workbook

    # By default one workbook per organisation, named after it; Enlaps' is the one counsel gets.
    result = cli("export", "--db", seeded, "--format", "xlsx", "-o", tmp_path / "register.xlsx", "--lang", "fr",
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "register.xlsx").exists()
    assert (tmp_path / "register-laserseven.xlsx").exists()
    workbook_path = tmp_path / "register-enlaps.xlsx"
    unchanged = cli("import", "--db", seeded, workbook_path, "--dry-run", home=tmp_path)
    assert unchanged.returncode == 0, unchanged.stderr
    workbook = load_workbook(workbook_path)
    sheet = next(ws for ws in workbook.worksheets if ws.title in ("Registre", "Register"))
    headers = [cell.value for cell in sheet[1]]
    name_column = headers.index("Nom du traitement") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, name_column).value == "Online chat")
    sheet.cell(row, name_column).value = "Chat en ligne (revu par le conseil)"
    workbook.save(workbook_path)
    dry = cli("import", "--db", seeded, workbook_path, "--dry-run", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "Chat en ligne (revu par le conseil)" in dry.stdout
    assert len([line for line in dry.stdout.splitlines() if "Online chat" in line]) <= 1
    assert cli("import", "--db", seeded, workbook_path, home=tmp_path).returncode == 0
    with RegisterStore.open(seeded, read_only=True) as store:
        names = [a.name for o in store.load().organizations for a in o.activities]
    assert "Chat en ligne (revu par le conseil)" in names and "Online chat" not in names


def test_hostile_spreadsheet_is_refused_and_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "register.xlsx"
    renamed.write_bytes(b"reference;name\nA-1;x\n")  # a CSV renamed .xlsx
    before = seeded.read_bytes()
    result = cli("import", "--db", seeded, renamed, home=tmp_path, lang="fr_FR.UTF-8")
    assert result.returncode == 2
    one_clean_line(result.stderr)
    assert seeded.read_bytes() == before

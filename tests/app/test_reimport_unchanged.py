"""Counsel's workbook back as exported: "No change" without loading the register; any edit takes the full import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import run_main

Loads = list[int]


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "r.ropa"
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    assert run_main(capsys, "init", "--db", db)[0] == 0
    code, _, err = run_main(capsys, "export", "--db", db, "--format", "xlsx", "-o", tmp_path / "r.xlsx",
                            "--lang", "en")
    assert code == 0, err
    return tmp_path / "r-enlaps.xlsx"  # one workbook per organisation: a part of the register


def _import(capsys: pytest.CaptureFixture[str], workbook: Path, *extra: str) -> list[str]:
    code, out, err = run_main(capsys, "import", "--db", workbook.parent / "r.ropa", workbook, *extra)
    assert code == 0, err
    return out.splitlines()


def _edit(workbook: Path, change: Callable[[object], None]) -> None:
    wb = load_workbook(workbook)
    change(wb)
    wb.save(workbook)


def test_an_unedited_workbook_is_no_change_without_loading_the_register(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    db = exported.parent / "r.ropa"
    before = db.read_bytes()
    assert _import(capsys, exported, "--dry-run") == ["No change."]
    assert _import(capsys, exported) == ["No change."]
    assert loads == [] and db.read_bytes() == before
    _edit(exported, lambda wb: None)  # opened and saved again, nothing typed (as counsel's spreadsheet does)
    assert _import(capsys, exported, "--dry-run") == ["No change."] and loads == []


def _delete_row(wb: object) -> None:
    wb["Register"].delete_rows(3)  # type: ignore[index]


def _copy_row(wb: object) -> None:
    ws = wb["Register"]  # type: ignore[index]
    ws.append([c.value for c in ws[2]])  # a row copied whole, its hidden id and digests too


def _rename(wb: object) -> None:
    wb["Recipients"].title = "Recipients (counsel)"  # type: ignore[index]


def _edit_organisation(wb: object) -> None:
    ws = wb["Organisations"]  # type: ignore[index]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("Phone") + 1).value = "+33 1 23 45 67 89"


def _add_sheet(wb: object) -> None:
    wb.create_sheet("Notes").append(["counsel's note"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("change", [_delete_row, _copy_row, _rename, _edit_organisation, _add_sheet])
def test_an_edited_workbook_takes_the_full_import(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads, change: Callable[[object], None]) -> None:
    _edit(exported, change)
    _import(capsys, exported, "--dry-run")
    assert loads, "the register was not loaded: an edit was taken for no change"


def test_a_register_saved_since_the_export_takes_the_full_import(
        exported: Path, capsys: pytest.CaptureFixture[str], loads: Loads) -> None:
    db = exported.parent / "r.ropa"
    with RegisterStore.open(db) as store:
        register = store.load()
        org = next(o for o in register.organizations if o.activities and o.name.lower().startswith("enlaps"))
        org.activities[0].notes = "changed by the DPO"
        store.save_activity(org.id, org.activities[0])
    loads.clear()
    assert _import(capsys, exported, "--dry-run") == ["No change."]  # the DPO's edit stays: not overridden
    assert loads


def test_a_processors_workbook_unedited_is_no_change_and_its_clients_sheet_edited_is_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], loads: Loads, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Clients and Processing sheets have their fingerprints too."""
    from tests.paths import REPO

    db, workbook = tmp_path / "r.ropa", tmp_path / "p.xlsx"
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    assert run_main(capsys, "init", "--db", db, "--empty")[0] == 0
    assert run_main(capsys, "import", "--db", db, REPO / "sample_registers" / "processor-register.json")[0] == 0
    assert run_main(capsys, "export", "--db", db, "--format", "xlsx", "-o", workbook, "--lang", "en")[0] == 0
    loads.clear()
    assert _import(capsys, workbook, "--dry-run") == ["No change."] and loads == []

    def edit_client(wb: object) -> None:
        ws = wb["Clients (processor)"]  # type: ignore[index]
        ws.cell(2, 4).value = f"{ws.cell(2, 4).value} (counsel)"

    _edit(workbook, edit_client)
    _import(capsys, workbook, "--dry-run")
    assert loads

"""Sheets of our own workbook that nobody edited are not compared again on re-import; an edited one still is."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.spreadsheet import export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register


def test_an_unedited_cnil_list_is_skipped_and_an_edited_one_is_read(tmp_path: Path) -> None:
    register = synthetic_register(4)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr", fiches=False)
    untouched = read_spreadsheet(path)
    assert not [a for a in untouched.alternatives if a.source == "list"]
    assert plan_import(register, read_input(path), "fr").changes == []

    edited = register.organizations[0].activities[1]
    wb = openpyxl.load_workbook(path)
    ws = wb["2_-_Liste_des_traitements"]
    row = next(r for r in range(9, ws.max_row + 1) if ws.cell(r, 2).value == edited.reference)
    ws.cell(row, 1).value = "Nom revu dans la liste"
    wb.save(path)
    result = read_spreadsheet(path)
    assert edited.id in {a.activity_id for a in result.alternatives if a.source == "list"}  # the whole list is read
    plan = plan_import(register, read_input(path), "fr")
    assert [(c.path, c.new, c.where) for c in plan.changes] == [
        ("name", "Nom revu dans la liste", f"2_-_Liste_des_traitements!A{row}")
    ]

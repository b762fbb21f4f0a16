"""Counsel's edits typed in any sheet of our own workbook come back, with the cell they were typed in."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.importing import apply_import, plan_import, read_input
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.services.spreadsheet import export_xlsx

soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def _laserseven() -> Register:
    register = seed_register()
    return Register([o for o in register.organizations if o.name == "LaserSeven"])


def _resave(path: Path, tmp_path: Path) -> Path:
    """The workbook opened and saved again by LibreOffice, as counsel's office suite does."""
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    return out / path.name


@soffice
@pytest.mark.slow
def test_edits_typed_in_a_fiche_come_back_with_their_cells(tmp_path: Path) -> None:
    register = _laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["LS-02"]
    assert ws["A25"].value.startswith("État civil") and ws["A65"].value == "Base légale – Finalité principale"
    ws["E25"] = "3 ans"  # a retention typed in the identity row, beside the full schedule kept below
    ws["B65"] = "Consentement (art. 6(1)(a))"
    ws["C27"] = "une note tapée hors des colonnes lues"
    wb.save(path)
    resaved = _resave(path, tmp_path)

    incoming = read_input(resaved)
    plan = plan_import(register, incoming, "fr")
    got = {c.path: c.where for c in plan.changes}
    assert got == {"purposes": "LS-02!B65", "retention": "LS-02!E25"}, plan.describe("fr")
    said = [w.message("en") for w in incoming.warnings if w.code == "cells_not_imported"]
    assert said == ["Not imported (LS-02!C27): 'une note tapée hors des colonnes lues' (no register field at that "
                    "place of the template)."]

    after = apply_import(register, plan)
    activity = next(a for a in after.organizations[0].activities if a.reference == "LS-02")
    before = next(a for a in register.organizations[0].activities if a.reference == "LS-02")
    assert activity.main_purpose().legal_basis == "consent"  # type: ignore[union-attr]
    typed = [r for r in activity.retention if r.categories == ["identity"]]
    assert [(r.duration.value, r.duration.unit) for r in typed if r.duration] == [(3, "years")]
    assert len(activity.retention) == len(before.retention) + 1  # the schedule below is kept whole


def test_an_unread_cell_of_the_cnil_list_is_named(tmp_path: Path) -> None:
    register = _laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["2_-_Liste_des_traitements"]
    assert ws["B10"].value == "LS-02" and ws["H10"].value == "non"
    ws["H10"] = "oui"  # "sensitive data?" is computed from the data categories
    ws["A30"] = "Traitement ajouté dans la liste"
    wb.save(path)
    incoming = read_input(path)
    said = [w.message("fr") for w in incoming.warnings if w.code in ("derived_cells_not_imported", "unlinked_row")]
    assert said == [
        "Non importé (2_-_Liste_des_traitements!H10) : « oui » (cellule calculée à partir du registre : "
        "modifiez le champ d'origine).",
        "Feuille « 2_-_Liste_des_traitements », ligne 30 : « Traitement ajouté dans la liste » ne désigne aucun "
        "traitement ; ligne non importée.",
    ]

"""What counsel found in spreadsheets filled by people: retention words, placeholders, id-less rows, conflicts."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.app import main
from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.spreadsheet import export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.test_real_spreadsheets import _sample


def _column(ws: object, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1  # type: ignore[index]


def test_retention_typed_in_the_register_sheet_is_a_duration_or_a_criterion(tmp_path: Path) -> None:
    register = synthetic_register(2)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    reg.cell(row=2, column=_column(reg, "Durées de conservation")).value = (
        "3 ans\n5 years\n10 ans à compter de la fin du contrat\njusqu'à la fin du contrat"
    )
    wb.save(path)
    read = read_spreadsheet(path).register.organizations[0].activities[0]
    got = [(r.duration.value if r.duration else None, r.duration.unit if r.duration else "", r.start, r.criterion,
            r.applies_to) for r in read.retention]
    assert got == [
        (3, "years", "", "", ""),
        (5, "years", "", "", ""),
        (10, "years", "fin du contrat", "", ""),
        (None, "", "", "jusqu'à la fin du contrat", ""),
    ]


def test_the_templates_placeholder_reference_is_no_reference(tmp_path: Path) -> None:
    wb = _sample()
    ws = wb["RH-01 Candidatures"]
    ws["B5"] = "ref-001"  # the template's own value, left as it was by the person who filled the fiche
    wb.save(tmp_path / "t.xlsx")
    activities = read_spreadsheet(tmp_path / "t.xlsx").register.organizations[0].activities
    assert "ref-001" not in [a.reference for a in activities]
    assert "Gestion des candidatures" in [a.name for a in activities]


@pytest.mark.parametrize("with_reference", [False, True])
def test_a_row_typed_without_id_is_added_once(tmp_path: Path, with_reference: bool) -> None:
    db, xlsx = tmp_path / "r.ropa", tmp_path / "c.xlsx"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(synthetic_register(3))
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(xlsx), "--lang", "fr"]) == 0
    wb = openpyxl.load_workbook(xlsx)
    reg = wb["Registre"]
    row = reg.max_row + 1
    reg.cell(row=row, column=_column(reg, "Nom du traitement")).value = "Nouveau traitement tapé"
    org = _column(reg, "Nom de l'organisme")
    reg.cell(row=row, column=org).value = reg.cell(row=2, column=org).value
    if with_reference:
        reg.cell(row=row, column=_column(reg, "N° / RÉF")).value = "NEW-9"
    wb.save(xlsx)
    for _ in range(3):
        assert main(["import", "--db", str(db), str(xlsx)]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        names = [a.name for a in store.load().organizations[0].activities]
    assert names.count("Nouveau traitement tapé") == 1


def test_a_conflict_shows_both_sides_with_their_cells(tmp_path: Path) -> None:
    register = synthetic_register(3)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    second = register.organizations[0].activities[1]
    wb = openpyxl.load_workbook(path)
    wb[second.reference]["B4"] = "Nom de la fiche"
    reg = wb["Registre"]
    reg.cell(row=3, column=_column(reg, "Nom du traitement")).value = "Nom du registre"
    orgs = wb["Organismes"]
    orgs.cell(row=2, column=_column(orgs, "Délégué à la protection des données (DPO) – Adresse mél")).value = (
        "dpo.feuille@example.org"
    )
    wb["2_-_Liste_des_traitements"]["I6"] = "dpo.liste@example.org"
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    lines = plan.describe("fr")
    line = next(text for text in lines if "Nom de la fiche" in text)
    assert f"registre : {second.name}" in line.replace("registre:", "registre :")
    assert "Registre!E3: Nom du registre" in line and f"{second.reference}!B4: Nom de la fiche" in line
    dpo = next(c for c in plan.changes if c.path == "dpo.email")
    assert dpo.conflict == "edited_twice"
    cells = dpo.where.split(" ≠ ")
    assert cells[0].startswith("Organismes!") and cells[1] == "2_-_Liste_des_traitements!I6", dpo.where
    line = next(text for text in lines if "dpo.liste@example.org" in text)
    assert "dpo.feuille@example.org" in line and "Organismes!" in line


def test_legal_bases_as_people_word_them(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Activité de traitement", "Finalité", "Base légale"])
    wordings = {
        "Mesures précontractuelles": "contract",
        "Exécution du contrat de travail": "contract",
        "Pre-contractual measures": "contract",
        "Art. 6(1)(f) RGPD": "legitimate_interests",
        "article 6.1.c": "legal_obligation",
        "Respect d'une obligation légale": "legal_obligation",
        "Mission de service public": "public_task",
        "Sauvegarde des intérêts vitaux": "vital_interests",
        "Consentement de la personne concernée": "consent",
        "Legitimate interests of the controller": "legitimate_interests",
    }
    for i, text in enumerate(wordings):
        ws.append([f"Traitement {i}", "Finalité", text])
    wb.save(tmp_path / "t.xlsx")
    result = read_spreadsheet(tmp_path / "t.xlsx")
    got = {a.name: a.purposes[0].legal_basis for a in result.register.organizations[0].activities}
    assert got == {f"Traitement {i}": code for i, code in enumerate(wordings.values())}
    assert not [w for w in result.warnings if w.code == "unknown_value"]


def test_fiches_nobody_edited_are_not_read_again(tmp_path: Path) -> None:
    register = synthetic_register(6)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    edited = register.organizations[0].activities[2]
    wb = openpyxl.load_workbook(path)
    wb[edited.reference]["B4"] = "Nom revu dans la fiche"
    wb.save(path)
    result = read_spreadsheet(path)
    from_fiches = {a.activity_id for a in result.alternatives if a.source == "fiche"}
    assert from_fiches == {edited.id}  # the five untouched fiches cost nothing to compare
    plan = plan_import(register, read_input(path), "fr")
    assert [(c.path, c.new, c.where) for c in plan.changes] == [
        ("name", "Nom revu dans la fiche", f"{edited.reference}!B4")
    ]

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
from tests.services.spreadsheet.test_real_spreadsheets import _sample


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


@pytest.mark.slow
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


@pytest.mark.slow
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
    assert "Registre!E3 : Nom du registre" in line and f"{second.reference}!B4 : Nom de la fiche" in line
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


@pytest.mark.slow
def test_fiches_nobody_edited_are_not_read_again(tmp_path: Path) -> None:
    register = synthetic_register(6)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    edited = register.organizations[0].activities[2]
    wb = openpyxl.load_workbook(path)
    wb[edited.reference]["B4"] = "Nom revu dans la fiche"
    wb.save(path)
    result = read_spreadsheet(path)
    from_fiches = {a.activity_id for a in result.alternatives if a.source == "fiche" and a.activity_id}
    assert from_fiches == {edited.id}  # the five untouched fiches cost nothing to compare
    plan = plan_import(register, read_input(path), "fr")
    assert [(c.path, c.new, c.where) for c in plan.changes] == [
        ("name", "Nom revu dans la fiche", f"{edited.reference}!B4")
    ]


def test_the_fiches_actors_rows_are_imported_or_named(tmp_path: Path) -> None:
    wb = _sample()
    ws = wb["RH-01 Candidatures"]
    ws["H10"] = "rh@exemple.fr"  # the controller's e-mail differs from the list sheet's
    ws["B11"], ws["H11"] = "Paul MARTIN", "dpo@exemple.fr"  # another DPO name; the same e-mail
    ws["B13"], ws["E13"] = "Rep Europe SA", "Bruxelles"  # a representative the list sheet leaves empty
    wb.save(tmp_path / "t.xlsx")
    result = read_spreadsheet(tmp_path / "t.xlsx")
    org = result.register.organizations[0]
    assert (org.representative.name, org.representative.city) == ("Rep Europe SA", "Bruxelles")
    assert org.head.country == "FR"  # the list sheet has no country: the fiche's is taken
    assert (org.head.email, org.dpo.name) == ("direction@exemple.fr", "Martin HENRI")  # the list sheet's kept
    said = [w.message("en") for w in result.warnings if w.code == "fiche_contact_differs"]
    assert said == [
        "Not imported (RH-01 Candidatures!H10): 'rh@exemple.fr', the organisation already has "
        "'direction@exemple.fr' (2_-_Liste_des_traitements!I1).",
        "Not imported (RH-01 Candidatures!B11): 'Paul MARTIN', the organisation already has 'Martin HENRI' "
        "(2_-_Liste_des_traitements!C5).",
    ]


@pytest.mark.slow
def test_the_actors_rows_of_our_own_fiche_come_back_reviewed(tmp_path: Path) -> None:
    register = synthetic_register(3)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    org = register.organizations[0]
    fiche = org.activities[1].reference
    wb = openpyxl.load_workbook(path)
    wb[fiche]["C10"] = "7 avenue Nouvelle"  # the organisation's address, typed in a fiche
    wb[fiche]["B11"] = "Nouvelle DPO"
    wb[fiche]["H11"] = None  # a cell emptied: never erases the register
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    got = {c.path: (c.new, c.where, c.conflict) for c in plan.changes}
    assert got == {
        "address": ("7 avenue Nouvelle", f"{fiche}!C10", ""),
        "dpo.name": ("Nouvelle DPO", f"{fiche}!B11", ""),
    }, plan.describe("fr")


def test_print_map_says_what_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    cnil = tmp_path / "cnil.xlsx"
    _sample().save(cnil)
    capsys.readouterr()
    assert main(["import", "--print-map", str(cnil), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "CNIL layout" in out and "no column mapping" in out and "{" not in out
    ours = tmp_path / "ours.xlsx"
    export_xlsx(synthetic_register(2), ours, lang="fr")
    assert main(["import", "--print-map", str(ours), "--lang", "en"]) == 0
    used = json.loads(capsys.readouterr().out)
    assert list(used) == ["Registre"]
    assert used["Registre"]["Nom du traitement"] == "name" and used["Registre"]["Sources"] == "sources"


def test_how_to_type_a_multi_item_cell_is_shown_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    export_xlsx(synthetic_register(2), path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    retention = reg.cell(row=1, column=_column(reg, "Durées de conservation"))
    assert retention.comment is not None
    assert "Durée: …" in retention.comment.text and "un élément par ligne" in retention.comment.text
    assert wb["5_-_Listes"].sheet_state == "hidden"  # the dropdowns' source stays out of the way


@pytest.mark.slow
def test_the_register_prints_without_its_sources_and_the_sources_print_whole(tmp_path: Path) -> None:
    register = synthetic_register(2)
    activity = register.organizations[0].activities[0]
    from ropa_desktop.domain.model import Source

    activity.sources = [Source("Charte", "§1", "Un long extrait. " * 300, "purposes")]
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    sources = _column(reg, "Sources")
    assert reg.print_area == f"'Registre'!$A$1:${openpyxl.utils.get_column_letter(sources - 1)}$3"
    assert (reg.row_dimensions[2].height or 15) < 409  # the long excerpt does not make the row a page
    printable = wb["Extraits des sources"]
    assert [c.value for c in printable[2]][1:5] == [activity.reference, activity.name, "purposes", "Charte"]
    pieces = [row[6] for row in printable.iter_rows(min_row=2, values_only=True) if row[1] == activity.reference]
    assert "".join(pieces) == activity.sources[0].excerpt and len(pieces) == 4
    for r in range(2, 2 + len(pieces)):  # each row tall enough for its piece of the excerpt: nothing clipped
        needed = sum(len(part) // 61 + 1 for part in str(printable.cell(row=r, column=7).value).split("\n"))
        assert printable.row_dimensions[r].height >= needed * 15
    assert read_spreadsheet(path).warnings == []  # our printable copy is known, not an ignored sheet
    printable["G2"] = "modifié"
    wb.save(path)
    assert [w.code for w in read_spreadsheet(path).warnings] == ["sources_sheet_edited"]


def test_madis_yes_no_columns_come_in(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    people, security, specific = (
        "Détails - Personnes concernées - ", "Mesures de sécurité et confidentialité - ", "Traitement spécifique - ")
    ws.append(["Nom", "Collectivité - Nom", "Finalités", "Base légale", people + "Agents",
               people + "Agents - Commentaire", people + "Élus", people + "Internautes", security + "Sauvegarde",
               security + "Sauvegarde - Commentaire", security + "Traçabilité", specific + "Usage innovant",
               specific + "Décisions automatisées  avec  effet"])
    ws.append(["Gestion du personnel", "Commune de Test", "Paie et carrière", "Obligation légale", "Oui",
               "titulaires et contractuels", "Non", "Oui", "Oui", "quotidienne", "Non", "Non", "Oui"])
    wb.save(tmp_path / "madis.xlsx")
    result = read_spreadsheet(tmp_path / "madis.xlsx")
    a = result.register.organizations[0].activities[0]
    assert [(s.category, s.details) for s in a.data_subjects] == [
        ("employees", "Agents: titulaires et contractuels"), ("other", "Internautes")]
    assert [(m.type, m.details) for m in a.security_measures] == [("backup", "quotidienne")]
    assert a.dpia.criteria == ["automated_decision"]
    assert result.unmapped_headers == []


@pytest.mark.slow
def test_the_review_dialog_shows_both_sides_of_a_conflict(tmp_path: Path, qtbot: object) -> None:
    from ropa_desktop.gui.import_review import ImportReviewDialog

    register = synthetic_register(3)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    second = register.organizations[0].activities[1]
    wb = openpyxl.load_workbook(path)
    wb[second.reference]["B4"] = "Nom de la fiche"
    reg = wb["Registre"]
    reg.cell(row=3, column=_column(reg, "Nom du traitement")).value = "Nom du registre"
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    dialog = ImportReviewDialog(plan, lang="fr")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    conflict = next(c for c in plan.changes if c.conflict == "edited_twice")
    item = dialog.item_for(conflict.id)
    assert item.text(2) == second.name
    assert item.text(3) == f"Registre!E3: Nom du registre\n{second.reference}!B4: Nom de la fiche"
    assert item.checkState(0).name == "Unchecked"


def test_the_same_edited_workbook_imported_again_changes_nothing(tmp_path: Path) -> None:
    db, xlsx = tmp_path / "r.ropa", tmp_path / "c.xlsx"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(synthetic_register(3))
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(xlsx), "--lang", "fr"]) == 0
    wb = openpyxl.load_workbook(xlsx)
    reg = wb["Registre"]
    reg.cell(row=2, column=_column(reg, "Nom du traitement")).value = "Renommé par le conseil"
    wb.save(xlsx)
    assert main(["import", "--db", str(db), str(xlsx)]) == 0  # applied, and the activity stamped now
    with RegisterStore.open(db, read_only=True) as store:
        current = store.load()
    assert "Renommé par le conseil" in [a.name for a in current.organizations[0].activities]
    again = plan_import(current, read_input(xlsx), "fr")
    assert again.changes == [], again.describe("fr")

"""Spreadsheets made the way people make them: "Non concerné", ids, non-registers, LibreOffice re-saves."""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from ropa_desktop.app import main
from ropa_desktop.services.blank_answers import means_nothing
from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.spreadsheet import SpreadsheetError, export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import write_register
from tests.paths import REPO
from tests.services.spreadsheet.office import soffice

SAMPLES = REPO / "sample_registers"


@pytest.mark.parametrize(
    "text", ["Non concerné", "NON CONCERNEE", "sans objet", "Non applicable", "Néant", "N/A", "na", "-", "—",
             "x", "RAS", " n/a. ", "Non concernées :", "NON    CONCERNÉ\n\t", "R.A.S.", "non\u00a0applicable"]
)
def test_answers_meaning_nothing(text: str) -> None:
    assert means_nothing(text)


@pytest.mark.parametrize("text", ["Non", "Nom", "Aucune donnée de santé", "NA-01", "Salariés", "0",
                                  "non concernées par le traitement"])
def test_answers_that_say_something(text: str) -> None:
    assert not means_nothing(text)


@functools.cache
def _sample_values() -> dict[str, list[list[object]]]:
    """The filled CNIL sample's list and first fiche, values only (its formatted rows make it slow to read)."""
    wb = openpyxl.load_workbook(SAMPLES / "cnil-template-filled.xlsx", read_only=True)
    out = {}
    for name in ("2_-_Liste_des_traitements", "RH-01 Candidatures"):
        out[name] = [
            [None if isinstance(v, str) and v.startswith("=") else v for v in row]
            for row in wb[name].iter_rows(max_row=70, values_only=True)
        ]
    wb.close()
    return out


def _sample() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in _sample_values().items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    return wb


def _cnil_answered_nothing(path: Path, *, organisation: str = "", head: str = "DUPONT") -> None:
    """The filled CNIL sample, with a person who answered "Non concerné" wherever nothing applies."""
    wb = _sample()
    ws = wb["RH-01 Candidatures"]
    for row in ws.iter_rows():
        label = str(row[0].value or "")
        if label.startswith(("Données révélant", "Données génétiques", "Données biométriques",
                             "Données concernant", "Données relatives")):
            row[1].value = "Non concerné"
            row[4].value = "N/A"
        elif label.startswith("Organisme destinataire"):
            row[1].value, row[2].value, row[3].value = "Sans objet", "—", "Non applicable"
        elif label == "Catégorie de personnes 2":
            row[1].value = "Néant"
        elif label == "Mesure de sécurité 3":
            row[1].value, row[4].value = "-", "RAS"
    lst = wb["2_-_Liste_des_traitements"]
    lst["C1"] = head
    if organisation:
        lst["C1"], lst["E1"] = organisation, None  # no first name: "Nom" is the organisation's
    lst["C2"] = 1000  # typed as a number: the zero of "01000" is gone
    ws["A64"] = "Remarque : données archivées sur papier au siège"  # typed below the template's rows
    wb.save(path)


def test_cnil_register_answered_non_concerne_invents_nothing(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    _cnil_answered_nothing(path)
    result = read_spreadsheet(path)
    rh = next(a for a in result.register.organizations[0].activities if a.reference == "RH-01")
    assert not [c for c in rh.data_categories if c.sensitive]
    assert rh.transfers == []
    assert [s.details for s in rh.data_subjects if s.category == ""] == []
    assert len(rh.data_subjects) == 1 and len(rh.security_measures) <= 2
    assert result.register.organizations[0].head.postal_code == "01000"
    unread = [w.message("en") for w in result.warnings if w.code == "cells_not_imported"]
    assert unread == ["Not imported (RH-01 Candidatures!A64): 'Remarque : données archivées sur papier au siège' "
                      "(no register field at that place of the template)."]


def test_two_cnil_registers_into_one_file_stay_apart(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    assert main(["init", "--db", str(db), "--empty"]) == 0
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _cnil_answered_nothing(first, organisation="Cabinet Alpha")
    _cnil_answered_nothing(second)  # names only people: where it goes must be said
    assert main(["import", "--db", str(db), str(first)]) == 0
    assert main(["import", "--db", str(db), str(second)]) == 2
    assert main(["import", "--db", str(db), str(second), "--into", "nobody"]) == 2
    assert main(["import", "--db", str(db), str(second), "--new-organization", "Cabinet Beta"]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        register = store.load()
    orgs = {o.name: o for o in register.organizations}
    assert set(orgs) == {"Cabinet Alpha", "Cabinet Beta"}
    assert len(orgs["Cabinet Alpha"].activities) == len(orgs["Cabinet Beta"].activities) == 3
    # the first one's contacts are untouched; importing it again into itself by name changes nothing new
    assert orgs["Cabinet Alpha"].head.name == "Cabinet Alpha"
    assert main(["import", "--db", str(db), str(second), "--into", "cabinet beta", "--dry-run"]) == 0


def test_no_organisation_named_exits_2_with_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite"
    main(["init", "--db", str(db), "--empty"])
    path = tmp_path / "b.xlsx"
    _cnil_answered_nothing(path)
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "names no organisation: give --into ORG" in err[0]


def _ciso_workbook(path: Path) -> None:
    """A processing workbook as CISO Assistant exports it: one sheet per object, linked by the processing."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Processings"
    ws.append(["ref_id", "name", "description", "status", "legal_basis", "dpia_required", "folder", "author",
               "information_channel"])
    ws.append(["PRC-1", "Payroll", "Monthly pay", "approved", "legal_obligation", True, "Global", "ana", "HR portal"])
    ws.append(["PRC-2", "Newsletter", "Marketing e-mails", "draft", "consent", False, "Global", "bob", "N/A"])
    ws = wb.create_sheet("Purposes")
    ws.append(["processing", "name", "legal_basis"])
    ws.append(["PRC-1", "Pay the staff", "legal_obligation"])
    ws.append(["PRC-1", "Declare social charges", "legal_obligation"])
    ws.append(["PRC-2", "Send the newsletter", "consent"])
    ws = wb.create_sheet("Personal data")
    ws.append(["processing", "name", "category", "retention", "deletion_policy", "is_sensitive"])
    ws.append(["PRC-1", "Bank details", "Informations d'ordre économique et financier", "5 years", "automatic_deletion",
               False])
    ws.append(["PRC-1", "Sick leave", "Santé", "Non concerné", "", True])
    ws.append(["PRC-2", "E-mail", "identity", "3 years", "", False])
    ws = wb.create_sheet("Data recipients")
    ws.append(["processing", "name", "category", "description"])
    ws.append(["PRC-1", "Payroll provider", "Sous-traitants", "computes the pay"])
    ws.append(["PRC-9", "Ghost", "", ""])
    ws = wb.create_sheet("Data transfers")
    ws.append(["processing", "name", "country", "transfer_mechanism", "documentation_link"])
    ws.append(["PRC-2", "Mailer Inc.", "US", "Clauses contractuelles types (CCT)", "https://example.test/dpa"])
    ws = wb.create_sheet("Owners")
    ws.append(["owner", "email"])
    ws.append(["ana", "ana@example.test"])
    wb.save(path)


def test_multi_sheet_workbook_joined_by_ids_is_one_register(tmp_path: Path) -> None:
    path = tmp_path / "ciso.xlsx"
    _ciso_workbook(path)
    result = read_spreadsheet(path)
    assert result.kind == "table"
    acts = {a.reference: a for a in result.register.organizations[0].activities}
    pay, news = acts["PRC-1"], acts["PRC-2"]
    assert pay.dpia.required is True and news.dpia.required is False
    assert [p.description for p in pay.purposes][-2:] == ["Pay the staff", "Declare social charges"]
    assert {c.category for c in pay.data_categories} == {"economic_financial", "health"}
    assert any(c.sensitive for c in pay.data_categories)
    assert [r.criterion for r in pay.retention] == ["5 years"]  # "Non concerné" invents no rule
    org = result.register.organizations[0]
    assert [org.recipient(link.recipient_id).name for link in pay.recipients] == ["Payroll provider"]
    assert [(t.recipient, t.country, t.safeguard) for t in news.transfers] == [("Mailer Inc.", "US", "scc")]
    messages = [w.message("en") for w in result.warnings]
    # nothing dropped without a word: unknown columns, the unlinked row and the unread sheet are named
    assert any("'folder'" in m and "'Processings'" in m for m in messages)
    assert any("'deletion_policy'" in m for m in messages)
    assert any("'PRC-9' names no processing activity" in m for m in messages)
    assert any("Sheet 'Owners' not imported" in m for m in messages)
    assert result.ignored_sheets == ["Owners"]


def test_print_map_then_map_brings_a_column_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ciso.xlsx"
    _ciso_workbook(path)
    db = tmp_path / "r.sqlite"
    main(["init", "--db", str(db), "--empty"])
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(path), "--print-map"]) == 0
    guessed = json.loads(capsys.readouterr().out)
    assert guessed["Processings"]["ref_id"] == "reference" and guessed["Processings"]["folder"] == ""
    assert guessed["Purposes"]["processing"] == "activity"
    guessed["Processings"]["information_channel"] = "data_source"
    guessed["Processings"]["folder"] = "organization"
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps(guessed), encoding="utf-8")
    assert main(["import", "--db", str(db), str(path), "--map", str(map_file)]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        register = store.load()
    org = register.organizations[0]
    assert org.name == "Global"
    assert {a.reference: a.data_source for a in org.activities} == {"PRC-1": "HR portal", "PRC-2": ""}
    assert len(org.activities[0].purposes) == 3


def test_a_workbook_that_is_not_a_register_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Assets"
    ws.append(["Asset", "Name", "Owner", "Classification", "Location"])
    ws.append(["A-1", "Laptop fleet", "IT", "Internal", "Paris"])
    ws = wb.create_sheet("Owners")
    ws.append(["Name", "Status"])
    ws.append(["IT", "active"])
    wb.save(tmp_path / "assets.xlsx")
    with pytest.raises(SpreadsheetError) as refused:
        read_spreadsheet(tmp_path / "assets.xlsx")
    assert "a workbook with sheets Assets, Owners, no register found" in refused.value.message("en")
    db = tmp_path / "r.sqlite"
    main(["init", "--db", str(db), "--empty"])
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(tmp_path / "assets.xlsx"), "--lang", "fr"]) == 2
    assert "un classeur avec les feuilles Assets, Owners, aucun registre trouvé" in capsys.readouterr().err
    mapping = {"Assets": {"Name": "name", "Owner": "owner_department"}}
    mapped = read_spreadsheet(tmp_path / "assets.xlsx", mapping=mapping)
    assert [a.name for a in mapped.register.organizations[0].activities] == ["Laptop fleet"]


def test_identity_typed_in_the_label_cell(tmp_path: Path) -> None:
    wb = _sample()
    ws = wb["2_-_Liste_des_traitements"]
    ws["B1"], ws["C1"], ws["E1"] = "Nom : Société Gamma SAS", None, None
    ws["B5"], ws["C5"] = "Nom : HENRI", None
    wb.save(tmp_path / "g.xlsx")
    org = read_spreadsheet(tmp_path / "g.xlsx").register.organizations[0]
    assert org.name == "Société Gamma SAS" and org.dpo.name.endswith("HENRI")


@soffice
@pytest.mark.slow
def test_export_hand_edited_in_libreoffice_comes_back_from_every_sheet(tmp_path: Path) -> None:
    register = synthetic_register(4)
    path = tmp_path / "export.xlsx"
    export_xlsx(register, path, lang="fr")
    first, second, third = register.organizations[0].activities[:3]
    # counsel edits: a fiche, the CNIL list, and the same field differently in the Register sheet and a fiche
    wb = openpyxl.load_workbook(path)
    wb[first.reference]["B4"] = "Nom revu par le conseil"
    wb[second.reference]["B4"] = "Nom de la fiche"
    reg = wb["Registre"]
    column = [c.value for c in reg[1]].index("Nom du traitement") + 1
    reg.cell(row=3, column=column).value = "Nom du registre"
    for row in wb["2_-_Liste_des_traitements"].iter_rows():
        if row[1].value == third.reference:
            row[0].value = "Nom revu dans la liste"
    wb["2_-_Liste_des_traitements"]["I6"] = "nouveau.dpo@example.org"  # the DPO's e-mail, in the list sheet
    wb.save(path)
    # ... then the workbook is opened and saved again by LibreOffice, as counsel's office suite does
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    incoming = read_input(out / "export.xlsx")
    plan = plan_import(register, incoming, "fr")
    lines = plan.describe("fr")
    by_ref = {c.activity.split(" ")[0]: c for c in plan.changes if c.activity}
    assert by_ref[first.reference].new == "Nom revu par le conseil" and not by_ref[first.reference].conflict
    assert by_ref[first.reference].where == f"{first.reference}!B4"
    assert by_ref[third.reference].new == "Nom revu dans la liste"
    conflict = by_ref[second.reference]
    assert conflict.conflict == "edited_twice" and conflict.where == f"Registre!E3 ≠ {second.reference}!B4"
    dpo = next(c for c in plan.changes if c.path == "dpo.email")
    assert dpo.new == "nouveau.dpo@example.org" and dpo.where == "2_-_Liste_des_traitements!I6"
    assert len(plan.changes) == 4, lines


def _grid(ws: object, rows: int = 62, cols: int = 9) -> list[list[object]]:
    return [[ws.cell(row=r, column=c).value for c in range(1, cols + 1)] for r in range(1, rows + 1)]  # type: ignore[attr-defined]


@pytest.mark.slow
def test_our_fiche_is_the_cnil_template_cell_for_cell_and_pastes_both_ways(tmp_path: Path) -> None:
    from ropa_desktop.services.values import fold

    register = synthetic_register(3)
    activity = register.organizations[0].activities[0]
    ours = tmp_path / "ours.xlsx"
    export_xlsx(register, ours, lang="fr")
    mine = openpyxl.load_workbook(ours)
    official = openpyxl.load_workbook(SAMPLES / "cnil-template-filled.xlsx")
    template = official["3_-_Modèle_de_fiche_de_registre"]
    typed = _grid(official["RH-01 Candidatures"])
    fiche = mine[activity.reference]
    # every label of the template's rows 3-62 sits in the same cell of our fiche
    for r, (theirs, got) in enumerate(zip(_grid(template), _grid(fiche), strict=True), 1):
        if r < 3:
            continue
        for c, value in enumerate(theirs[:8]):
            if isinstance(value, str) and value and not value.startswith(("=", "Sélectionnez", "ref-")):
                assert fold(str(got[c] or "")) == fold(value), (r, c, value, got[c])
    assert "2_-_Liste_des_traitements" in mine.sheetnames and "5_-_Listes" in mine.sheetnames
    # our fiche pasted into the official workbook (values, cell for cell) is read as the same activity
    for r, row in enumerate(_grid(fiche), 1):
        for c, value in enumerate(row, 1):
            target = template.cell(row=r, column=c)
            if not isinstance(target, MergedCell):  # the template merges B:D, E:H...: we write the first
                target.value = value
    for name in ("RH-01 Candidatures", "SEC-02 Vidéo", "Tutoriel", "4_-_Exemple_de_fiche", "5_-_Listes"):
        del official[name]
    official.save(tmp_path / "official.xlsx")
    read = read_spreadsheet(tmp_path / "official.xlsx").register.organizations[0]
    back = next(a for a in read.activities if a.reference == activity.reference)
    assert back.name == activity.name
    assert [p.description for p in back.purposes][:6] == [p.description for p in activity.purposes][:6]
    assert sorted(s.category for s in back.data_subjects) == sorted(s.category for s in activity.data_subjects)
    # and a fiche typed in the official workbook, pasted over one of ours, comes back into that activity
    for r, row in enumerate(typed, 1):
        for c, value in enumerate(row, 1):
            if not (isinstance(value, str) and value.startswith("=")) and not isinstance(
                fiche.cell(row=r, column=c), MergedCell
            ):
                fiche.cell(row=r, column=c).value = value
    mine.save(ours)
    plan = plan_import(register, read_input(ours), "fr")
    changed = {c.path: c for c in plan.changes if c.target_activity_id == activity.id}
    assert changed["name"].new == "Gestion des candidatures"
    assert changed["name"].where == f"{activity.reference}!B4"


def test_a_hand_made_table_with_a_title_row_reads_as_people_mean_it(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Registre des traitements - ACME"])
    ws.append([])
    ws.append(["Activité de traitement", "Finalité", "Base légale", "Personnes concernées", "Données",
               "Durée de conservation", "Transfert hors UE", "Mesures de sécurité", "Remarques internes"])
    ws.append(["Paie", "Payer", "Obligation légale", "Salariés, Candidats", "Identité; RIB", "5 ans",
               "Non concerné", "Sauvegarde des données", "x"])
    wb.save(tmp_path / "t.xlsx")
    result = read_spreadsheet(tmp_path / "t.xlsx")
    a = result.register.organizations[0].activities[0]
    assert [(p.description, p.main, p.legal_basis) for p in a.purposes] == [("Payer", True, "legal_obligation")]
    assert [s.category for s in a.data_subjects] == ["employees", "candidates"]
    assert [(c.category, c.details) for c in a.data_categories] == [("identity", "Identité"), ("RIB", "")]
    assert [(r.duration.value, r.duration.unit) for r in a.retention if r.duration] == [(5, "years")]
    assert a.transfers == [] and a.notes == "" and [m.type for m in a.security_measures] == ["backup"]
    # "RIB": kept, and said; the title above the header row (it names the organisation): named, not lost
    assert sorted(w.code for w in result.warnings) == ["above_header_not_imported", "unknown_value"]


def test_the_same_counsel_workbook_imported_twice_never_undoes_its_own_edit(tmp_path: Path) -> None:
    db, xlsx = tmp_path / "r.ropa", tmp_path / "counsel.xlsx"
    write_register(db, synthetic_register(3))
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(xlsx), "--lang", "fr"]) == 0
    wb = openpyxl.load_workbook(xlsx)
    reg = wb["Registre"]
    column = [c.value for c in reg[1]].index("Nom du traitement") + 1
    reg.cell(row=2, column=column).value = "Renommé par le conseil"  # only the Register sheet is edited
    wb.save(xlsx)
    for _ in range(2):  # the DPO imports it, then (by mistake, or from another mail) imports it again
        assert main(["import", "--db", str(db), str(xlsx)]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        after = store.load()
    assert after.organizations[0].activities[0].name == "Renommé par le conseil", "the stale sheets undid it"
    # The second reading names what the stale sheets say as a conflict for the DPO, never applied silently.
    plan = plan_import(after, read_input(xlsx), "fr")
    assert all(c.conflict for c in plan.changes if c.path == "name"), plan.describe("fr")


def test_empty_identity_cells_of_a_cnil_file_never_erase_the_organisation(tmp_path: Path) -> None:
    db, path = tmp_path / "r.ropa", tmp_path / "fiche.xlsx"
    assert main(["init", "--db", str(db)]) == 0
    _cnil_answered_nothing(path, head="")  # counsel left the head of the organisation empty
    wb = openpyxl.load_workbook(path)
    wb["2_-_Liste_des_traitements"]["E1"] = None  # and the first name too
    wb.save(path)
    with RegisterStore.open(db, read_only=True) as store:
        before = store.load().organization("enlaps")
    assert before is not None and before.head.name and before.dpo.email
    assert main(["import", "--db", str(db), str(path), "--into", "Enlaps"]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        after = store.load().organization("enlaps")
    assert after is not None
    assert after.head.name == "Louise DUPONT"  # the list sheet's empty cell erases nothing: the fiche's row gives it
    for part in ("head", "dpo", "representative"):  # what the file gave may change; nothing is blanked
        old, new = getattr(before, part), getattr(after, part)
        assert [k for k in vars(type(old)).get("__slots__", ()) if getattr(old, k) and not getattr(new, k)] == []
    assert [k for k in ("address", "postal_code", "city", "email", "phone") if getattr(before, k)
            and not getattr(after, k)] == []

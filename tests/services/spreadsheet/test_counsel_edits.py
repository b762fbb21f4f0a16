"""Counsel's edits typed in any sheet of our own workbook come back, with the cell they were typed in."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.importing import apply_import, plan_import, read_input
from ropa_desktop.services.spreadsheet import export_xlsx
from tests.services.spreadsheet.office import laserseven, resave, soffice


@soffice
@pytest.mark.slow
def test_edits_typed_in_a_fiche_come_back_with_their_cells(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["LS-02"]
    assert ws["A25"].value.startswith("État civil") and ws["A65"].value == "Base légale – Finalité principale"
    ws["E25"] = "3 ans"  # a retention typed in the identity row, beside the full schedule kept below
    ws["B65"] = "Consentement (art. 6(1)(a))"
    ws["I27"] = "une note tapée hors des colonnes lues"
    wb.save(path)
    resaved = resave(path, tmp_path)

    incoming = read_input(resaved)
    plan = plan_import(register, incoming, "fr")
    got = {c.path: c.where for c in plan.changes}
    assert got == {"purposes": "LS-02!B65", "retention": "LS-02!E25"}, plan.describe("fr")
    said = [w.message("en") for w in incoming.warnings if w.code == "cells_not_imported"]
    assert said == ["Not imported (LS-02!I27): 'une note tapée hors des colonnes lues' (no register field at that "
                    "place of the template)."]

    after = apply_import(register, plan)
    activity = next(a for a in after.organizations[0].activities if a.reference == "LS-02")
    before = next(a for a in register.organizations[0].activities if a.reference == "LS-02")
    assert activity.main_purpose().legal_basis == "consent"  # type: ignore[union-attr]
    typed = [r for r in activity.retention if r.categories == ["identity"]]
    assert [(r.duration.value, r.duration.unit) for r in typed if r.duration] == [(3, "years")]
    assert len(activity.retention) == len(before.retention) + 1  # the schedule below is kept whole


def test_an_unread_cell_of_the_cnil_list_is_named(tmp_path: Path) -> None:
    register = laserseven()
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


def _column(ws: object, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1  # type: ignore[index]


@pytest.mark.slow
def test_a_conflict_can_take_the_fiches_value(tmp_path: Path, qtbot: object) -> None:
    from PySide6.QtCore import Qt

    from ropa_desktop.gui.import_review import ImportReviewDialog

    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    assert reg.cell(row=3, column=_column(reg, "N° / RÉF")).value == "LS-02"
    reg.cell(row=3, column=_column(reg, "Destinataires")).value = "Staff of LaserSeven\nCabinet d'avocats"
    wb["LS-02"]["E49"] = "Nouveau prestataire CRM"  # the same field, edited otherwise in the fiche
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    conflict = next(c for c in plan.changes if c.path == "recipients")
    assert conflict.conflict == "edited_twice" and conflict.where == "Registre!W3 ≠ LS-02!E49", conflict.where

    dialog = ImportReviewDialog(plan, lang="fr")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    item = dialog.item_for(conflict.id)
    dialog.tree.setCurrentItem(item)
    assert dialog.pick_button.isEnabled() and dialog.pick_button.text() == "Use the value of LS-02!E49"
    qtbot.mouseClick(dialog.pick_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert item.text(3).startswith("LS-02!E49: ") and item.checkState(0) == Qt.CheckState.Checked

    after = apply_import(register, dialog.changes, dialog.accepted_ids())
    org = after.organizations[0]
    activity = next(a for a in org.activities if a.reference == "LS-02")
    names = [org.recipient(link.recipient_id).name for link in activity.recipients]  # type: ignore[union-attr]
    assert "Nouveau prestataire CRM" in names and "Cabinet d'avocats" not in names
    assert "CRM tool provider" not in names and "Amazon Web Services" in names


def test_no_answer_in_a_yes_no_cell_names_its_cell_and_label_in_each_language(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    column = _column(reg, "Analyse d'impact (AIPD) – AIPD requise")
    reg.cell(row=3, column=column).value = "Non concerné"
    wb.save(path)
    incoming = read_input(path)
    cell = f"Registre!{openpyxl.utils.get_column_letter(column)}3"
    assert [w.message("fr") for w in incoming.warnings] == [
        f"« Non concerné » ne répond ni oui ni non ({cell}, Analyse d'impact (AIPD) – AIPD requise) : laissé sans "
        "réponse."
    ]
    assert [w.message("en") for w in incoming.warnings] == [
        f"'Non concerné' answers neither yes nor no ({cell}, Impact assessment (DPIA) – DPIA required): left "
        "unanswered."
    ]
    activity = next(a for a in incoming.register.organizations[0].activities if a.reference == "LS-02")
    assert activity.dpia.required is None


def test_a_schedule_typed_over_says_how_many_rules_become_how_many(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    reg = wb["Registre"]
    column = _column(reg, "Durées de conservation")
    reg.cell(row=3, column=column).value = "3 ans"
    wb.save(path)
    plan = plan_import(register, read_input(path), "en")
    cell = f"Registre!{openpyxl.utils.get_column_letter(column)}3"
    assert plan.problems == [
        f"Warning, LS-02 Customer management – Retention periods: 3 rules become 1 ({cell}). Before: Data relating "
        "to the management of customers: For the time strictly necessary to manage the commercial relationship; "
        "Data relating to transactions and purchases on the Platform (except bank card data), kept to comply with "
        "legal obligations: 5 years; Invoices: 10 years. After: 3 years."
    ]
    assert [line[0] for line in plan.describe("en")] == ["!", "!"]


def test_an_import_that_changes_nothing_leaves_the_register_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import hashlib
    import os

    from ropa_desktop.app import main
    from ropa_desktop.storage.repository import RegisterStore

    db, xlsx = tmp_path / "r.ropa", tmp_path / "r.xlsx"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(laserseven())
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(xlsx), "--lang", "en"]) == 0
    os.utime(db, (1_600_000_000, 1_600_000_000))
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(xlsx), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "No change."
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert db.stat().st_mtime == 1_600_000_000


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "json"])
def test_an_export_to_a_missing_folder_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    from ropa_desktop.storage.repository import RegisterStore
    from tests.cli_helpers import listing, one_line, run_main

    db = tmp_path / "r.ropa"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(laserseven())
    before = listing(tmp_path)
    missing = tmp_path / "nowhere" / "deeper"
    code, _, err = run_main(capsys, "export", "--db", db, "--format", fmt, "--output", missing / f"out.{fmt}",
                            "--lang", "fr")
    assert one_line(code, err) == f"ropa-desktop: Le dossier {missing} n'existe pas : rien n'a été exporté."
    code, _, err = run_main(capsys, "export", "--db", db, "--format", fmt, "--output", db / f"out.{fmt}",
                            "--lang", "en")
    assert one_line(code, err) == f"ropa-desktop: {db} is not a folder: nothing was exported."
    assert listing(tmp_path) == before


@soffice
@pytest.mark.slow
def test_a_fiche_prints_on_two_a4_pages_at_most(tmp_path: Path) -> None:
    from dataclasses import replace

    from pypdf import PdfReader

    whole = laserseven()
    org = whole.organizations[0]
    # LS-02 holds 5 recipients, 3 retention rules and 17 source excerpts; LS-05 the most legal bases.
    chosen = [a for a in org.activities if a.reference in ("LS-02", "LS-05")]
    path = tmp_path / "fiches.xlsx"
    export_xlsx(Register([replace(org, activities=chosen)]), path, lang="fr")
    wb = openpyxl.load_workbook(path)
    fiche = wb["LS-02"]
    assert fiche.page_setup.orientation == "portrait" and int(fiche.page_setup.paperSize) == 9  # A4
    assert fiche.print_title_rows == "$1:$1"
    assert fiche.cell(fiche.max_row, 1).value == "Sources"  # kept for the round trip, printed on its own sheet
    assert fiche.print_area == f"'LS-02'!$A$1:$H${fiche.max_row - 2}"  # up to the sources' own section header
    assert "B25:D25" in {str(r) for r in fiche.merged_cells.ranges}  # the template's merged cells
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    pages = PdfReader(tmp_path / "fiches.pdf").pages
    titles = [(p.extract_text() or "").split("\n")[0] for p in pages]
    for activity in chosen:
        count = sum(1 for t in titles if t.startswith(f"Fiche de registre : {activity.name}"))
        assert 1 <= count <= 2, (activity.reference, count)


# The ICO controller template's header row (sheet "Template", row 9), as transcribed from the published .xlsx.
ICO_HEADERS = {
    "Business function": "name",
    "Purpose of processing": "purposes",
    "Name and contact details of joint controller (if applicable)": "joint_controllers",
    "Categories of individuals": "data_subjects",
    "Categories of personal data": "data_categories",
    "Categories of recipients": "recipients",
    "Link to contract with processor": "",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)":
        "transfers",
    "Retention schedule (if possible)": "retention",
    "General description of technical and organisational security measures (if possible)": "security_measures",
    "Article 6 lawful basis for processing personal data": "legal_basis",
    "Rights available to individuals": "",
    "Existence of automated decision-making, including profiling (if applicable)": "automated_decision.used",
    "The source of the personal data (if applicable)": "data_source",
    "Location of personal data": "tools",
    "Data Protection Impact Assessment required?": "dpia.required",
    "Link to Data Protection Impact Assessment": "dpia.reference",
}


def test_the_ico_templates_columns_and_contact_block(tmp_path: Path) -> None:
    from ropa_desktop.services.spreadsheet import guess_map, read_spreadsheet

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Template"
    ws["A1"], ws["B1"], ws["C1"] = "Controller", "Name", "Acme Ltd"  # the contact block above the table
    for i, header in enumerate(ICO_HEADERS, 1):
        ws.cell(row=9, column=i).value = header
        ws.cell(row=10, column=i).value = {"Business function": "Payroll", "Retention schedule (if possible)":
                                           "6 years", "Rights available to individuals": "Access"}.get(header, "")
    wb.save(tmp_path / "ico.xlsx")
    assert guess_map(tmp_path / "ico.xlsx") == {"Template": ICO_HEADERS}
    result = read_spreadsheet(tmp_path / "ico.xlsx")
    said = [w.message("en") for w in result.warnings]
    assert "Not imported (Template!A1, Template!B1, Template!C1): 'Controller | Name | Acme Ltd' (above the table's " \
           "header row)." in said
    assert any("'Rights available to individuals'" in line for line in said)
    activity = result.register.organizations[0].activities[0]
    assert activity.name == "Payroll" and activity.retention[0].duration.value == 6  # type: ignore[union-attr]


def test_category_rows_retyped_shorter_are_the_templates(tmp_path: Path) -> None:
    from ropa_desktop.services.spreadsheet import read_spreadsheet
    from tests.services.spreadsheet.test_real_spreadsheets import _sample

    wb = _sample()
    ws = wb["RH-01 Candidatures"]
    ws["A28"], ws["B28"] = "Données de connexion", "Adresses IP"  # the template's words without its examples
    ws["A40"], ws["B40"] = "Orientation sexuelle", "Déclarée par la personne"  # words of one wording only
    wb.save(tmp_path / "t.xlsx")
    result = read_spreadsheet(tmp_path / "t.xlsx")
    activity = next(a for a in result.register.organizations[0].activities if a.reference == "RH-01")
    found = {(d.category, d.sensitive, d.details) for d in activity.data_categories}
    assert {("connection", False, "Adresses IP"), ("sex_life", True, "Déclarée par la personne")} <= found
    assert not [w for w in result.warnings if w.code == "unknown_label"]

"""The processor's register in our workbook: written, read back, edited (openpyxl, LibreOffice) and reviewed."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.app import main
from ropa_desktop.domain.fields import fields_of
from ropa_desktop.domain.model import Recipient, SubProcessor, Transfer
from ropa_desktop.services.changes import BLANK_ANSWER, apply_changes
from ropa_desktop.services.importing import plan_import, read_input
from ropa_desktop.services.processor_changes import CLIENT_FIELD, NEW_CLIENT, PROCESSING_FIELD
from ropa_desktop.services.spreadsheet import export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import processor_register
from tests.services.spreadsheet.office import soffice


def _header(ws: object, label: str) -> int:
    return [c.value for c in ws[1]].index(label) + 1  # type: ignore[index]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_processor_sheets_round_trip_losslessly(tmp_path: Path, lang: str) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    report = export_xlsx(register, path, lang=lang)
    clients, processing = (("Clients (sous-traitant)", "Traitements pour clients") if lang == "fr"
                           else ("Clients (processor)", "Processing for clients"))
    assert clients in report.sheets and processing in report.sheets
    result = read_spreadsheet(path)
    assert result.kind == "ropa" and not result.warnings and not result.ignored_sheets
    got, want = result.register.organizations[0], register.organizations[0]
    assert got.clients == want.clients
    assert got.processor_activities == want.processor_activities
    assert got.security_measures == want.security_measures
    # Columns come from the field table: every client field (contacts field by field), every processing field.
    wb = openpyxl.load_workbook(path, read_only=True)
    headers = [c.value for c in next(wb[processing].iter_rows(max_row=1))]
    assert [h for h in headers[3:]] == [f.label(lang) for f in fields_of("processor_activity")]
    client_headers = [c.value for c in next(wb[clients].iter_rows(max_row=1))]
    assert len(client_headers) == 3 + sum(len(fields_of("contact")) if f.is_object else 1
                                          for f in fields_of("client"))


def test_a_register_without_processor_side_gets_no_processor_sheets(tmp_path: Path) -> None:
    report = export_xlsx(synthetic_register(2), tmp_path / "c.xlsx", lang="fr")
    assert "Clients (sous-traitant)" not in report.sheets and "Traitements pour clients" not in report.sheets


def test_status_and_country_columns_have_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "proc.xlsx"
    export_xlsx(processor_register(), path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["Traitements pour clients"]
    status = openpyxl.utils.get_column_letter(_header(ws, "Statut"))
    validations = ws.data_validations.dataValidation
    assert any(f"{status}2" in str(dv.sqref) and "5_-_Listes" in dv.formula1 for dv in validations)
    lists = wb["5_-_Listes"]
    assert "Autorisation écrite générale" in [c.value for c in lists[openpyxl.utils.get_column_letter(
        _header(lists, "Autorisation du client"))]]


def test_an_edited_cell_changes_exactly_that_field(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="fr")
    assert plan_import(register, read_input(path), "fr").changes == []  # unchanged: nothing to review
    wb = openpyxl.load_workbook(path)
    ws = wb["Clients (sous-traitant)"]
    ws.cell(2, _header(ws, "Contrat ou avenant art. 28")).value = "DPA-ALPHA-2025"
    ws.cell(2, _header(ws, "Adresse mél")).value = "N/A"  # an answer meaning nothing over a value
    ws.cell(3, _header(ws, "DPO du client – Nom")).value = "Nouvelle DPO Beta"
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    by_path = {c.path: c for c in plan.changes}
    assert set(by_path) == {"contract_reference", "email", "dpo.name"}, plan.describe("fr")
    contract = by_path["contract_reference"]
    assert (contract.kind, contract.old, contract.new, contract.conflict) == (
        CLIENT_FIELD, "DPA-ALPHA-2024", "DPA-ALPHA-2025", "")
    assert contract.where.startswith("Clients (sous-traitant)!") and contract.where.endswith("2")
    assert by_path["email"].conflict == BLANK_ANSWER and not by_path["email"].default  # never erases alone
    updated = apply_changes(register, plan)
    alpha, beta = updated.organizations[0].clients[:2]
    assert alpha.contract_reference == "DPA-ALPHA-2025" and alpha.email == "contact@alpha.example"
    assert beta.dpo.name == "Nouvelle DPO Beta"
    assert register.organizations[0].clients[0].contract_reference == "DPA-ALPHA-2024"  # the current one intact
    # Everything else is as it was: the applied register differs from the original in those two fields only.
    before = register.organizations[0]
    after = updated.organizations[0]
    assert after.processor_activities == before.processor_activities
    assert after.clients[2:] == before.clients[2:]


def test_new_client_and_processing_lines_come_in_through_the_review(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Clients (processor)"]
    ws.cell(5, _header(ws, "Controller (client)")).value = "Client-Delta GmbH"
    ws.cell(5, _header(ws, "Art. 28 contract or DPA")).value = "DPA-DELTA"
    proc = wb["Processing for clients"]
    column = _header(proc, "Clients (controllers)")
    proc.cell(3, column).value = proc.cell(3, column).value + "\nClient-Delta GmbH | Details: since 2026"
    subs = _header(proc, "Sub-processors")
    proc.cell(3, subs).value = ("Payslip-India Pvt | Country: India | Service: Printing | "
                                "Client's authorisation: Specific written authorisation | Authorised on: 2026-01-15")
    wb.save(path)
    plan = plan_import(register, read_input(path), "en")
    assert [c.kind for c in plan.changes if c.kind == NEW_CLIENT] == [NEW_CLIENT]
    assert {c.path for c in plan.changes if c.kind == PROCESSING_FIELD} == {"clients", "sub_processors"}
    assert len(plan.changes) == 3, plan.describe("en")
    updated = apply_changes(register, plan).organizations[0]
    delta = next(c for c in updated.clients if c.name == "Client-Delta GmbH")
    payroll = updated.processor_activities[1]
    assert [link.client_id for link in payroll.clients][-1] == delta.id
    assert payroll.sub_processors[0].authorisation == "specific"
    assert payroll.sub_processors[0].authorised_on.isoformat() == "2026-01-15"  # type: ignore[union-attr]


def test_lines_typed_without_an_id_come_in_once_however_often_the_file_is_imported(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Clients (processor)"]
    ws.cell(5, _header(ws, "Controller (client)")).value = "Client-Delta GmbH"
    proc = wb["Processing for clients"]
    row = proc.max_row + 1
    proc.cell(row, _header(proc, "Category of processing")).value = "External backups"
    proc.cell(row, _header(proc, "Clients (controllers)")).value = "Client-Delta GmbH"
    wb.save(path)
    once = apply_changes(register, plan_import(register, read_input(path), "en"))
    twice = apply_changes(once, plan_import(once, read_input(path), "en"))
    for result in (once, twice):
        org = result.organizations[0]
        assert [c.name for c in org.clients].count("Client-Delta GmbH") == 1
        assert [a.name for a in org.processor_activities].count("External backups") == 1
    delta = next(c for c in twice.organizations[0].clients if c.name == "Client-Delta GmbH")
    backups = next(a for a in twice.organizations[0].processor_activities if a.name == "External backups")
    assert [link.client_id for link in backups.clients] == [delta.id]


def test_renamed_processor_sheets_are_still_read_by_their_headers(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Clients (processor)"]
    ws.title = "Clients"
    wb["Processing for clients"].title = "Processing"
    ws.cell(2, _header(ws, "Art. 28 contract or DPA")).value = "DPA-RENAMED"
    wb.save(path)
    plan = plan_import(register, read_input(path), "en")
    assert [(c.kind, c.path, c.new) for c in plan.changes] == [(CLIENT_FIELD, "contract_reference", "DPA-RENAMED")]


@soffice
@pytest.mark.slow
def test_a_cell_edited_then_resaved_by_libreoffice_changes_that_field_only(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "export.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["Traitements pour clients"]
    ws.cell(2, _header(ws, "Fin de la prestation")).value = "31/03/2027"
    wb.save(path)
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    incoming = read_input(out / "export.xlsx")
    got = incoming.register.organizations[0]
    assert got.clients == register.organizations[0].clients
    plan = plan_import(register, incoming, "fr")
    assert [(c.kind, c.path, str(c.new)) for c in plan.changes] == [(PROCESSING_FIELD, "end", "2027-03-31")], \
        plan.describe("fr")


def test_cnil_layout_gets_a_marked_processor_sheet_that_import_reads_from_the_flat_sheets(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    report = export_xlsx(register, path, lang="fr")
    assert "6_-_Registre_sous-traitant" in report.sheets
    wb = openpyxl.load_workbook(path, read_only=True)
    cells = [str(v) for row in wb["6_-_Registre_sous-traitant"].iter_rows(values_only=True) for v in row if v]
    assert cells[0].startswith("Registre des catégories d'activités de traitement effectuées pour le compte")
    assert cells[1].startswith("Section ajoutée par ROPA Desktop")  # marked as not part of the CNIL template
    for value in ("Client-Alpha SA", "DPA-ALPHA-2024", "ST-01", "Backup-US LLC | Pays: États-Unis",
                  "Contrôle d'accès des utilisateurs | Précisions: General-Access-Badges"):
        assert any(value in c for c in cells), value
    result = read_spreadsheet(path)
    assert not result.warnings and not result.ignored_sheets  # a view of the flat sheets, not read twice


@pytest.mark.slow
def test_register_file_to_workbook_and_back_through_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    assert main(["init", "--db", str(db), "--empty"]) == 0
    written = processor_register()
    with RegisterStore.open(db) as store:
        store.write_register(written)
    workbook = tmp_path / "out.xlsx"
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(workbook), "--lang", "en"]) == 0
    wb = openpyxl.load_workbook(workbook)
    ws = wb["Processing for clients"]
    ws.cell(3, _header(ws, "Processing carried out on the client's behalf")).value = (
        "Payroll-Description, revised by counsel")
    wb.save(workbook)
    assert main(["import", "--db", str(db), str(workbook)]) == 0
    with RegisterStore.open(db, read_only=True) as store:
        org = store.load().organizations[0]
    want = written.organizations[0]
    assert org.processor_activities[1].description == "Payroll-Description, revised by counsel"
    assert org.processor_activities[0] == want.processor_activities[0]
    assert org.clients == want.clients
    changed = org.processor_activities[1]
    assert changed.updated is not None  # the import stamps "last update" on what it changed
    changed.description, changed.updated = want.processor_activities[1].description, None
    assert changed == want.processor_activities[1]  # that field, and nothing else
    assert org.security_measures == want.security_measures


def test_a_processor_statement_kept_on_a_recipient_survives_the_workbook(tmp_path: Path) -> None:
    register = processor_register()
    org = register.organizations[0]
    org.recipients.append(Recipient(name="HostingCo", type="processor", country="FR",
                                    statement_date=date(2026, 10, 1),
                                    sub_processors=[SubProcessor("Sub-US", "US", "Backup", "general")],
                                    transfers=[Transfer("Sub-US", "US", "scc", "")]))
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    got = read_spreadsheet(path).register.organizations[0].recipients
    assert got == org.recipients


def test_a_processing_changed_after_the_export_is_a_conflict_not_an_undo(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    ws = wb["Traitements pour clients"]
    ws.cell(2, _header(ws, "Traitements effectués pour le compte du client")).value = "Edited in the workbook"
    ws.cell(3, _header(ws, "Traitements effectués pour le compte du client")).value = "Also edited"
    wb.save(path)
    incoming = read_input(path)
    assert incoming.exported_at is not None
    later = register.organizations[0].processor_activities[0]
    later.updated = incoming.exported_at + timedelta(minutes=5)  # changed in the register after the export
    plan = plan_import(register, incoming, "fr")
    by_ref = {c.activity.split(" ")[0]: c for c in plan.changes}
    assert by_ref["ST-01"].conflict == "changed_since_export" and not by_ref["ST-01"].default
    assert by_ref["ST-02"].conflict == "" and by_ref["ST-02"].new == "Also edited"


def test_review_lines_name_the_record_and_its_field_in_words(tmp_path: Path) -> None:
    register = processor_register()
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Clients (processor)"]
    ws.cell(3, _header(ws, "Country")).value = "Canada"
    wb.save(path)
    lines = plan_import(register, read_input(path), "fr").describe("fr")
    assert lines == ["~ [HostPay (fictitious)] Client-Beta Inc Pays : États-Unis -> Canada "
                     "[Clients (processor)!H3]"], lines


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_edit_in_the_printable_processor_copy_is_named_as_not_imported(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.sqlite"
    assert main(["init", "--db", str(db), "--empty"]) == 0
    with RegisterStore.open(db) as store:
        store.write_register(processor_register())
    workbook = tmp_path / "out.xlsx"
    assert main(["export", "--db", str(db), "--format", "xlsx", "--output", str(workbook), "--lang", lang]) == 0
    sheet = "6_-_Registre_sous-traitant" if lang == "fr" else "6_-_Processor_record"
    wb = openpyxl.load_workbook(workbook)
    ws = wb[sheet]
    row = next(c.row for c in ws["B"] if c.value == "Payroll-Description")
    ws.cell(row, 2).value = "Payroll-Description, revised in the printable copy"
    wb.save(workbook)
    capsys.readouterr()
    assert main(["import", "--db", str(db), str(workbook), "--dry-run", "--lang", lang]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    start = "Non importé" if lang == "fr" else "Not imported"
    assert f"{start} ({sheet}!B{row})" in text, text
    assert "revised in the printable copy" in text
    assert ("Traitements pour clients" if lang == "fr" else "Processing for clients") in text


def test_the_client_authorising_a_sub_processor_is_written_by_name_and_read_back_to_its_id(tmp_path: Path) -> None:
    register = processor_register()
    org = register.organizations[0]
    processing = org.processor_activities[0]
    client = org.clients[0]
    processing.sub_processors = [SubProcessor("OVH", "FR", "hosting", "general", date(2024, 2, 15), "Annexe 3",
                                              client_id=client.id)]
    path = tmp_path / "proc.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Processing for clients"]
    column = [c.value for c in next(ws.iter_rows(max_row=1))].index("Sub-processors")
    cell = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))[column]
    assert f"Authorised by (client): {client.name}" in cell and client.id not in cell
    got = read_spreadsheet(path).register.organizations[0].processor_activities[0]
    assert [(s.name, s.client_id) for s in got.sub_processors] == [("OVH", client.id)]

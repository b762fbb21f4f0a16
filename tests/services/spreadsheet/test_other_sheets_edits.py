"""Counsel's edits in the other sheets of our workbook (Recipients, the Register's organisation cell) come back."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ropa_desktop.domain.model import Register
from ropa_desktop.services.importing import apply_import, plan_import, read_input
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.services.spreadsheet import export_xlsx
from ropa_desktop.services.spreadsheet.flat import ACTIVITY_COLUMNS, RECIPIENT_COLUMNS


def _enlaps() -> Register:
    register = seed_register()
    return Register([o for o in register.organizations if o.name == "Enlaps"])


def _column(key: str, columns: tuple[object, ...] = RECIPIENT_COLUMNS) -> str:
    return get_column_letter([c.key for c in columns].index(key) + 1)  # type: ignore[attr-defined]


def _counsel_edits_recipients(path: Path) -> tuple[str, str, str]:
    """Counsel's edits of three catalogue entries (country, details, Art. 28 contract), as openpyxl saves them."""
    wb = openpyxl.load_workbook(path)
    sheet = wb["Recipients"]
    ids = [sheet[f"{_column('_id')}{r}"].value for r in (2, 3, 4)]
    sheet[f"{_column('country')}2"] = "United States"
    sheet[f"{_column('details')}3"] = "Counsel: maintenance details"
    sheet[f"{_column('contract_reference')}4"] = "yes"
    wb.save(path)
    return ids[0], ids[1], ids[2]


def test_recipients_sheet_edits_are_changes_of_the_catalogue(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    country, details, contract = _counsel_edits_recipients(path)

    plan = plan_import(register, read_input(path, defer=True), "en")
    found = {(c.target_recipient_id, c.path, c.where, c.conflict) for c in plan.changes}
    assert found == {
        (country, "country", f"Recipients!{_column('country')}2", ""),
        (details, "details", f"Recipients!{_column('details')}3", ""),
        (contract, "contract_reference", f"Recipients!{_column('contract_reference')}4", ""),
    }, plan.describe()
    after = apply_import(register, plan).organizations[0]
    assert after.recipient(country).country == "US"  # type: ignore[union-attr]
    assert after.recipient(details).details == "Counsel: maintenance details"  # type: ignore[union-attr]
    assert after.recipient(contract).contract_reference == "yes"  # type: ignore[union-attr]
    # The same workbook imported again changes nothing.
    assert not plan_import(after_register := apply_import(register, plan), read_input(path, defer=True)).changes
    assert after_register.organizations[0].recipient(country).country == "US"  # type: ignore[union-attr]


def test_a_recipient_cell_left_as_exported_never_reverts_the_register(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    country, details, _ = _counsel_edits_recipients(path)
    later = copy.deepcopy(register)
    org = later.organizations[0]
    org.recipient(details).details = "DPO: changed after the export"  # type: ignore[union-attr]
    org.recipient(country).country = "CA"  # type: ignore[union-attr]  # changed by both: a conflict
    org.recipients[4].details = "DPO: another entry"  # counsel left its row as exported

    plan = plan_import(later, read_input(path, defer=True), "en")
    by = {(c.target_recipient_id, c.path): c for c in plan.changes}
    assert by[(country, "country")].conflict == "changed_since_export"
    assert by[(details, "details")].conflict == "changed_since_export"
    assert (org.recipients[4].id, "details") not in by
    after = apply_import(later, plan).organizations[0]
    assert after.recipients[4].details == "DPO: another entry"
    assert after.recipient(details).details == "DPO: changed after the export"  # type: ignore[union-attr]


def test_the_register_sheets_organisation_cell_edited_is_named_not_imported(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    cell = f"{_column('organization', ACTIVITY_COLUMNS)}5"
    wb["Register"][cell] = "Enlaps SAS"
    wb.save(path)

    plan = plan_import(register, read_input(path, defer=True), "en")
    assert not plan.changes
    assert any(f"Register!{cell}" in p and "Enlaps SAS" in p and "Organisations" in p for p in plan.problems), (
        plan.problems)


def test_a_fiche_left_as_exported_is_no_second_edit_when_the_register_changed_since(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    later = copy.deepcopy(register)
    orders = next(a for a in later.organizations[0].activities if a.reference == "EN-02")
    orders.description = "DPO: orders description updated after export"
    wb = openpyxl.load_workbook(path)
    wb["Register"][f"{_column('description', ACTIVITY_COLUMNS)}3"] = "Counsel: orders description"
    fiche = wb["EN-02"]
    row = next(r for r in range(1, fiche.max_row + 1) if fiche.cell(r, 1).value == "Description")
    fiche.cell(row + 1, 1).value = "Counsel's note typed in the fiche"  # the fiche edited elsewhere: it is read
    wb.save(path)

    plan = plan_import(later, read_input(path, defer=True), "en")
    [change] = [c for c in plan.changes if c.path == "description"]
    assert change.conflict == "changed_since_export", plan.describe()  # not "edited in two places"
    assert change.where == f"Register!{_column('description', ACTIVITY_COLUMNS)}3" and not change.others
    line = next(text for text in plan.describe("fr") if "Description" in text)
    assert "Description : DPO" in line and "(conflit, non appliqué par défaut : " in line, line


def test_a_recipient_renamed_in_its_sheet_is_one_change_not_one_per_activity(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ident = wb["Recipients"][f"{_column('_id')}2"].value
    wb["Recipients"][f"{_column('name')}2"] = "Amazon Web Services"
    wb.save(path)

    plan = plan_import(register, read_input(path, defer=True), "en")
    assert [(c.target_recipient_id, c.path, c.new) for c in plan.changes] == [(ident, "name", "Amazon Web Services")]
    after = apply_import(register, plan)
    org = after.organizations[0]
    assert org.recipient(ident).name == "Amazon Web Services"  # type: ignore[union-attr]
    assert len(org.recipients) == len(register.organizations[0].recipients)  # renamed, not added
    assert not plan_import(after, read_input(path, defer=True)).changes


def _legal_basis_edited(path: Path) -> str:
    """Counsel's edit of EN-05's main legal basis in its fiche; the cell's name."""
    wb = openpyxl.load_workbook(path)
    fiche = wb["EN-05"]
    row = next(r for r in range(1, fiche.max_row + 1) if fiche.cell(r, 1).value == "Legal basis – Main purpose")
    fiche.cell(row, 2).value = "Consent (Art. 6(1)(a))"
    wb.save(path)
    return f"EN-05!B{row}"


def test_a_list_edited_in_a_fiche_keeps_the_registers_later_change_to_another_field(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    later = copy.deepcopy(register)
    inquiries = next(a for a in later.organizations[0].activities if a.reference == "EN-05")
    inquiries.purposes[0].legal_basis_details = "DPO note on basis"
    cell = _legal_basis_edited(path)

    plan = plan_import(later, read_input(path, defer=True), "en")
    [change] = [c for c in plan.changes if c.path == "purposes"]
    assert not change.conflict and change.where == cell, plan.describe()
    after = next(a for a in apply_import(later, plan).organizations[0].activities if a.reference == "EN-05")
    assert after.purposes[0].legal_basis == "consent"
    assert after.purposes[0].legal_basis_details == "DPO note on basis"  # the DPO's change is kept
    assert after.purposes[1:] == inquiries.purposes[1:]


def test_the_same_field_of_a_list_item_changed_on_both_sides_is_a_conflict(tmp_path: Path) -> None:
    register = _enlaps()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    later = copy.deepcopy(register)
    next(a for a in later.organizations[0].activities if a.reference == "EN-05").purposes[0].legal_basis = "contract"
    _legal_basis_edited(path)

    plan = plan_import(later, read_input(path, defer=True), "en")
    [change] = [c for c in plan.changes if c.path == "purposes"]
    assert change.conflict == "changed_since_export"

"""Our workbook merged three ways, cell by cell: what was exported, what counsel typed, what the register holds now."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ropa_desktop.domain.model import Activity, Register
from ropa_desktop.services.importing import apply_import, plan_import, read_input
from ropa_desktop.services.spreadsheet import export_xlsx
from ropa_desktop.services.spreadsheet.flat import ACTIVITY_COLUMNS
from tests.services.spreadsheet.office import laserseven, resave, soffice


def _activity(register: Register, reference: str) -> Activity:
    return next(a for a in register.organizations[0].activities if a.reference == reference)


def _cell(key: str, row: int) -> str:
    """The Register sheet's cell of a column key ("description") in a row."""
    return f"{get_column_letter([c.key for c in ACTIVITY_COLUMNS].index(key) + 1)}{row}"


def _dpo_edits(register: Register, reference: str, description: str) -> Register:
    """The register after the DPO changed an activity's description (after the export)."""
    later = copy.deepcopy(register)
    activity = _activity(later, reference)
    activity.description = description
    activity.updated = datetime.now(UTC)
    return later


@soffice
@pytest.mark.slow
def test_a_fiche_edit_comes_back_when_the_register_changed_since_the_export(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    later = _dpo_edits(register, "LS-02", "Décrit par le DPO après l'export")
    wb = openpyxl.load_workbook(path)
    assert wb["LS-02"]["A65"].value == "Base légale – Finalité principale"
    wb["LS-02"]["B65"] = "Consentement (art. 6(1)(a))"  # counsel's edit; the Register sheet's row left as it was
    wb.save(path)

    plan = plan_import(later, read_input(resave(path, tmp_path)), "fr")
    assert [(c.path, c.where, c.conflict) for c in plan.changes] == [("purposes", "LS-02!B65", "")], plan.describe()
    after = apply_import(later, plan)
    activity = _activity(after, "LS-02")
    assert activity.description == "Décrit par le DPO après l'export"  # the DPO's newer value is kept
    assert activity.main_purpose() is not None and activity.main_purpose().legal_basis == "consent"  # type: ignore[union-attr]


def test_an_untouched_row_never_reverts_what_the_register_changed_since(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    later = _dpo_edits(register, "LS-03", "Changé par le DPO")
    wb = openpyxl.load_workbook(path)
    assert wb["Registre"][_cell("reference", 3)].value == "LS-02"
    wb["Registre"][_cell("description", 3)] = "Revu par le conseil"  # another row edited
    wb.save(path)

    plan = plan_import(later, read_input(path), "fr")
    assert [(c.target_activity_id, c.path, c.new, c.conflict) for c in plan.changes] == [
        (_activity(later, "LS-02").id, "description", "Revu par le conseil", "")]


def test_a_cell_edited_where_the_register_changed_too_is_a_conflict_naming_it(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    later = _dpo_edits(register, "LS-02", "Changed by the DPO")
    wb = openpyxl.load_workbook(path)
    sheet = wb["Register"]
    sheet[_cell("description", 3)] = "Changed by counsel"  # both changed it
    sheet[_cell("name", 3)] = "Renamed by counsel"  # only counsel: applies
    wb.save(path)

    plan = plan_import(later, read_input(path), "en")
    got = {c.path: (c.new, c.where, c.conflict) for c in plan.changes}
    assert got == {
        "description": ("Changed by counsel", f"Register!{_cell('description', 3)}", "changed_since_export"),
        "name": ("Renamed by counsel", f"Register!{_cell('name', 3)}", ""),
    }
    after = apply_import(later, plan)
    activity = _activity(after, "LS-02")
    assert (activity.name, activity.description) == ("Renamed by counsel", "Changed by the DPO")


def test_a_fiche_edited_where_the_register_changed_too_is_a_conflict_naming_the_fiches_cell(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    later = copy.deepcopy(register)
    _activity(later, "LS-02").name = "Nom changé par le DPO"
    wb = openpyxl.load_workbook(path)
    assert wb["LS-02"]["A4"].value.startswith("Nom")
    wb["LS-02"]["B4"] = "Nom changé par le conseil"
    wb.save(path)

    plan = plan_import(later, read_input(path), "fr")
    assert [(c.path, c.new, c.where, c.conflict) for c in plan.changes] == [
        ("name", "Nom changé par le conseil", "LS-02!B4", "changed_since_export")]


def test_the_same_edited_workbook_imported_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    wb["LS-02"]["B65"] = "Consentement (art. 6(1)(a))"  # in the fiche
    wb["Registre"][_cell("description", 4)] = "Revu par le conseil"  # in the Register sheet, another activity
    wb.save(path)

    first = plan_import(register, read_input(path), "fr")
    assert sorted((c.path, c.conflict) for c in first.changes) == [("description", ""), ("purposes", "")]
    after = apply_import(register, first)
    for activity in after.organizations[0].activities:
        activity.updated = datetime.now(UTC)  # as the import stamps what it changed: after the export
    second = plan_import(after, read_input(path), "fr")
    assert second.changes == [], second.describe()


@pytest.mark.slow
def test_the_rules_warning_follows_the_side_picked_in_a_conflict(tmp_path: Path, qtbot: object) -> None:
    from PySide6.QtCore import Qt

    from ropa_desktop.gui.import_review import ImportReviewDialog

    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    wb["Registre"][_cell("retention", 3)] = "3 ans"  # the schedule of 3 rules typed over: 1 rule
    assert wb["LS-02"]["A25"].value.startswith("État civil")
    wb["LS-02"]["E25"] = "4 ans"  # the fiche: one category's share of the schedule, otherwise
    wb.save(path)
    plan = plan_import(register, read_input(path), "en")
    conflict = next(c for c in plan.changes if c.path == "retention")
    assert conflict.conflict == "edited_twice" and conflict.where == f"Registre!{_cell('retention', 3)} ≠ LS-02!E25"
    dialog = ImportReviewDialog(plan, lang="en")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert [t for t in shown if "become" in t] == [
        next(t for t in shown if f"3 rules become 1 (Registre!{_cell('retention', 3)})." in t)]

    dialog.tree.setCurrentItem(dialog.item_for(conflict.id))
    qtbot.mouseClick(dialog.pick_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    shown = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert not [t for t in shown if "become" in t], shown  # the fiche's side keeps the schedule
    picked = next(c for c in dialog.changes.changes if c.id == conflict.id)
    assert len(picked.new) > 1 and "value=4" in str(picked.new)  # the schedule kept, with the share typed


def test_the_fiches_title_row_is_compared_with_its_cells(tmp_path: Path) -> None:
    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    fiche = wb["LS-02"]
    assert fiche["A1"].value.startswith("Fiche de registre : ") and fiche["H1"].value == "LS-02"
    fiche["A1"] = "Fiche de registre : Gestion de la clientèle revue"  # the name typed in the title
    fiche["H1"] = "LS-02b"
    wb.save(path)

    plan = plan_import(register, read_input(path), "fr")
    assert sorted((c.path, c.new, c.where, c.conflict) for c in plan.changes) == [
        ("name", "Gestion de la clientèle revue", "LS-02!A1", ""), ("reference", "LS-02b", "LS-02!H1", "")]

    fiche["B4"] = "Un autre nom"  # the name row says otherwise: both cells named
    wb.save(path)
    plan = plan_import(register, read_input(path), "fr")
    [name] = [c for c in plan.changes if c.path == "name"]
    assert name.conflict == "edited_twice" and sorted(name.where.split(" ≠ ")) == ["LS-02!A1", "LS-02!B4"]


def test_rows_left_as_exported_are_the_registers_own_and_only_edited_ones_are_read(tmp_path: Path) -> None:
    from ropa_desktop.services.importing import settle

    register = laserseven()
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    wb["Registre"][_cell("description", 3)] = "Revu par le conseil"
    wb.save(path)
    later = copy.deepcopy(register)
    gone = later.organizations[0].activities.pop()  # deleted in the register since the export

    incoming = read_input(path, defer=True)
    assert set(incoming.deferred) == {a.id for a in register.organizations[0].activities} - {
        _activity(register, "LS-02").id}  # every row but the edited one waits
    settle(incoming, later)
    read = {a.id: a for a in incoming.register.organizations[0].activities}
    assert read[_activity(later, "LS-03").id] is _activity(later, "LS-03")  # the register's own: nothing compared
    assert read[gone.id] == gone  # no longer in the register: read in full
    plan = plan_import(later, incoming, "fr")
    eager = plan_import(later, read_input(path), "fr")
    assert [(c.kind, c.path, c.target_activity_id) for c in plan.changes] == [
        (c.kind, c.path, c.target_activity_id) for c in eager.changes]
    assert {(c.kind, c.path) for c in plan.changes} == {("field", "description"), ("new_activity", "")}

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ropa_desktop.services import json_format
from ropa_desktop.services.changes import compute_changes
from ropa_desktop.services.errors import Cancelled
from ropa_desktop.services.spreadsheet import FICHE_LIMIT, export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import INJECTIONS, tricky_register


def sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}


def _doc(register):  # type: ignore[no-untyped-def]
    doc = json_format.register_to_document(register)
    doc.pop("exported_at")
    return doc


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_round_trip_gives_an_equal_register(tmp_path: Path, lang: str) -> None:
    register = tricky_register()
    path = tmp_path / "register.xlsx"
    report = export_xlsx(register, path, lang=lang)
    result = read_spreadsheet(path)
    assert result.kind == "ropa" and result.file_format == "xlsx"
    assert _doc(result.register) == _doc(register)
    # unknown codes came back as they were, and were reported, not dropped
    codes = {w.code for w in result.warnings}
    assert {"unknown_value", "unknown_country"} <= codes
    assert not [w for w in report.warnings if w.code != "control_characters"]


def test_reimporting_an_unchanged_export_gives_no_change(tmp_path: Path) -> None:
    register = tricky_register()
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="en")
    changes = compute_changes(register, read_spreadsheet(path).register)
    assert changes.changes == []
    assert changes.describe("en") == ["No change."]


def test_formula_injection_strings_stay_text_and_no_formula_is_written(tmp_path: Path) -> None:
    register = synthetic_register(len(INJECTIONS))
    for activity, text in zip(register.organizations[0].activities, INJECTIONS, strict=True):
        activity.name = text
        activity.description = text
    register.organizations[0].activities[0].notes = INJECTIONS[-1]
    path = tmp_path / "inj.xlsx"
    export_xlsx(register, path)
    for name, xml in sheet_xml(path).items():
        assert not re.search(rb"<f[\s>/]", xml), name
    wb = openpyxl.load_workbook(path)
    ws = wb["Registre"]
    names = {ws.cell(r, 5).value: ws.cell(r, 5) for r in range(2, len(INJECTIONS) + 2)}
    for text in INJECTIONS[:7]:
        cell = names[text]
        assert cell.data_type == "s" and cell.quotePrefix
    back = read_spreadsheet(path).register.organizations[0].activities
    assert [a.name for a in back] == INJECTIONS
    assert [a.description for a in back] == INJECTIONS


def test_control_characters_are_replaced_and_reported(tmp_path: Path) -> None:
    register = synthetic_register(1)
    register.organizations[0].activities[0].description = "bell\x07 and nul\x00"
    report = export_xlsx(register, tmp_path / "c.xlsx", lang="en")
    assert any(w.code == "control_characters" for w in report.warnings)
    back = read_spreadsheet(tmp_path / "c.xlsx").register.organizations[0].activities[0]
    assert back.description == "bell\ufffd and nul\ufffd"


def test_text_over_the_cell_limit_is_cut_with_a_warning(tmp_path: Path) -> None:
    register = synthetic_register(1)
    register.organizations[0].activities[0].notes = "x" * 40_000
    report = export_xlsx(register, tmp_path / "long.xlsx", lang="en")
    assert {w.code for w in report.warnings} == {"text_too_long"}  # Register sheet and fiche
    assert "32767" in report.warnings[0].message("en")
    wb = openpyxl.load_workbook(tmp_path / "long.xlsx")
    assert max(len(str(c.value or "")) for row in wb["Register"].iter_rows() for c in row) == 32_767


def test_sheet_names_are_unique_and_short(tmp_path: Path) -> None:
    register = synthetic_register(3)
    acts = register.organizations[0].activities
    acts[0].reference = "A/very:long*reference?[with]\\bad chars beyond thirty-one"
    acts[1].reference = acts[0].reference
    acts[2].reference = "Registre"
    report = export_xlsx(register, tmp_path / "n.xlsx")
    names = report.sheets
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert openpyxl.load_workbook(tmp_path / "n.xlsx").sheetnames == names


def test_register_sheet_is_frozen_filtered_printable_with_dropdowns_and_hidden_ids(tmp_path: Path) -> None:
    export_xlsx(tricky_register(), tmp_path / "r.xlsx", lang="en")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    ws = wb["Register"]
    assert ws.freeze_panes == "F2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"  # every column filters
    # A4, several pages across at a readable scale, the header row and the reference and name on each page
    assert ws.page_setup.orientation == "landscape" and 3 <= ws.page_setup.fitToWidth <= 9
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.print_title_rows == "$1:$1"
    assert ws.print_title_cols == "$D:$E"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions["B"].hidden
    assert ws["A1"].value == "ropa:organization_id" and ws["B1"].value == "ropa:id"
    assert ws["E2"].alignment.wrap_text
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("Lists" in f for f in validations.values())
    assert wb["5_-_Lists"].sheet_state == "hidden"  # the dropdowns' source is neither shown nor printed
    recipients = wb["Recipients"]
    assert len(recipients.data_validations.dataValidation) == 2
    assert wb["ropa"].sheet_state == "hidden"
    fiche = wb["=FULL-01"]
    fiche_lists = {dv.formula1.split("!")[1] for dv in fiche.data_validations.dataValidation}
    # legal basis, data subject, recipient type, security measure, country, safeguard, special condition
    assert len(fiche_lists) >= 6
    assert all(str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 for ws in wb.worksheets if ws.title != "ropa")
    lists = wb["5_-_Lists"]
    assert lists["A1"].value == "Legal basis" and lists["A2"].value == "Consent (Art. 6(1)(a))"


def test_renamed_activity_is_matched_by_hidden_id(tmp_path: Path) -> None:
    register = synthetic_register(5)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Register"]
    ws["D2"].value = "NEW-REF"
    ws["E2"].value = "Renamed by counsel"
    wb.save(path)
    changes = compute_changes(register, read_spreadsheet(path).register)
    assert sorted(c.path for c in changes.changes) == ["name", "reference"]
    assert all(c.target_activity_id == register.organizations[0].activities[0].id for c in changes.changes)


def test_fiches_are_limited_for_big_registers_but_the_register_sheet_is_complete(tmp_path: Path) -> None:
    register = synthetic_register(FICHE_LIMIT + 1)
    report = export_xlsx(register, tmp_path / "big.xlsx", lang="en")
    assert [w.code for w in report.warnings] == ["fiches_skipped"]
    assert len(report.sheets) == 7  # list, register, organisations, recipients, sources, lists, metadata
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    assert sum(1 for _ in wb["Register"].iter_rows(values_only=True)) == FICHE_LIMIT + 2
    wb.close()
    report = export_xlsx(synthetic_register(3), tmp_path / "nofiche.xlsx", fiches=False)
    assert len(report.sheets) == 7


def test_cancel_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"previous")
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        export_xlsx(
            synthetic_register(60),
            path,
            progress=lambda d, t: seen.append((d, t)),
            cancel=lambda: len(seen) >= 1,
        )
    assert seen and seen[-1][0] < seen[-1][1]  # stopped on the way, not at the end
    assert path.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]
    seen.clear()
    export_xlsx(synthetic_register(60), path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and zipfile.is_zipfile(path)


def test_a_write_failure_is_one_clear_error(tmp_path: Path) -> None:
    from ropa_desktop.services.spreadsheet import SpreadsheetError

    with pytest.raises(SpreadsheetError) as caught:
        export_xlsx(synthetic_register(2), tmp_path / "missing-folder" / "r.xlsx")
    assert caught.value.code == "write_failed"
    assert "r.xlsx" in caught.value.message("fr") and "intact" in caught.value.message("fr")
    assert list(tmp_path.iterdir()) == []


def test_one_organisation_only(tmp_path: Path) -> None:
    register = tricky_register()
    second = register.organizations[1]
    export_xlsx(register, tmp_path / "one.xlsx", organization_id=second.id)
    back = read_spreadsheet(tmp_path / "one.xlsx").register
    assert [o.name for o in back.organizations] == ["Second Org"]
    assert compute_changes(register, back).changes == []


def test_an_edit_taken_from_a_fiche_leaves_the_file_as_read_and_the_other_activities_shared(tmp_path: Path) -> None:
    from ropa_desktop.services.importing import plan_import, read_input

    register = synthetic_register(3)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    first = register.organizations[0].activities[0]
    wb = openpyxl.load_workbook(path)
    wb[first.reference]["B4"] = "Nom revu par le conseil"
    wb.save(path)
    incoming = read_input(path)
    as_read = incoming.register.organizations[0].activities
    plan = plan_import(register, incoming, "fr")
    [change] = plan.changes
    assert change.new == "Nom revu par le conseil" and change.where == f"{first.reference}!B4"
    assert as_read[0].name == first.name  # the fiche's edit went to a copy, not to what was read
    assert plan.incoming.organizations[0].activities[0].name == "Nom revu par le conseil"
    # an untouched row is the register's own activity: neither copied nor compared
    assert plan.incoming.organizations[0].activities[1] is register.organizations[0].activities[1]

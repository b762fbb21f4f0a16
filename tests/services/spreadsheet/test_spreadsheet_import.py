from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.changes import compute_changes
from ropa_desktop.services.importing import needs_target, plan_import, read_input, retarget
from ropa_desktop.services.notices import CNIL_TEMPLATE, package_file
from ropa_desktop.services.spreadsheet import SpreadsheetError, column_choices, export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import tricky_register
from tests.paths import REPO
from tests.services.spreadsheet.office import soffice

SAMPLES = REPO / "sample_registers"
TEMPLATE = Path(str(package_file(CNIL_TEMPLATE)))


def _soffice(source: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir / 'profile'}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / f"{source.stem}.{fmt.split(':')[0]}"


@pytest.mark.parametrize("name", ["cnil-template-filled.xlsx", "cnil-template-filled.ods"])
def test_filled_cnil_template_samples_import_into_activities(name: str) -> None:
    result = read_spreadsheet(SAMPLES / name)
    assert result.kind == "cnil"
    org = result.register.organizations[0]
    assert org.head.name == "Louise DUPONT" and org.head.email == "direction@exemple.fr"
    assert org.dpo.name == "Martin HENRI" and org.dpo.company == "DPO Conseil SARL"
    acts = {a.reference: a for a in org.activities}
    assert sorted(acts) == ["MKT-03", "RH-01", "SEC-02"]  # the example fiche and the empty model are skipped
    rh = acts["RH-01"]
    assert rh.name == "Gestion des candidatures" and rh.created == date(2021, 3, 12)
    assert [(p.description, p.main) for p in rh.purposes] == [
        ("Recrutement", True),
        ("Gestion des entretiens", False),
        ("Constitution d'un vivier de candidats", False),
    ]
    # "Etat civil ... d’identification, images" (retyped label) is still the identity row
    assert [(c.category, c.details) for c in rh.data_categories] == [
        ("identity", "Nom, prénom, coordonnées, CV"),
        ("personal_life", "Loisirs indiqués dans le CV"),
    ]
    rule = rh.retention[0]
    assert (rule.categories, rule.duration.value if rule.duration else None, rule.start) == (
        ["identity"],
        2,
        "dernier contact",
    )
    assert [(s.category, s.details) for s in rh.data_subjects] == [("candidates", "Candidats à un emploi")]
    names = {
        org.recipient(link.recipient_id).name: org.recipient(link.recipient_id).type  # type: ignore[union-attr]
        for link in rh.recipients
    }
    assert names == {
        "Direction des ressources humaines": "internal_service",
        "Welcome to the Jungle": "processor",
    }
    assert [m.type for m in rh.security_measures] == ["access_control", "backup"]
    sec = acts["SEC-02"]  # row deleted, labels in capitals
    assert sec.name == "Vidéosurveillance des locaux"
    assert [(t.recipient, t.country, t.safeguard) for t in sec.transfers] == [
        ("Télésurveillance SA (support)", "CH", "adequacy")
    ]
    assert [(s.category, s.details) for s in sec.data_subjects] == [("employees", ""), ("other", "Visiteurs")]
    newsletter = acts["MKT-03"]  # only in the list sheet
    assert newsletter.purposes[0].description == "Envoi de la newsletter"
    codes = [w.code for w in result.warnings]
    assert "formulas" in codes and "example_skipped" in codes and "no_organization_name" in codes
    assert "HYPERLINK" in result.warnings[0].message("fr")


def test_the_untouched_official_template_gives_no_activity() -> None:
    result = read_spreadsheet(TEMPLATE)
    assert result.kind == "cnil" and result.file_format == "ods"
    assert result.register.organizations[0].activities == []


def test_cnil_import_never_merges_silently_but_goes_where_it_is_told() -> None:
    register = synthetic_register(2)
    incoming = read_input(SAMPLES / "cnil-template-filled.xlsx")
    assert needs_target(incoming)  # the sample names no organisation (only people)
    alone = plan_import(register, incoming)
    assert {c.kind for c in alone.changes} == {"new_organization"}
    changes = plan_import(register, retarget(incoming, into=register.organizations[0]))
    assert {c.kind for c in changes.changes} >= {"new_activity", "organization_field", "missing_activity"}
    assert not any(c.kind == "new_organization" for c in changes.changes)
    created = plan_import(register, retarget(incoming, new_name="Cabinet Dupont"))
    assert [(c.kind, c.organization) for c in created.changes] == [("new_organization", "Cabinet Dupont")]


def test_our_cnil_part_alone_imports_when_the_register_sheet_is_gone(tmp_path: Path) -> None:
    register = synthetic_register(4)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    for name in ("Register", "Organisations", "Recipients", "ropa"):
        del wb[name]
    wb.save(path)
    result = read_spreadsheet(path)
    assert result.kind == "cnil"
    original = register.organizations[0]
    back = result.register.organizations[0]
    assert back.name == original.name and back.dpo.name == original.dpo.name
    for a, b in zip(original.activities, back.activities, strict=True):
        assert (b.reference, b.name, b.description, b.status) == (
            a.reference,
            a.name,
            a.description,
            a.status,
        )
        assert [(p.description, p.legal_basis, p.main) for p in b.purposes] == [
            (p.description, p.legal_basis, p.main) for p in sorted(a.purposes, key=lambda p: not p.main)
        ]
        assert sorted((c.category, c.details) for c in b.data_categories) == sorted(
            (c.category, c.details) for c in a.data_categories
        )
        assert b.retention == a.retention and b.dpia == a.dpia and b.security_measures == a.security_measures
    assert not compute_changes(register, result.register).conflicts()


def _plain_table(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Réf", "Traitement", "Finalité", "Base légale", "Commentaire interne", "Destinataires"])
    ws.append(["P-1", "Paie", "Calcul des salaires", "Obligation légale", "à revoir", "Expert-comptable"])
    ws.append(["P-2", "Badges", "Contrôle d'accès", "intérêt légitime (art. 6(1)(f))", "", ""])
    ws.append([None, None, None, None, None, None])
    ws.append(["P-3", "Inconnu", "Test", "Bon vouloir", "x", ""])
    wb.save(path)


def test_plain_table_maps_known_headers_and_returns_the_others(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    _plain_table(path)
    result = read_spreadsheet(path)
    assert result.kind == "table" and result.unmapped_headers == ["Commentaire interne"]
    acts = result.register.organizations[0].activities
    assert [(a.reference, a.name, a.purposes[0].description, a.purposes[0].legal_basis) for a in acts] == [
        ("P-1", "Paie", "Calcul des salaires", "legal_obligation"),
        ("P-2", "Badges", "Contrôle d'accès", "legitimate_interests"),
        ("P-3", "Inconnu", "Test", "Bon vouloir"),
    ]
    # "Bon vouloir" kept and reported; the column no field matches is named, with its filled cells
    assert [w.code for w in result.warnings] == ["unknown_value", "unmapped_column"]
    assert "'Commentaire interne' (sheet 'Sheet', 2 filled cells) not imported" in result.warnings[1].message()
    assert "notes" in dict(column_choices("en"))
    mapped = read_spreadsheet(path, mapping={"Commentaire interne": "notes", "Destinataires": ""})
    assert mapped.unmapped_headers == []
    assert [a.notes for a in mapped.register.organizations[0].activities] == ["à revoir", "", ""]  # "x": nothing
    assert all(not a.recipients for a in mapped.register.organizations[0].activities)


def test_a_table_without_any_known_header_is_refused_unless_mapped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["Colonne A", "Colonne B"])
    wb.active.append(["w", "y"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(SpreadsheetError) as refused:
        read_spreadsheet(tmp_path / "t.xlsx")
    assert refused.value.code == "no_register" and "sheets Sheet, no register found" in refused.value.message()
    mapped = read_spreadsheet(tmp_path / "t.xlsx", mapping={"Colonne A": "name", "Colonne B": "reference"})
    assert [(a.name, a.reference) for a in mapped.register.organizations[0].activities] == [("w", "y")]


def test_duplicate_ids_and_references_are_reported(tmp_path: Path) -> None:
    register = synthetic_register(3)
    path = tmp_path / "d.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Register"]
    ws.append([c.value for c in ws[2]])  # counsel copied a row, hidden id included
    wb.save(path)
    result = read_spreadsheet(path)
    assert {"duplicate_id", "duplicate_reference"} <= {w.code for w in result.warnings}
    changes = compute_changes(register, result.register, [w.message("en") for w in result.warnings])
    conflicts = changes.conflicts()
    assert [c.conflict for c in conflicts] == ["duplicate_reference"]
    assert conflicts[0].id not in changes.default_ids()
    assert any(line.startswith("! ") for line in changes.describe("en"))


@soffice
def test_our_export_opens_in_libreoffice_and_its_ods_imports_back(tmp_path: Path) -> None:
    register = synthetic_register(5)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    csv = _soffice(path, "csv", tmp_path)
    assert csv.exists() and csv.stat().st_size > 0
    ods = _soffice(path, "ods", tmp_path)
    result = read_spreadsheet(ods)
    assert result.kind == "ropa" and result.file_format == "ods"
    assert compute_changes(register, result.register).changes == []


def test_empty_register_round_trip(tmp_path: Path) -> None:
    export_xlsx(Register(), tmp_path / "e.xlsx")
    result = read_spreadsheet(tmp_path / "e.xlsx")
    assert result.kind == "ropa" and result.register.organizations == []


def test_wrong_types_are_reported_and_kept_as_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "Reference",
            "Name of the processing",
            "Record created",
            "Status",
            "Impact assessment (DPIA) – DPIA required",
        ]
    )
    ws.append([12, 3.5, "not a date", "Pending", "perhaps"])
    ws.append(["R-2", True, date(2024, 1, 2), "Validé", "oui"])
    wb.save(tmp_path / "types.xlsx")
    result = read_spreadsheet(tmp_path / "types.xlsx")
    first, second = result.register.organizations[0].activities
    assert (first.reference, first.name, first.created, first.status, first.dpia.required) == (
        "12",
        "3.5",
        None,
        "Pending",
        None,
    )
    assert (second.name, second.created, second.status, second.dpia.required) == (
        "yes",
        date(2024, 1, 2),
        "validated",
        True,
    )
    assert sorted(w.code for w in result.warnings) == ["bad_boolean", "bad_date", "unknown_value"]


def test_synthetic_sample_imports_and_progress_and_cancel_are_called() -> None:
    from ropa_desktop.services.errors import Cancelled

    calls: list[tuple[int, int]] = []
    result = read_spreadsheet(SAMPLES / "synthetic-register.xlsx", progress=lambda d, t: calls.append((d, t)))
    assert result.kind == "ropa" and len(result.register.organizations[0].activities) == 12
    assert calls and calls[-1] == (1, 1)
    with pytest.raises(Cancelled):
        read_spreadsheet(SAMPLES / "synthetic-register.xlsx", cancel=lambda: True)


def test_a_retyped_category_label_still_finds_its_category(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(SAMPLES / "cnil-template-filled.xlsx")
    ws = wb["RH-01 Candidatures"]
    row = next(
        r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("Données de connexion")
    )
    ws.cell(row, 1).value = "Données de connexion (adresse IP, logs, etc)"  # the template's typo corrected
    ws.cell(row, 2).value = "Journaux de connexion au portail"
    wb.save(tmp_path / "retyped.xlsx")
    result = read_spreadsheet(tmp_path / "retyped.xlsx")
    rh = next(a for a in result.register.organizations[0].activities if a.reference == "RH-01")
    assert ("connection", "Journaux de connexion au portail") in [
        (c.category, c.details) for c in rh.data_categories
    ]
    assert "unknown_label" not in {w.code for w in result.warnings}


def test_renamed_register_sheet_and_deleted_hidden_sheet_are_still_recognised(tmp_path: Path) -> None:
    register = synthetic_register(3)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    wb["Register"].title = "For counsel"
    del wb["ropa"]
    wb["For counsel"]["E3"] = "Edited"
    wb.save(path)
    result = read_spreadsheet(path)
    assert result.kind == "ropa"
    changes = compute_changes(register, result.register)
    assert [(c.path, c.new) for c in changes.changes] == [("name", "Edited")]


def test_a_plain_table_named_register_is_not_taken_for_ours(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Register"
    wb.active.append(["Reference", "Name of the processing"])
    wb.active.append(["R-1", "Payroll"])
    wb.save(tmp_path / "plain.xlsx")
    result = read_spreadsheet(tmp_path / "plain.xlsx")
    assert result.kind == "table"
    assert [(a.reference, a.name) for a in result.register.organizations[0].activities] == [
        ("R-1", "Payroll")
    ]


def test_the_cnil_fiche_keeps_the_special_condition_details(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    export_xlsx(tricky_register(), path, lang="fr")
    wb = openpyxl.load_workbook(path)
    for name in ("Registre", "Organismes", "Destinataires", "ropa"):
        del wb[name]
    wb.save(path)
    result = read_spreadsheet(path)
    assert result.kind == "cnil"
    health = [d for a in result.register.organizations[0].activities for d in a.data_categories
              if d.category == "health"]
    assert ("employment_social_security", "Code du travail") in [
        (d.special_condition, d.special_condition_details) for d in health]


def test_partial_sources_never_propose_clearing_what_they_do_not_carry(tmp_path: Path) -> None:
    register = synthetic_register(4)
    path = tmp_path / "r.xlsx"
    export_xlsx(register, path, lang="fr")
    wb = openpyxl.load_workbook(path)
    for name in ("Registre", "Organismes", "Destinataires", "ropa"):
        del wb[name]
    wb.save(path)
    result = read_spreadsheet(path)
    assert result.kind == "cnil" and result.fields is not None and "updated" not in result.fields
    # the CNIL part holds everything of the activities but the time of the last update; the org's legal
    # form, SIREN and the head's title are not in it and are not proposed for deletion
    assert compute_changes(register, result.register, fields=result.fields).changes == []
    naive = compute_changes(register, result.register)
    assert {"legal_form", "registration_number", "head.role"} <= {c.path for c in naive.changes}

    table = tmp_path / "t.xlsx"
    _plain_table(table)
    current = read_spreadsheet(table).register
    current.organizations[0].activities[0].description = "kept"
    current.organizations[0].activities[0].status = "validated"
    again = read_spreadsheet(table)
    again.register.organizations[0].id = current.organizations[0].id  # the target the user chose
    assert again.fields == frozenset({"reference", "name", "purposes", "recipients"})
    assert compute_changes(current, again.register, fields=again.fields).changes == []

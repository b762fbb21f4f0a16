from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from ropa_desktop.domain.model import Activity, Organization, Purpose, Recipient, Register
from ropa_desktop.services import json_format
from ropa_desktop.services.changes import (
    FIELD,
    MISSING_ACTIVITY,
    NEW_ACTIVITY,
    NEW_ORGANIZATION,
    apply_changes,
    compute_changes,
)
from ropa_desktop.services.spreadsheet import export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register
from tests.builders import write_register

WHEN = datetime(2025, 1, 1, tzinfo=UTC)


def _edited_export(tmp_path: Path) -> tuple[Register, Path]:
    register = synthetic_register(6)
    path = tmp_path / "counsel.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Register"]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    ws.cell(2, col["Name of the processing"]).value = "Renamed by counsel"
    purposes = ws.cell(3, col["Purposes of the processing"])
    first, *rest = purposes.value.split("\n")
    segments = [s for s in first.split(" | ") if not s.startswith("Legal basis:")]
    purposes.value = "\n".join([" | ".join([*segments, "Legal basis: Public task (Art. 6(1)(e))"]), *rest])
    ws.delete_rows(5)
    ws.append([None, None, "Synthetic Organisation 1", "NEW-1", "Added by counsel", "New description"])
    wb.save(path)
    return register, path


def test_an_edited_export_shows_exactly_the_edits(tmp_path: Path) -> None:
    register, path = _edited_export(tmp_path)
    acts = register.organizations[0].activities
    changes = compute_changes(register, read_spreadsheet(path).register)
    summary = sorted((c.kind, c.path, c.target_activity_id) for c in changes.changes)
    assert summary == sorted(
        [
            (FIELD, "name", acts[0].id),
            (FIELD, "purposes", acts[1].id),
            (MISSING_ACTIVITY, "", acts[3].id),
            (NEW_ACTIVITY, "", changes.changes[-2].target_activity_id),
        ]
    )
    purpose_change = next(c for c in changes.changes if c.path == "purposes")
    assert purpose_change.new[0].legal_basis == "public_task"
    assert [p.description for p in purpose_change.new] == [p.description for p in acts[1].purposes]
    lines = changes.describe("en")
    assert any("Renamed by counsel" in line and line.startswith("~") for line in lines)
    assert any(line.startswith("+") and "NEW-1" in line for line in lines)
    assert any(line.startswith("-") and acts[3].reference in line for line in lines)
    assert len(lines) == 4
    assert len(changes.describe("fr")) == 4 and changes.describe("fr") != lines


def test_apply_defaults_never_deletes_and_returns_a_new_register(tmp_path: Path) -> None:
    register, path = _edited_export(tmp_path)
    before = json_format.dumps(register, exported_at=WHEN)
    changes = compute_changes(register, read_spreadsheet(path).register)
    result = apply_changes(register, changes)
    assert json_format.dumps(register, exported_at=WHEN) == before  # untouched
    acts = result.organizations[0].activities
    assert len(acts) == 7 and acts[0].name == "Renamed by counsel"
    assert acts[1].purposes[0].legal_basis == "public_task"
    assert acts[-1].reference == "NEW-1" and acts[-1].description == "New description"
    missing = next(c for c in changes.changes if c.kind == MISSING_ACTIVITY)
    removed = apply_changes(register, changes, accepted=[*changes.default_ids(), missing.id])
    assert len(removed.organizations[0].activities) == 6
    assert not any(a.id == missing.target_activity_id for a in removed.organizations[0].activities)
    again = compute_changes(result, read_spreadsheet(path).register)
    assert [c.kind for c in again.changes] == [MISSING_ACTIVITY]


def test_only_accepted_changes_apply(tmp_path: Path) -> None:
    register, path = _edited_export(tmp_path)
    changes = compute_changes(register, read_spreadsheet(path).register)
    rename = next(c for c in changes.changes if c.path == "name")
    result = apply_changes(register, changes, accepted=[rename.id])
    assert result.organizations[0].activities[0].name == "Renamed by counsel"
    assert len(result.organizations[0].activities) == 6
    assert result.organizations[0].activities[1].purposes == register.organizations[0].activities[1].purposes


def test_matching_by_reference_when_ids_differ_and_recipients_are_adopted() -> None:
    current = synthetic_register(2)
    incoming = copy.deepcopy(current)
    org = incoming.organizations[0]
    org.id = "other-org-id"
    for activity in org.activities:
        activity.id = activity.id + "-x"
    fresh = Recipient(name="Brand new processor", type="processor", country="DE")
    org.recipients.append(fresh)
    org.activities[0].recipients[0].recipient_id = fresh.id
    changes = compute_changes(current, incoming)
    assert [(c.kind, c.path) for c in changes.changes] == [(FIELD, "recipients")]
    result = apply_changes(current, changes)
    target = result.organizations[0]
    link = target.activities[0].recipients[0]
    assert target.recipient(link.recipient_id).name == "Brand new processor"  # type: ignore[union-attr]
    assert compute_changes(result, incoming).changes == []


def test_conflicts_are_flagged_and_not_applied_by_default() -> None:
    current = synthetic_register(2, organizations=2)
    incoming = copy.deepcopy(current)
    first, second = incoming.organizations
    stray = copy.deepcopy(second.activities[0])  # an id of the second organisation, in the first one
    stray.reference = "STRAY"
    first.activities.append(stray)
    first.activities.append(Activity(reference="DUP", name="one"))
    first.activities.append(Activity(reference="DUP", name="two"))
    changes = compute_changes(current, incoming)
    conflicts = sorted(c.conflict for c in changes.conflicts())
    assert conflicts == ["duplicate_reference", "duplicate_reference", "other_organization"]
    result = apply_changes(current, changes)
    assert len(result.organizations[0].activities) == 1
    assert "conflict" in " ".join(changes.describe("en"))


def test_new_organisation_and_organisation_fields() -> None:
    current = synthetic_register(1)
    incoming = copy.deepcopy(current)
    incoming.organizations[0].dpo.email = "new-dpo@example.org"
    incoming.organizations.append(
        Organization(
            name="Newcomer",
            activities=[Activity(reference="N-1", name="n", purposes=[Purpose("p", True, "consent")])],
        )
    )
    changes = compute_changes(current, incoming)
    assert sorted(c.kind for c in changes.changes) == ["new_organization", "organization_field"]
    field_change = next(c for c in changes.changes if c.kind != NEW_ORGANIZATION)
    assert (field_change.path, field_change.new) == ("dpo.email", "new-dpo@example.org")
    assert "Data protection officer (DPO) – Email" in changes.describe("en")[0]
    result = apply_changes(current, changes)
    assert [o.name for o in result.organizations] == ["Synthetic Organisation 1", "Newcomer"]
    assert result.organizations[0].dpo.email == "new-dpo@example.org"


def test_change_ids_are_stable_for_the_same_inputs(tmp_path: Path) -> None:
    register, path = _edited_export(tmp_path)
    incoming = read_spreadsheet(path).register
    ids = [c.id for c in compute_changes(register, incoming).changes]
    assert ids == [c.id for c in compute_changes(register, incoming).changes]
    assert len(set(ids)) == len(ids)


def test_a_formula_typed_by_counsel_comes_back_as_its_text(tmp_path: Path) -> None:
    register = synthetic_register(3)
    path = tmp_path / "f.xlsx"
    export_xlsx(register, path, lang="en")
    wb = openpyxl.load_workbook(path)
    wb["Register"]["E2"] = "=UPPER(D2)"  # a live formula now: the import falls back to openpyxl's parser
    wb.save(path)
    result = read_spreadsheet(path)
    assert result.warnings[0].code == "formulas" and "Register!E2: =UPPER(D2)" in result.warnings[0].message()
    changes = compute_changes(register, result.register)
    assert [(c.path, c.new) for c in changes.changes] == [("name", "=UPPER(D2)")]


def test_applying_nested_and_organisation_changes_copies_only_what_changes() -> None:
    current = synthetic_register(40)
    before = json_format.dumps(current, exported_at=WHEN)
    incoming = copy.deepcopy(current)
    org = incoming.organizations[0]
    org.head.name = "New head"
    org.activities[3].dpia.done = not org.activities[3].dpia.done
    org.activities[5].automated_decision.details = "scoring"
    org.activities[7].recipients[0].details = "new details"
    org.activities.append(Activity(reference="NEW-9", name="Added", purposes=[Purpose("Added purpose", True)]))
    changes = compute_changes(current, incoming)
    result = apply_changes(current, changes, accepted=[c.id for c in changes.changes])
    assert json_format.dumps(current, exported_at=WHEN) == before  # the current register is untouched
    out = result.organizations[0]
    assert out.head.name == "New head" and current.organizations[0].head.name != "New head"
    assert out.activities[3].dpia.done == org.activities[3].dpia.done
    assert out.activities[5].automated_decision.details == "scoring"
    assert out.activities[7].recipients[0].details == "new details"
    assert out.activities[-1].reference == "NEW-9" and len(out.activities) == 41
    # Unchanged activities are shared, changed ones are new objects.
    assert out.activities[0] is current.organizations[0].activities[0]
    assert out.activities[3] is not current.organizations[0].activities[3]
    assert not compute_changes(result, incoming).changes


def test_organisation_look_ups_follow_changes_to_their_lists() -> None:
    org = Organization(recipients=[Recipient(id=f"r{i}") for i in range(40)])
    assert all(org.recipient(f"r{i}") is org.recipients[i] for i in range(40))
    org.recipients[3] = Recipient(id="swapped")
    assert org.recipient("r3") is None and org.recipient("swapped") is org.recipients[3]
    del org.recipients[0]
    org.recipients.append(Recipient(id="last"))
    assert org.recipient("r1") is org.recipients[0] and org.recipient("last") is org.recipients[-1]
    org.recipients.reverse()
    assert org.recipient("r39") is org.recipients[1] and org.recipient("r0") is None


def test_a_stale_export_never_undoes_a_later_change_silently(tmp_path: Path) -> None:
    import json

    from ropa_desktop.app import main
    from ropa_desktop.services.synthetic import synthetic_register
    from ropa_desktop.storage.repository import RegisterStore

    db, export = tmp_path / "r.ropa", tmp_path / "e.json"
    write_register(db, synthetic_register(2))
    assert main(["export", "--db", str(db), "--format", "json", "--output", str(export)]) == 0
    doc = json.loads(export.read_text("utf-8"))
    first, second = doc["organizations"][0]["activities"][:2]
    original = first["name"]
    first["name"], edits_a = "Renamed by A", tmp_path / "a.json"
    edits_a.write_text(json.dumps(doc), "utf-8")
    first["name"], second["name"], edits_b = original, "Renamed by B", tmp_path / "b.json"
    edits_b.write_text(json.dumps(doc), "utf-8")
    assert main(["import", "--db", str(db), str(edits_a)]) == 0
    assert main(["import", "--db", str(db), str(edits_b)]) == 0  # B's file still has the old first name
    with RegisterStore.open(db, read_only=True) as store:
        names = [a.name for a in store.load().organizations[0].activities[:2]]
    assert names == ["Renamed by A", "Renamed by B"]

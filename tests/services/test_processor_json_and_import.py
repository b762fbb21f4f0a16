"""The processor's register (Art. 30(2)) in JSON, losslessly, and a re-import reviewed field by field."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from ropa_desktop.domain.model import (
    Client,
    ClientLink,
    Organization,
    ProcessorActivity,
    Register,
    SecurityMeasure,
    SubProcessor,
)
from ropa_desktop.services import json_format as jf
from ropa_desktop.services import json_schema
from ropa_desktop.services.changes import ORGANIZATION_FIELD, compute_changes, describe_change
from ropa_desktop.services.importing import Incoming, apply_import, plan_import, read_input
from ropa_desktop.services.processor_changes import (
    CLIENT_FIELD,
    MISSING_CLIENT,
    MISSING_PROCESSING,
    NEW_CLIENT,
    NEW_PROCESSING,
    PROCESSING_FIELD,
)
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import filled_processor_register


def test_a_fully_filled_processor_register_round_trips_and_validates() -> None:
    filled = filled_processor_register()
    document = jf.register_to_document(filled.register)
    assert document["version"] == 2
    jsonschema.Draft202012Validator(json_schema.build()).validate(document)
    org_doc = document["organizations"][0]
    assert org_doc["clients"][0]["contract_reference"] == filled.client.contract_reference
    assert org_doc["processor_activities"][0]["sub_processors"][0]["authorisation"]
    assert org_doc["recipients"][0]["statement_date"] == filled.recipient.statement_date.isoformat()  # type: ignore[union-attr]
    back = jf.loads(jf.dumps(filled.register))
    assert back == filled.register


def test_a_version_1_document_reads_with_an_empty_processor_side() -> None:
    text = ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"id": "o", "name": "A", '
            '"recipients": [{"id": "r", "name": "Payroll Ltd", "type": "processor", "country": "FR"}], '
            '"activities": [{"id": "a", "reference": "A-1"}]}]}')
    org = jf.loads(text).organizations[0]
    assert (org.clients, org.processor_activities, org.security_measures) == ([], [], [])
    assert (org.recipients[0].statement_date, org.recipients[0].sub_processors, org.recipients[0].transfers) == (
        None, [], [])
    assert json.loads(jf.dumps(jf.loads(text)))["version"] == 2


@pytest.mark.parametrize(("mutate", "path", "words"), [
    (lambda o: o["processor_activities"][0]["clients"][0].update(client_id="nobody"),
     "$.organizations[0].processor_activities[0].clients[0].client_id", "unknown client"),
    # Four clients before it: the filled register's own, and those its client fields (links, sub-processors) name.
    (lambda o: o["clients"].append(dict(o["clients"][0])), "$.organizations[0].clients[4].id", "duplicate"),
    (lambda o: o["processor_activities"][0]["sub_processors"][0].update(authorised_on="soon"),
     "$.organizations[0].processor_activities[0].sub_processors[0].authorised_on", "date"),
    (lambda o: o["clients"][0].update(dpo="someone"), "$.organizations[0].clients[0].dpo", "object"),
])
def test_bad_processor_data_is_refused_with_its_path(mutate, path: str, words: str) -> None:  # type: ignore[no-untyped-def]
    document = jf.register_to_document(filled_processor_register().register)
    mutate(document["organizations"][0])
    with pytest.raises(jf.DocumentError) as refused:
        jf.document_to_register(json.loads(json.dumps(document)))
    assert refused.value.path == path
    assert words in refused.value.message("en") and refused.value.message("fr") != refused.value.message("en")


def _processor_register() -> Register:
    acme, globex = Client(name="Acme", contract_reference="DPA-1"), Client(name="Globex")
    hosting = ProcessorActivity(reference="ST-01", name="Hosting", clients=[ClientLink(acme.id)],
                                sub_processors=[SubProcessor("Cloud Inc", "US", "hosting", "general")])
    payroll = ProcessorActivity(reference="ST-02", name="Payroll", clients=[ClientLink(globex.id)])
    return Register([Organization(name="Hosting Co", clients=[acme, globex],
                                  processor_activities=[hosting, payroll])])


def test_an_edited_export_shows_exactly_the_processor_edits_and_applies_them() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    org = incoming.organizations[0]
    org.clients[0].contract_reference = "DPA-2"
    org.clients[0].dpo.email = "dpo@acme.example"
    org.processor_activities[0].sub_processors[0].authorisation = "specific"
    org.processor_activities[0].security_shared = False
    initech = Client(name="Initech")
    org.clients.append(initech)
    org.processor_activities.append(ProcessorActivity(reference="ST-03", name="Mailing",
                                                      clients=[ClientLink(initech.id)]))
    del org.processor_activities[1]  # ST-02 is not in the file
    org.clients = [c for c in org.clients if c.name != "Globex"]
    plan = compute_changes(current, incoming)
    found = {(c.kind, c.path) for c in plan.changes}
    assert found == {
        (CLIENT_FIELD, "contract_reference"), (CLIENT_FIELD, "dpo.email"),
        (PROCESSING_FIELD, "sub_processors"), (PROCESSING_FIELD, "security_shared"),
        (NEW_CLIENT, ""), (NEW_PROCESSING, ""), (MISSING_PROCESSING, ""), (MISSING_CLIENT, ""),
    }
    lines = plan.describe("fr") + plan.describe("en")
    assert any("Autorisation écrite spécifique" in line for line in lines), lines
    assert any("Contrat ou avenant art. 28" in line and "DPA-2" in line for line in lines), lines
    after = apply_import(current, plan)  # the defaults: never a removal
    result = after.organizations[0]
    assert [c.name for c in result.clients] == ["Acme", "Globex", "Initech"]
    assert result.clients[0].contract_reference == "DPA-2" and result.clients[0].dpo.email == "dpo@acme.example"
    assert [a.reference for a in result.processor_activities] == ["ST-01", "ST-02", "ST-03"]
    assert result.processor_activities[0].sub_processors[0].authorisation == "specific"
    assert current == _same_as_before(current)  # the current register is untouched
    everything = apply_import(current, plan, [c.id for c in plan.changes])
    assert [c.name for c in everything.organizations[0].clients] == ["Acme", "Initech"]
    assert [a.reference for a in everything.organizations[0].processor_activities] == ["ST-01", "ST-03"]


def _same_as_before(register: Register) -> Register:
    fresh = _processor_register()
    for org, new in zip(register.organizations, fresh.organizations, strict=True):
        new.id = org.id
        for a, b in zip(org.clients, new.clients, strict=True):
            b.id = a.id
        for a, b in zip(org.processor_activities, new.processor_activities, strict=True):
            b.id = a.id
            b.clients = copy.deepcopy(a.clients)
    return fresh


def test_a_processings_clients_are_reviewed_by_name_and_applied_by_id() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    hosting, payroll = incoming.organizations[0].processor_activities
    hosting.clients.append(ClientLink(payroll.clients[0].client_id, "since 2026"))
    plan = compute_changes(current, incoming)
    assert plan.describe("en") == [
        "~ [Hosting Co] ST-01 Hosting Clients (controllers): Acme -> Acme / Globex | since 2026"]
    after = apply_import(current, plan).organizations[0].processor_activities[0]
    assert after.clients == hosting.clients


def test_a_new_processing_brings_its_client_even_when_the_client_was_not_ticked() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    initech = Client(name="Initech")
    incoming.organizations[0].clients.append(initech)
    incoming.organizations[0].processor_activities.append(
        ProcessorActivity(reference="ST-03", name="Mailing", clients=[ClientLink(initech.id)]))
    plan = compute_changes(current, incoming)
    only = [c.id for c in plan.changes if c.kind == NEW_PROCESSING]
    after = apply_import(current, plan, only).organizations[0]
    assert [c.name for c in after.clients] == ["Acme", "Globex", "Initech"]


def test_a_removed_client_still_linked_is_kept() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    incoming.organizations[0].clients = incoming.organizations[0].clients[:1]
    plan = compute_changes(current, incoming)
    assert [c.kind for c in plan.changes] == [MISSING_CLIENT]
    after = apply_import(current, plan, [plan.changes[0].id]).organizations[0]
    assert [c.name for c in after.clients] == ["Acme", "Globex"]  # ST-02 still names Globex


def test_the_general_security_description_is_reviewed_as_an_organisation_field() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    incoming.organizations[0].security_measures = [SecurityMeasure("encryption", "AES-256")]
    plan = compute_changes(current, incoming)
    assert [(c.kind, c.path) for c in plan.changes] == [(ORGANIZATION_FIELD, "security_measures")]
    assert describe_change(plan.changes[0], "en").endswith("∅ -> Data encryption | Details: AES-256")
    assert apply_import(current, plan).organizations[0].security_measures == incoming.organizations[0].security_measures


def test_a_spreadsheet_without_the_processor_side_proposes_nothing_for_it() -> None:
    current = _processor_register()
    incoming = copy.deepcopy(current)
    incoming.organizations[0].clients.clear()
    incoming.organizations[0].processor_activities.clear()
    assert compute_changes(current, incoming, fields={"name"}).changes == []


def test_a_processing_changed_since_the_export_is_a_conflict(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        store.write_register(_processor_register())
        current = store.load()
        path = tmp_path / "export.json"
        exported_at = datetime.now(UTC) - timedelta(hours=1)
        incoming = copy.deepcopy(current)
        incoming.organizations[0].processor_activities[0].name = "Hosting (edited in the file)"
        incoming.organizations[0].processor_activities[1].name = "Payroll (edited in the file)"
        path.write_text(jf.dumps(incoming, exported_at=exported_at), "utf-8")
        # Changed in the register after the export: only the first one.
        current.organizations[0].processor_activities[0].updated = datetime.now(UTC)
        current.organizations[0].processor_activities[1].updated = exported_at - timedelta(days=1)
        plan = plan_import(current, read_input(path))
        conflicts = {c.activity: c.conflict for c in plan.changes}
        assert conflicts == {"ST-01 Hosting": "changed_since_export", "ST-02 Payroll": ""}
        after = apply_import(current, plan)
        assert [a.name for a in after.organizations[0].processor_activities] == [
            "Hosting", "Payroll (edited in the file)"]
        store.write_register(after)
        assert store.load().organizations[0].processor_activities[1].name == "Payroll (edited in the file)"


def test_a_json_export_imports_back_into_an_empty_register_exactly(tmp_path: Path) -> None:
    filled = filled_processor_register()
    path = tmp_path / "processor.json"
    path.write_text(jf.dumps(filled.register), "utf-8")
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        plan = plan_import(store.load(), read_input(path))
        store.write_register(apply_import(store.load(), plan))
        assert store.load() == filled.register
        assert store.load().organizations[0].clients[0].end == filled.client.end
        assert isinstance(filled.client.end, date)


def test_a_workbook_without_the_processor_side_does_not_call_it_missing(tmp_path: Path) -> None:
    current = _processor_register()
    controller_only = copy.deepcopy(current)
    controller_only.organizations[0].clients.clear()
    controller_only.organizations[0].processor_activities.clear()
    assert plan_import(current, Incoming(controller_only, "ropa")).changes == []
    kinds = {c.kind for c in plan_import(current, Incoming(controller_only, "json")).changes}
    assert kinds == {MISSING_CLIENT, MISSING_PROCESSING}  # a JSON export is the whole register: shown, not default

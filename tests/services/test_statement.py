"""The processor statement: one client's share only, read back strictly, imported as a reviewed change.

Only the field table's public fields; into a controller's recipients catalogue; older statements are conflicts.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ropa_desktop.domain.fields import fields_of
from ropa_desktop.domain.model import (
    Activity,
    ActivityRecipient,
    Client,
    Organization,
    Recipient,
    Register,
    SubProcessor,
)
from ropa_desktop.services.changes import NEW_RECIPIENT, RECIPIENT_FIELD
from ropa_desktop.services.importing import apply_import, plan_import, read_input, retarget
from ropa_desktop.services.processor_sample import BOOKSHOP, CLUB, PROCESSOR, SURGERY, processor_sample_register
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.report.statement import build_statement_pdf
from ropa_desktop.services.statement import (
    StatementError,
    client_processing,
    document_to_statement,
    find_client,
    read_statement,
    recipient_id_for,
    statement_document,
)
from ropa_desktop.services.statement_export import export_statement, statement_paths

ISSUED = date(2026, 11, 27)
# What must never leave the processor in the bookshop's statement: other clients, their processing and contracts,
# and everything the field table marks internal (notes, the DPO's designation number), save the Art. 28(4)
# contracts of the sub-processors working for that client, which it is owed.
FOREIGN = (SURGERY, CLUB, "HB-02", "Hébergement de données de santé", "Site des adhérents", "DPA-2024-007",
           "DPA-2023-015", "Dossiers médicaux", "Marge faible", "retard de paiement", "Organisme fictif, pour",
           "DPO-000000", "Annexe HDS")
# The Art. 28(4) contracts of the bookshop's sub-processors (datacentre, backup, support desk).
OWED = ("DC-2023-117", "SN-2024-02", "SD-US-9")


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("statement")
    register = processor_sample_register()
    out = {}
    for lang in ("fr", "en"):
        result = export_statement(register, BOOKSHOP.upper(), folder / f"canuts-{lang}.json", lang=lang,
                                  today=ISSUED)
        assert result.written == [folder / f"canuts-{lang}.pdf", folder / f"canuts-{lang}.json"]
        assert not result.notices
        out[lang] = (result.written[0], result.written[1])
    return out


def test_the_json_holds_that_client_only_and_nothing_internal(exported: dict[str, tuple[Path, Path]]) -> None:
    _, json_path = exported["fr"]
    text = json_path.read_text("utf-8")
    doc = json.loads(text)
    assert doc["format"] == "ropa-processor-statement" and doc["version"] == 1 and doc["issued"] == "2026-11-27"
    assert doc["client"]["name"] == BOOKSHOP and doc["client"]["contract_reference"] == "DPA-2024-001"
    assert [p["reference"] for p in doc["processing"]] == ["HB-01", "HB-03"]
    assert [p["client_details"] for p in doc["processing"]] == ["Boutique www.canuts.example et son back-office",
                                                                 "Support aux heures ouvrées"]
    for foreign in FOREIGN:
        assert foreign not in text, foreign
    subs = {s["name"]: s for s in doc["sub_processors"]}
    # The Art. 28(4) contract binding each sub-processor working for this client, which it is owed.
    assert [subs[name]["contract_reference"] for name in ("Datacentre Rhône SAS (fictif)",
            "Sauvegardes Nordiques AB (fictif)", "SupportDesk Inc. (fictif)")] == list(OWED)
    assert subs["SupportDesk Inc. (fictif)"]["authorisation"] == "specific"
    assert subs["SupportDesk Inc. (fictif)"]["authorised_on"] == "2025-03-03"
    assert subs["SupportDesk Inc. (fictif)"]["processing"] == ["HB-03"]
    assert subs["Datacentre Rhône SAS (fictif)"]["processing"] == ["HB-01"]
    assert [(t["recipient"], t["country"], t["safeguard"]) for t in doc["transfers"]] == [
        ("SupportDesk Inc. (fictif)", "US", "scc")]
    assert doc["locations"] == ["FR", "SE", "US"]
    assert [m["type"] for m in doc["security"]["general"]] == [
        "access_control", "traceability", "backup", "encryption", "processor_control"]


def _keys(scope: str) -> set[str]:
    """The public fields, less the processor's own client ids (they mean nothing to a client), plus what it is owed."""
    owed = {"contract_reference"} if scope == "sub_processor" else set()
    return {s.key for s in fields_of(scope) if s.public and s.key != "client_id"} | owed


def test_the_json_is_described_by_the_field_table(exported: dict[str, tuple[Path, Path]]) -> None:
    doc = json.loads(exported["en"][1].read_text("utf-8"))
    assert set(doc["processor"]) == {"id"} | _keys("organization")
    assert set(doc["processor"]["dpo"]) == _keys("contact") and "designation_number" not in doc["processor"]["dpo"]
    assert set(doc["client"]) == {"id"} | _keys("client") and "notes" not in doc["client"]
    for item in doc["processing"]:
        assert set(item) == {"id", "client_details"} | _keys("processor_activity") - {"clients"}
        for sub in item["sub_processors"]:
            assert set(sub) == _keys("sub_processor") and "authorisation" in sub
    for sub in doc["sub_processors"]:
        assert set(sub) == _keys("sub_processor") | {"processing"}
    for transfer in doc["transfers"]:
        assert set(transfer) == _keys("transfer") | {"processing"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_says_what_the_json_says_for_that_client_only(exported: dict[str, tuple[Path, Path]],
                                                              lang: str) -> None:
    pdf_path, json_path = exported[lang]
    text = pdf_text(pdf_path)
    statement = read_statement(json_path)
    title = {"fr": "Déclaration du sous-traitant", "en": "Processor statement"}[lang]
    issued_to = {"fr": f"Établie pour : {BOOKSHOP}", "en": f"Issued to: {BOOKSHOP}"}[lang]
    assert title in text and issued_to in text and PROCESSOR in text
    for activity in statement.processing:
        assert f"{activity.reference} — {activity.name}" in text
    for sub in statement.sub_processors:
        assert sub.name in text
    assert {"fr": "Clauses contractuelles types (CCT)", "en": "Standard contractual clauses"}[lang] in text
    assert {"fr": "Autorisation écrite spécifique", "en": "Specific written authorisation"}[lang] in text
    assert "Comptes nominatifs, authentification à deux facteurs" in text  # the general security description
    assert "Pare-feu applicatif devant chaque boutique" in text  # a measure specific to HB-01
    for foreign in FOREIGN:
        assert foreign not in text, foreign
    for owed in OWED:  # the Art. 28(4) contract binding each sub-processor, as in the JSON
        assert owed in text, owed
    for spec in fields_of("sub_processor"):
        assert (spec.label(lang) in text) is (spec.key in _keys("sub_processor")), spec.key


def test_a_client_is_chosen_by_id_or_exact_name_and_an_ambiguous_or_unknown_one_is_refused() -> None:
    register = processor_sample_register()
    assert find_client(register, "canuts")[1].name == BOOKSHOP
    assert find_client(register, "  librairie des canuts (FICTIF) ")[1].id == "canuts"
    with pytest.raises(StatementError) as unknown:
        find_client(register, "Librairie")
    assert unknown.value.code == "unknown_client" and BOOKSHOP in unknown.value.message("fr")
    other = Organization(name="Autre hébergeur (fictif)", clients=[Client(id="x1", name=BOOKSHOP)])
    register.organizations.append(other)
    with pytest.raises(StatementError) as ambiguous:
        find_client(register, BOOKSHOP)
    assert ambiguous.value.code == "ambiguous_client" and "canuts, x1" in ambiguous.value.message("en")
    assert find_client(register, BOOKSHOP, other)[1].id == "x1"


def test_rows_left_empty_in_the_editor_are_not_handed_to_the_client() -> None:
    from ropa_desktop.domain.model import SecurityMeasure

    register = processor_sample_register()
    org, client = find_client(register, "canuts")
    shown = statement_document(org, client, ISSUED)
    org.security_measures.append(SecurityMeasure())
    for activity in org.processor_activities:
        activity.sub_processors.append(SubProcessor())
        activity.security_measures.append(SecurityMeasure())
    assert statement_document(org, client, ISSUED) == shown


def test_a_statement_missing_what_the_client_needs_says_so(tmp_path: Path) -> None:
    register = processor_sample_register()
    org, client = find_client(register, "canuts")
    assert export_statement(register, "canuts", tmp_path / "complete").notices == []
    org.address, org.dpo = "", type(org.dpo)()
    for activity, _ in client_processing(org, client):
        activity.status = "draft"
    said = [n.message("en") for n in export_statement(register, "canuts", tmp_path / "gaps").notices]
    assert any("no address" in line for line in said) and any("DPO" in line for line in said)
    assert any("still drafts" in line for line in said)
    assert all(p.exists() for p in statement_paths(tmp_path / "gaps"))  # written all the same
    org.processor_activities.clear()
    said = [n.message("fr") for n in export_statement(register, "canuts", tmp_path / "empty").notices]
    assert any("aucun traitement" in line.lower() for line in said)


def test_an_empty_list_of_persons_or_data_is_said_as_such_not_as_missing_measures(tmp_path: Path) -> None:
    register = processor_sample_register()
    org, client = find_client(register, "canuts")
    for activity, _ in client_processing(org, client):
        activity.data_subjects.clear()
        activity.security_measures.clear()
    org.security_measures.clear()
    export_statement(register, "canuts", tmp_path / "st", lang="en")
    text = pdf_text(statement_paths(tmp_path / "st")[0])
    subjects = text.split("Categories of data subjects", 1)[1][:80]
    assert "Nothing recorded." in subjects and "No measure recorded." not in subjects


# --- hostile or broken statements --------------------------------------------------------------------------

def _document() -> dict[str, Any]:
    register = processor_sample_register()
    org, client = find_client(register, "canuts")
    return statement_document(org, client, ISSUED)


def _with(path: str, value: Any) -> dict[str, Any]:
    doc = _document()
    *parents, last = path.split(".")
    target: Any = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return doc


@pytest.mark.parametrize(("doc", "where", "words"), [
    (_with("format", "ropa-desktop-register"), "$.format", "not a processor statement"),
    (_with("version", 9), "$.version", "newer version"),
    (_with("issued", "27/11/2026"), "$.issued", "expected a date"),
    (_with("processor.name", ""), "$.processor.name", "does not name the processor"),
    (_with("client.notes", "internal"), "$.client", "unknown field(s): notes"),
    (_with("processing.0.notes", "internal"), "$.processing[0]", "unknown field(s): notes"),
    (_with("processing.0.clients", []), "$.processing[0]", "unknown field(s): clients"),
    (_with("sub_processors.0.client_id", "X"), "$.sub_processors[0]", "unknown field(s)"),
    (_with("sub_processors.0.authorisation", "verbal"), "$.sub_processors[0].authorisation", "unknown code"),
    (_with("transfers.0.country", "XX"), "$.transfers[0].country", "unknown country"),
    (_with("transfers.0.safeguard", 3), "$.transfers[0].safeguard", "expected text"),
    (_with("processing", {}), "$.processing", "expected a list"),
    (_with("locations.0", "Mars"), "$.locations[0]", "unknown country"),
    (_with("sub_processors.0.authorised_on", "9999-01-01"), "$.sub_processors[0].authorised_on", "out of range"),
])
def test_a_broken_statement_is_refused_saying_where(tmp_path: Path, doc: dict[str, Any], where: str,
                                                   words: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(StatementError) as refused:
        read_statement(path)
    english, french = refused.value.message("en"), refused.value.message("fr")
    assert where in english and words in english, english
    assert "n'est pas une déclaration de sous-traitant lisible" in french and where in french


@pytest.mark.parametrize("content", [b"{" * 100_000, b'{"format": "ropa-processor-statement", "version": 1e999}',
                                     b"\xff\xfe{}", b'{"format": "ropa-processor-statement", "issued": "\\ud800"}'])
def test_a_hostile_statement_is_refused_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(StatementError):
        read_statement(path)


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8)
                     | st.sampled_from(["", "FR", "US", "general", "scc", "2026-01-01", "x" * 300]),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                  max_size=3), max_leaves=8)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


_DOCUMENT = _document()
_PATHS = _paths(_DOCUMENT)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(_PATHS[1:]), value=_JSON, drop=st.booleans())
def test_any_mutated_statement_is_read_or_refused_with_a_located_error(where: tuple[Any, ...], value: Any,
                                                                        drop: bool) -> None:
    """A value replaced or a key dropped anywhere: the statement reads, or a DocumentError names where."""
    from ropa_desktop.services.json_format import DocumentError

    doc = copy.deepcopy(_DOCUMENT)
    parent: Any = doc
    for part in where[:-1]:
        parent = parent[part]
    if drop and isinstance(parent, dict):
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    try:
        document_to_statement(doc)
    except DocumentError as refused:
        assert refused.message("fr") and refused.path.startswith("$")


# --- into a controller's register --------------------------------------------------------------------------

def _controller(recipients: list[Recipient] | None = None) -> Register:
    host = Recipient(id="r-host", name="Hébergix SAS (FICTIF)", type="processor")
    shop = Activity(reference="LC-01", name="Vente en ligne", recipients=[ActivityRecipient("r-host")])
    return Register([Organization(id="ctrl", name=BOOKSHOP, recipients=recipients if recipients is not None
                                  else [host], activities=[shop])])


def _statement_file(tmp_path: Path, issued: date, name: str = "s.json", **changes: Any) -> Path:
    register = processor_sample_register()
    org, _ = find_client(register, "canuts")
    for activity in org.processor_activities:
        for key, value in changes.items():
            setattr(activity, key, copy.deepcopy(value))
    path = tmp_path / name
    export_statement(register, "canuts", path, lang="en", today=issued)
    return path


def test_a_statement_updates_the_processor_in_the_clients_recipients(tmp_path: Path) -> None:
    current = _controller()
    incoming = read_input(_statement_file(tmp_path, ISSUED))
    assert incoming.kind == "statement"
    plan = plan_import(current, incoming, "en")
    assert {(c.kind, c.path) for c in plan.changes} == {(RECIPIENT_FIELD, k) for k in (
        "country", "contract_reference", "statement_date", "sub_processors", "transfers")}
    assert not plan.conflicts()
    after = apply_import(current, plan)
    (host,) = after.organizations[0].recipients
    assert host.id == "r-host" and host.country == "FR" and host.statement_date == ISSUED
    # The Art. 28 contract the statement is under: the controller's check for a processor without one is answered.
    assert host.contract_reference and host.contract_reference == find_client(
        processor_sample_register(), "canuts")[1].contract_reference
    assert [s.name for s in host.sub_processors] == ["Datacentre Rhône SAS (fictif)",
                                                    "Sauvegardes Nordiques AB (fictif)", "SupportDesk Inc. (fictif)"]
    assert [(t.country, t.safeguard) for t in host.transfers] == [("US", "scc")]
    assert current.organizations[0].recipients[0].statement_date is None  # the current register is left as it was
    assert not len(plan_import(after, incoming, "en"))  # the same statement again: nothing to do


def test_a_statement_makes_a_new_processor_recipient_with_a_stable_id(tmp_path: Path) -> None:
    incoming = read_input(_statement_file(tmp_path, ISSUED))
    plan = plan_import(_controller([]), incoming, "fr")
    assert [c.kind for c in plan.changes] == [NEW_RECIPIENT]
    assert plan.describe("fr") == [f"+ [{BOOKSHOP}] {PROCESSOR} : nouveau destinataire"]
    after = apply_import(_controller([]), plan)
    (new,) = after.organizations[0].recipients
    assert new.id == recipient_id_for("hebergix") and new.type == "processor" and new.name == PROCESSOR
    # Renamed by the controller since: the next statement still finds it, by the id it took.
    after.organizations[0].recipients[0].name = "Notre hébergeur"
    newer = read_input(_statement_file(tmp_path, date(2027, 1, 5), "newer.json"))
    assert [(c.kind, c.path) for c in plan_import(after, newer).changes] == [(RECIPIENT_FIELD, "statement_date")]


def test_a_newer_statement_is_reviewed_field_by_field_and_an_older_one_is_a_conflict(tmp_path: Path) -> None:
    first = read_input(_statement_file(tmp_path, ISSUED))
    current = apply_import(_controller(), plan_import(_controller(), first))
    moved = [SubProcessor(name="SupportDesk Inc. (fictif)", country="CA", authorisation="specific",
                          authorised_on=date(2026, 12, 1))]
    newer = read_input(_statement_file(tmp_path, date(2027, 1, 5), "newer.json", sub_processors=moved,
                                       transfers=[]))
    plan = plan_import(current, newer, "en")
    assert {c.path for c in plan.changes} == {"statement_date", "sub_processors", "transfers"}
    assert not plan.conflicts()
    lines = "\n".join(plan.describe("en"))
    assert "Sub-processors (statement)" in lines and "Canada" in lines
    # The DPO keeps the old sub-processors but takes the new date and transfers: each field is its own choice.
    accepted = [c.id for c in plan.changes if c.path != "sub_processors"]
    after = apply_import(current, plan, accepted)
    host = after.organizations[0].recipients[0]
    assert host.statement_date == date(2027, 1, 5) and host.transfers == [] and len(host.sub_processors) == 3
    older = read_input(_statement_file(tmp_path, date(2026, 1, 1), "older.json", sub_processors=moved))
    stale = plan_import(after, older, "en")
    assert stale.changes and all(c.conflict == "older_statement" for c in stale.changes)
    assert apply_import(after, stale) == after  # by default nothing of an older statement is applied


def test_the_checks_see_a_declared_sub_processor_outside_the_eea_without_a_safeguard(tmp_path: Path) -> None:
    from ropa_desktop.domain.checks import check_register

    safe = read_input(_statement_file(tmp_path, ISSUED))
    register = apply_import(_controller(), plan_import(_controller(), safe))
    assert not [f for f in check_register(register, ISSUED) if f.code.startswith("statement_")]
    bare = read_input(_statement_file(tmp_path, date(2027, 1, 5), "bare.json", transfers=[]))
    register = apply_import(register, plan_import(register, bare))
    found = [(f.code, f.field) for f in check_register(register, ISSUED) if f.code.startswith("statement_")]
    assert found == [("statement_sub_processor_unsafeguarded", "recipients[0].sub_processors[2].country")]


def test_a_statement_for_a_client_not_in_the_register_asks_where_it_goes(tmp_path: Path) -> None:
    incoming = read_input(_statement_file(tmp_path, ISSUED))
    elsewhere = Register([Organization(id="o1", name="Autre organisme")])
    plan = plan_import(elsewhere, incoming, "fr")
    assert not plan.changes and "--into" in plan.problems[0] and BOOKSHOP in plan.problems[0]
    chosen = plan_import(elsewhere, retarget(incoming, into=elsewhere.organizations[0]), "fr")
    assert [c.kind for c in chosen.changes] == [NEW_RECIPIENT]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_controllers_transfer_annex_lists_the_processors_transfers(tmp_path: Path, lang: str) -> None:
    incoming = read_input(_statement_file(tmp_path, ISSUED))
    register = apply_import(_controller(), plan_import(_controller(), incoming))
    out = tmp_path / "controller.pdf"
    build_pdf(register, out, lang=lang, today=ISSUED)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
    annex = next(p for p in pages if {"fr": "Annexe 2 – Transferts", "en": "Annex 2 – Transfers"}[lang] in p
                 and "SupportDesk" in p)
    via = {"fr": "via Hébergix SAS (FICTIF) (déclaration du sous-traitant du 27/11/2026)",
           "en": "via Hébergix SAS (FICTIF) (processor statement of 27 November 2026)"}[lang]
    assert f"SupportDesk Inc. (fictif) {via}" in annex
    assert "LC-01" in annex  # the activity that uses the processor
    assert {"fr": "Clauses contractuelles types", "en": "Standard contractual clauses"}[lang] in annex
    assert "Datacentre Rhône" not in annex  # a sub-processor inside the EEA is no transfer


def test_the_statement_files_are_named_from_the_output(tmp_path: Path) -> None:
    assert statement_paths(tmp_path / "a.pdf") == (tmp_path / "a.pdf", tmp_path / "a.json")
    assert statement_paths(tmp_path / "a.JSON") == (tmp_path / "a.pdf", tmp_path / "a.json")
    assert statement_paths(tmp_path / "v1.2") == (tmp_path / "v1.2.pdf", tmp_path / "v1.2.json")


def test_two_statements_of_the_same_day_say_at_what_time_and_from_which_register(tmp_path: Path) -> None:
    org, client = find_client(processor_sample_register(), BOOKSHOP)
    statement = document_to_statement(statement_document(org, client, ISSUED))
    texts = {}
    for lang in ("fr", "en"):
        for hour in (9, 16):
            pdf = build_statement_pdf(statement, lang=lang, at=datetime(2026, 11, 27, hour, 5, tzinfo=UTC))
            path = tmp_path / f"{lang}-{hour}.pdf"
            path.write_bytes(pdf.data)
            texts[lang, hour] = pdf_text(path)
    assert texts["fr", 9] != texts["fr", 16] and texts["en", 9] != texts["en", 16]
    for hour in (9, 16):
        assert f"Déclaration du 27/11/2026, éditée à {hour:02}:05 UTC+00:00" in texts["fr", hour]
        assert f"Statement of 27 November 2026, issued at {hour:02}:05 UTC+00:00" in texts["en", hour]
        assert f"Registre de {PROCESSOR} (identifiant {org.id})" in texts["fr", hour]
        assert f"Register of {PROCESSOR} (id {org.id})" in texts["en", hour]

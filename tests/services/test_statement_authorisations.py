"""A statement carries only the receiving client's own authorisation of each sub-processor (Art. 28(2))."""

from __future__ import annotations

from datetime import date

from ropa_desktop.domain.model import Client, ClientLink, Organization, SubProcessor
from ropa_desktop.services.statement import loads, statement_document, statement_json
from tests.builders import good_org, good_processor_side

ISSUED = date(2026, 11, 27)


def _three_clients() -> Organization:
    org = good_org()
    good_processor_side(org)
    org.clients += [Client(id="b", name="Initech", address="1 rue B", contract_reference="DPA-B"),
                    Client(id="c", name="Umbrella", address="1 rue C", contract_reference="DPA-C")]
    processing = org.processor_activities[0]
    processing.clients = [ClientLink("cli"), ClientLink("b"), ClientLink("c")]
    processing.sub_processors = [
        SubProcessor("OVH", "FR", "hosting", "general", date(2024, 2, 15), "Annexe 3 du contrat A",
                     client_id="cli"),
        SubProcessor("OVH", "FR", "hosting", "specific", date(2024, 5, 2), "Lettre B", client_id="b"),
        SubProcessor("OVH", "FR", "hosting", "general", date(2024, 9, 9), "Annexe C", client_id="c"),
    ]
    return org


def _subs(org: Organization, client_id: str) -> list[dict[str, object]]:
    client = org.client(client_id)
    assert client is not None
    return statement_document(org, client, ISSUED)["sub_processors"]


def test_the_statement_to_one_client_shows_its_own_authorisation_only() -> None:
    org = _three_clients()
    subs = _subs(org, "b")
    assert [(s["name"], s["authorisation"], s["authorised_on"], s["authorisation_reference"]) for s in subs] == [
        ("OVH", "specific", "2024-05-02", "Lettre B")]
    client = org.client("b")
    assert client is not None
    text = statement_json(org, client, ISSUED)
    assert "2024-02-15" not in text and "Annexe 3" not in text and "Annexe C" not in text
    assert '"cli"' not in text  # another client's id is not handed over either
    assert loads(text).sub_processors[0].authorisation_reference == "Lettre B"


def test_a_sub_processor_the_client_has_not_authorised_appears_without_authorisation() -> None:
    org = _three_clients()
    del org.processor_activities[0].sub_processors[2]  # nothing recorded for Umbrella
    subs = _subs(org, "c")
    assert [(s["name"], s["country"], s["authorisation"], s["authorised_on"], s["authorisation_reference"])
            for s in subs] == [("OVH", "FR", "", None, "")]
    processing = statement_document(org, org.clients[2], ISSUED)["processing"][0]
    assert processing["sub_processors"][0]["authorisation"] == ""


def test_a_row_naming_no_client_is_the_authorisation_of_the_only_client() -> None:
    org = good_org()
    good_processor_side(org)
    subs = _subs(org, "cli")
    assert [(s["name"], s["authorisation"], s["authorised_on"]) for s in subs] == [
        ("Cloud Inc", "general", "2024-01-01")]
    org.clients.append(Client(id="b", name="Initech", address="1 rue B", contract_reference="DPA-B"))
    org.processor_activities[0].clients.append(ClientLink("b"))
    # Once the processing serves two clients, a row naming none is no one's authorisation in particular.
    assert [(s["name"], s["authorisation"]) for s in _subs(org, "cli")] == [("Cloud Inc", "")]

"""Checks of each client's own authorisation of a sub-processor (Art. 28(2)) and of the client and transfer dates."""

from __future__ import annotations

from datetime import date

from ropa_desktop.domain.checks import check_register, message
from ropa_desktop.domain.model import Client, ClientLink, Organization, Register, SubProcessor, Transfer
from tests.builders import CHECKED_ON as TODAY
from tests.builders import good_org, good_processor_side


def _three_clients() -> Organization:
    org = good_org()
    good_processor_side(org)
    org.clients += [Client(id="b", name="Initech", address="1 rue B", contract_reference="DPA-B"),
                    Client(id="c", name="Umbrella", address="1 rue C", contract_reference="DPA-C")]
    processing = org.processor_activities[0]
    processing.clients = [ClientLink("cli"), ClientLink("b"), ClientLink("c")]
    processing.sub_processors = [
        SubProcessor("Cloud Inc", "US", "hosting", "general", date(2024, 2, 15), "Annexe 3", client_id="cli"),
        SubProcessor("Cloud Inc", "US", "hosting", "specific", date(2024, 3, 1), "Letter", client_id="b"),
    ]
    return org


def _codes(org: Organization, *codes: str) -> list[tuple[str, str, dict[str, str]]]:
    return [(f.code, f.field, f.params) for f in check_register(Register([org]), TODAY) if f.code in codes]


def test_a_client_that_has_not_authorised_the_sub_processor_is_named() -> None:
    org = _three_clients()
    found = _codes(org, "sub_processor_client_not_authorised")
    assert found == [("sub_processor_client_not_authorised", "processor_activities[0].sub_processors[0].client_id",
                      {"client": "Umbrella", "sub_processor": "Cloud Inc"})]
    finding = next(f for f in check_register(Register([org]), TODAY)
                   if f.code == "sub_processor_client_not_authorised")
    assert "Umbrella" in message(finding, "en") and "28(2)" in message(finding, "en")
    assert "n'a pas autorisé" in message(finding, "fr")
    org.processor_activities[0].sub_processors.append(
        SubProcessor("Cloud Inc", "US", "hosting", "general", date(2024, 4, 1), "DPA C", client_id="c"))
    assert _codes(org, "sub_processor_client_not_authorised") == []


def test_a_row_without_a_client_covers_no_one_when_the_processing_serves_several() -> None:
    org = _three_clients()
    for sub in org.processor_activities[0].sub_processors:
        sub.client_id = ""
    assert {p["client"] for _, _, p in _codes(org, "sub_processor_client_not_authorised")} == {
        "Globex", "Initech", "Umbrella"}


def test_a_single_client_processing_keeps_a_row_without_a_client() -> None:
    org = good_org()
    good_processor_side(org)
    assert _codes(org, "sub_processor_client_not_authorised", "sub_processor_client_unlinked") == []


def test_a_row_naming_a_client_the_processing_does_not_serve_is_found() -> None:
    org = _three_clients()
    org.clients.append(Client(id="d", name="Stark", address="1 rue D", contract_reference="DPA-D"))
    org.processor_activities[0].sub_processors[1].client_id = "d"
    found = _codes(org, "sub_processor_client_unlinked")
    assert found == [("sub_processor_client_unlinked", "processor_activities[0].sub_processors[1].client_id",
                      {"client": "Stark", "sub_processor": "Cloud Inc"})]


def test_a_client_whose_service_ends_before_it_starts_is_an_error() -> None:
    org = good_org()
    good_processor_side(org)
    org.clients[0].end = date(2023, 12, 31)
    found = _codes(org, "client_end_before_start")
    assert found == [("client_end_before_start", "clients[0].end",
                      {"client": "Globex", "start": "2024-01-01", "end": "2023-12-31"})]
    org.clients[0].end = date(2024, 1, 1)
    assert _codes(org, "client_end_before_start") == []


def test_a_derogation_without_documentation_is_a_warning() -> None:
    org = good_org()
    good_processor_side(org)
    org.processor_activities[0].transfers.append(Transfer("Helpdesk", "IN", "derogation_art49", ""))
    found = _codes(org, "transfer_derogation_undocumented")
    assert found == [("transfer_derogation_undocumented", "processor_activities[0].transfers[1].documentation",
                      {"country": "IN"})]
    org.processor_activities[0].transfers[1].documentation = "Art. 49(1)(b): contract performance, file 12"
    assert _codes(org, "transfer_derogation_undocumented") == []

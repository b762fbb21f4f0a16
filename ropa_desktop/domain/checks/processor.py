"""Checks of the processor's register (Art. 28, 30(2)) and of the statements a controller imported from its processors.

Paths start at the organisation (``clients[2].contract_reference``,
``processor_activities[0].sub_processors[1].authorisation``); a finding about a processing names it in
``activity_id``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..fields import list_fields
from ..model import Client, Organization, ProcessorActivity, SubProcessor, Transfer
from .activity import Add, _fields, check_transfers
from .common import outside_eea
from .rules import RULES, Finding

_PROCESSING_LISTS = tuple((f.key, f.item) for f in list_fields("processor_activity"))
_CLIENT_CONTACTS = ("contact", "representative", "dpo")


def check_processor(org: Organization, today: date) -> list[Finding]:
    """Every finding of the organisation's processor side: its clients, then each processing for them."""
    findings = check_clients(org)
    for i, activity in enumerate(org.processor_activities):
        findings += check_processor_activity(activity, org, today, i)
    return findings


def check_clients(org: Organization) -> list[Finding]:
    """The clients' own findings (organisation-level: they name no processing)."""
    findings: list[Finding] = []

    def add(code: str, path: str, **params: str) -> None:
        findings.append(Finding(code, RULES[code].severity, org.id, None, path, params))

    for j, client in enumerate(org.clients):
        where = f"clients[{j}]."
        _fields(add, client, "client", where, "clients", j, "organization")
        for key in _CLIENT_CONTACTS:
            _fields(add, getattr(client, key), "contact", f"{where}{key}.")
        if not client.contract_reference.strip():
            add("client_without_contract", f"{where}contract_reference", client=client.name)
        if not _reachable(client):
            add("client_contact_missing", f"{where}email", client=client.name)
        if client.start is not None and client.end is not None and client.end < client.start:
            add("client_end_before_start", f"{where}end", client=client.name, start=client.start.isoformat(),
                end=client.end.isoformat())
    return findings


def _reachable(client: Client) -> bool:
    """Art. 30(2)(a) asks for the controller's contact details: any way of reaching it will do."""
    own = (client.address, client.email, client.phone)
    person = (client.contact.email, client.contact.phone, client.contact.address)
    return any(text.strip() for text in (*own, *person))


def check_processor_activity(activity: ProcessorActivity, org: Organization, today: date,
                             index: int | None = None) -> list[Finding]:
    """Findings for one processing carried out for clients (fast enough to run on every edit)."""
    if index is None:
        index = next((i for i, a in enumerate(org.processor_activities) if a.id == activity.id), 0)
    findings: list[Finding] = []
    prefix = f"processor_activities[{index}]."
    label = " ".join(p for p in (activity.reference, activity.name) if p)

    def add(code: str, path: str, **params: str) -> None:
        findings.append(Finding(code, RULES[code].severity, org.id, activity.id, path, params))

    _fields(add, activity, "processor_activity", prefix)
    for key, scope in _PROCESSING_LISTS:
        for i, item in enumerate(getattr(activity, key)):
            _fields(add, item, scope, f"{prefix}{key}[{i}].", key, i, "processor_activity")
    if not activity.clients:
        add("processing_without_client", f"{prefix}clients", processing=label)
    for k, link in enumerate(activity.clients):
        client = org.client(link.client_id)
        if client is None:
            continue
        if client.end is not None and client.end < today and (activity.end is None or activity.end > client.end):
            add("client_contract_ended", f"{prefix}clients[{k}]", client=client.name, processing=label,
                date=client.end.isoformat())
    for k, sub in enumerate(activity.sub_processors):
        if not sub.authorisation:
            add("sub_processor_not_authorised", f"{prefix}sub_processors[{k}].authorisation",
                sub_processor=sub.name)
        if outside_eea(sub.country.upper()) and not safeguarded(sub, activity.transfers):
            add("sub_processor_transfer_missing", f"{prefix}sub_processors[{k}].country", sub_processor=sub.name,
                country=sub.country.upper())
    _authorisations(add, activity, org, prefix)
    check_transfers(add, activity.transfers, prefix, today)
    for k, transfer in enumerate(activity.transfers):
        # Art. 49(1) second subparagraph: a derogation's circumstances and safeguards are to be documented.
        if transfer.safeguard == "derogation_art49" and not transfer.documentation.strip():
            add("transfer_derogation_undocumented", f"{prefix}transfers[{k}].documentation",
                country=transfer.country.upper())
    if not activity.security_measures and not (activity.security_shared and org.security_measures):
        add("processing_without_security", f"{prefix}security_measures", processing=label)
    return findings


def _authorisations(add: Add, activity: ProcessorActivity, org: Organization, prefix: str) -> None:
    """Art. 28(2): each client's own authorisation for each sub-processor; a row's client must be one served."""
    linked = [link.client_id for link in activity.clients]
    for k, sub in enumerate(activity.sub_processors):
        if sub.client_id and sub.client_id not in linked:
            client = org.client(sub.client_id)
            add("sub_processor_client_unlinked", f"{prefix}sub_processors[{k}].client_id", sub_processor=sub.name,
                client=client.name if client else sub.client_id)
    if len(set(linked)) < 2:
        return  # one client: a row without authorisation is already sub_processor_not_authorised
    first: dict[tuple[str, str], int] = {}
    covered: set[tuple[tuple[str, str], str]] = set()
    for k, sub in enumerate(activity.sub_processors):
        key = (sub.name.strip().casefold(), sub.country.upper())
        first.setdefault(key, k)
        if sub.authorisation and sub.client_id:
            covered.add((key, sub.client_id))
    for key, k in first.items():
        for client_id in dict.fromkeys(linked):
            client = org.client(client_id)
            if client is not None and (key, client_id) not in covered:
                add("sub_processor_client_not_authorised", f"{prefix}sub_processors[{k}].client_id",
                    client=client.name, sub_processor=activity.sub_processors[k].name)


def safeguarded(sub: SubProcessor, transfers: Sequence[Transfer]) -> bool:
    """A transfer to the sub-processor (by name, else by its country) that rests on a safeguard."""
    name, code = sub.name.strip().casefold(), sub.country.upper()
    return any(t.safeguard and ((name and t.recipient.strip().casefold() == name) or t.country.upper() == code)
               for t in transfers)


def check_statements(add: Add, org: Organization) -> None:
    """A recipient's imported statement: its sub-processors and transfers outside the EEA need a safeguard."""
    for j, recipient in enumerate(org.recipients):
        for k, sub in enumerate(recipient.sub_processors):
            if outside_eea(sub.country.upper()) and not safeguarded(sub, recipient.transfers):
                add("statement_sub_processor_unsafeguarded", f"recipients[{j}].sub_processors[{k}].country",
                    recipient=recipient.name, sub_processor=sub.name, country=sub.country.upper())
        for k, transfer in enumerate(recipient.transfers):
            if outside_eea(transfer.country.upper()) and not transfer.safeguard:
                add("statement_transfer_unsafeguarded", f"recipients[{j}].transfers[{k}].safeguard",
                    recipient=recipient.name, country=transfer.country.upper())

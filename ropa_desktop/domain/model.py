"""The register's types: organisations, their shared recipients and their processing activities."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import TypeVar

from .vocabularies import is_sensitive_category


def new_id() -> str:
    """A fresh stable identifier (kept across exports so re-imports match exactly)."""
    return uuid.uuid4().hex


@dataclass(slots=True)
class Contact:
    """A person or body with contact details: head of organisation, EU representative, DPO."""

    name: str = ""
    role: str = ""  # title, e.g. "Chairman"
    company: str = ""  # e.g. the firm of an external DPO
    address: str = ""
    postal_code: str = ""  # text: "01000" keeps its zero
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""
    designation_number: str = ""  # the DPO's CNIL designation number

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


@dataclass(slots=True)
class Source:
    """Where a recorded fact comes from: a document and the article or heading in it."""

    document: str = ""
    section: str = ""
    excerpt: str = ""
    field: str = ""  # the field path the excerpt supports, e.g. "purposes[0].legal_basis" ("" = the whole record)


@dataclass(slots=True)
class Purpose:
    """A purpose of processing, with its own Art. 6(1) legal basis."""

    description: str = ""
    main: bool = False
    legal_basis: str = ""  # LEGAL_BASES code ("" = not recorded)
    legal_basis_details: str = ""  # which law, which interest


@dataclass(slots=True)
class DataSubject:
    """A category of data subjects (CNIL list)."""

    category: str = ""
    details: str = ""


@dataclass(slots=True)
class DataCategory:
    """A category of personal data; a sensitive one carries its Art. 9(2) / Art. 10 condition."""

    category: str = ""
    details: str = ""
    sensitive: bool = False
    special_condition: str = ""  # SPECIAL_CONDITIONS code
    special_condition_details: str = ""

    def __post_init__(self) -> None:
        # A category of the sensitive list is sensitive whatever the caller said.
        if is_sensitive_category(self.category):
            self.sensitive = True


@dataclass(slots=True)
class Duration:
    """A retention duration: a whole number of days, months or years."""

    value: int
    unit: str  # DURATION_UNITS code


@dataclass(slots=True)
class RetentionRule:
    """How long some of the activity's data is kept, from which event, why, and what happens then."""

    applies_to: str = ""  # what the rule covers, in words
    categories: list[str] = field(default_factory=list)  # data category codes covered ([] = whole activity)
    duration: Duration | None = None
    criterion: str = ""  # where no duration can be given: "until the end of the commercial relationship"
    start: str = ""  # start event
    legal_reference: str = ""  # e.g. "Code de commerce, art. L. 123-22"
    phase: str = ""  # RETENTION_PHASES code
    final_fate: str = ""  # FINAL_FATES code
    minimum: bool = False  # the duration is a minimum ("kept for a minimum of 3 years"), not a maximum


@dataclass(slots=True)
class Recipient:
    """A recipient in the organisation's shared catalogue, reused by many activities."""

    id: str = field(default_factory=new_id)
    name: str = ""
    type: str = ""  # RECIPIENT_TYPES code
    country: str = ""  # ISO 3166-1 alpha-2, or "INT-" + an international organisation code
    details: str = ""
    contract_reference: str = ""  # Art. 28 contract, for processors
    # From the processor's statement (its sub-processors and transfers), where one was imported.
    statement_date: date | None = None
    sub_processors: list[SubProcessor] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)


@dataclass(slots=True)
class ActivityRecipient:
    """An activity's use of a catalogue recipient, with what is specific to this activity."""

    recipient_id: str = ""
    details: str = ""


@dataclass(slots=True)
class Transfer:
    """A transfer outside the EU/EEA and the safeguard it rests on."""

    recipient: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or "INT-" + an international organisation code
    safeguard: str = ""  # SAFEGUARDS code
    documentation: str = ""  # link or reference to the safeguard's documentation


@dataclass(slots=True)
class SecurityMeasure:
    """An Art. 32 measure (CNIL list)."""

    type: str = ""
    details: str = ""


@dataclass(slots=True)
class Dpia:
    """The data protection impact assessment: required? done? where?"""

    required: bool | None = None
    done: bool | None = None
    reference: str = ""
    # The screening questionnaire: answered at all? which EDPB criteria (WP248) and which CNIL list entries
    # (délibération 2018-327) the activity meets, and why no DPIA is needed despite two criteria or more.
    screened: bool = False
    criteria: list[str] = field(default_factory=list)  # DPIA_CRITERIA codes
    cnil_list: list[str] = field(default_factory=list)  # CNIL_DPIA_LIST codes
    justification: str = ""


@dataclass(slots=True)
class AutomatedDecision:
    """Automated decision-making including profiling (Art. 22)."""

    used: bool | None = None
    details: str = ""


@dataclass(slots=True)
class Activity:
    """A processing activity: Art. 30(1)(a)-(g), the CNIL fiche, and what a serious register adds."""

    id: str = field(default_factory=new_id)
    reference: str = ""
    name: str = ""
    description: str = ""
    role: str = "controller"
    joint_controllers: str = ""
    status: str = "draft"
    created: date | None = None
    updated: datetime | None = None
    owner_department: str = ""
    tools: str = ""
    data_source: str = ""
    next_review: date | None = None
    last_review: date | None = None
    validated_by: str = ""  # who set the status to validated
    validated_on: date | None = None  # when the status was last set to validated
    purposes: list[Purpose] = field(default_factory=list)
    data_subjects: list[DataSubject] = field(default_factory=list)
    data_categories: list[DataCategory] = field(default_factory=list)
    retention: list[RetentionRule] = field(default_factory=list)
    recipients: list[ActivityRecipient] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    security_measures: list[SecurityMeasure] = field(default_factory=list)
    dpia: Dpia = field(default_factory=Dpia)
    automated_decision: AutomatedDecision = field(default_factory=AutomatedDecision)
    consent_withdrawal: str = ""  # how data subjects withdraw consent, where a purpose rests on it
    notes: str = ""  # internal: left out of public exports
    sources: list[Source] = field(default_factory=list)

    def main_purpose(self) -> Purpose | None:
        return next((p for p in self.purposes if p.main), self.purposes[0] if self.purposes else None)

    def legal_bases(self) -> list[str]:
        """The distinct legal bases of the purposes, in order of first use."""
        return list(dict.fromkeys(p.legal_basis for p in self.purposes if p.legal_basis))

    def has_sensitive_data(self) -> bool:
        return any(c.sensitive for c in self.data_categories)


@dataclass(slots=True)
class SubProcessor:
    """Another processor engaged for a processing done on behalf of clients (Art. 28(2) and (4))."""

    name: str = ""
    country: str = ""  # where it processes: ISO 3166-1 alpha-2, or "INT-" + an international organisation code
    service: str = ""  # what it does, e.g. "hosting"
    authorisation: str = ""  # AUTHORISATIONS code: the client's general or specific written authorisation
    authorised_on: date | None = None
    authorisation_reference: str = ""  # where the authorisation is: DPA annex, letter, e-mail
    contract_reference: str = ""  # the Art. 28(4) contract with the sub-processor
    # The client whose authorisation this row records: Art. 28(2) needs each controller's own ("" = the only one).
    client_id: str = ""


@dataclass(slots=True)
class Client:
    """A controller on whose behalf the organisation processes (Art. 30(2)(a)), and the Art. 28 contract."""

    id: str = field(default_factory=new_id)
    name: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    contact: Contact = field(default_factory=Contact)  # the person in charge at the client
    representative: Contact = field(default_factory=Contact)  # Art. 27, where the client is outside the EU
    dpo: Contact = field(default_factory=Contact)
    contract_reference: str = ""  # the Art. 28(3) contract or data processing agreement
    contract_date: date | None = None
    instructions: str = ""  # the client's documented instructions (Art. 28(3)(a)), or where they are
    start: date | None = None  # start of the service
    end: date | None = None  # end of the service (the contract has ended after this date)
    notes: str = ""  # internal: left out of public exports and statements


@dataclass(slots=True)
class ClientLink:
    """A processing's client, with what is specific to that client."""

    client_id: str = ""
    details: str = ""


@dataclass(slots=True)
class ProcessorActivity:
    """A category of processing carried out on behalf of clients (Art. 30(2)(b)-(d))."""

    id: str = field(default_factory=new_id)
    reference: str = ""
    name: str = ""
    description: str = ""  # the processing carried out, in words
    status: str = "draft"
    clients: list[ClientLink] = field(default_factory=list)
    data_subjects: list[DataSubject] = field(default_factory=list)
    data_categories: list[DataCategory] = field(default_factory=list)
    sub_processors: list[SubProcessor] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    # Art. 30(2)(d): the organisation's general description applies, or (and) measures specific to this processing.
    security_shared: bool = True
    security_measures: list[SecurityMeasure] = field(default_factory=list)
    start: date | None = None  # start of the service
    end: date | None = None  # end of the service (None: still carried out)
    updated: datetime | None = None
    notes: str = ""  # internal: left out of public exports and statements


_T = TypeVar("_T", Activity, Recipient, Client, ProcessorActivity)
# id -> position for the few lists looked up lately, keyed by the list's identity. Looking up every activity's
# recipients (or a list of activities) one by one would otherwise scan the list each time: quadratic on a large
# register. A position is used only after checking the item there still has that id, so a list changed or
# replaced since costs one rebuild, never a wrong answer.
_POSITIONS: dict[int, tuple[int, dict[str, int]]] = {}
_KEEP = 8


def _find(items: list[_T], item_id: str) -> _T | None:
    """The item with ``item_id``, or None."""
    cached = _POSITIONS.get(id(items)) if len(items) >= 16 else None
    if cached is not None and cached[0] == len(items):
        i = cached[1].get(item_id)
        if i is None:
            return next((x for x in items if x.id == item_id), None)  # a miss costs the scan it always cost
        if items[i].id == item_id:  # ids are unique in a list: the one there is the one a scan would find
            return items[i]
    elif len(items) < 16:
        return next((x for x in items if x.id == item_id), None)
    # No index yet, or a stale one: rebuilt at the cost of about one scan.
    positions: dict[str, int] = {}
    for i, x in enumerate(items):
        positions.setdefault(x.id, i)
    if len(_POSITIONS) >= _KEEP:
        _POSITIONS.clear()  # atomic, unlike evicting one entry, should a worker thread look up at the same time
    _POSITIONS[id(items)] = (len(items), positions)
    found = positions.get(item_id)
    return None if found is None else items[found]


@dataclass(slots=True)
class Organization:
    """A controller (or processor) whose register this is."""

    id: str = field(default_factory=new_id)
    name: str = ""
    legal_form: str = ""
    registration_number: str = ""  # SIREN / RCS
    address: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    head: Contact = field(default_factory=Contact)
    representative: Contact = field(default_factory=Contact)  # Art. 27, where the controller is outside the EU
    dpo: Contact = field(default_factory=Contact)
    dpo_is_contact_point: bool = False  # a contact point for data protection, not a designated DPO
    # Art. 37(1) (a)-(c): the answers that make a DPO mandatory (None = not answered yet).
    public_body: bool | None = None
    large_scale_monitoring: bool | None = None
    large_scale_sensitive: bool | None = None
    notes: str = ""
    sources: list[Source] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # The processor's side (Art. 30(2)): its general security description, its clients and what it does for them.
    security_measures: list[SecurityMeasure] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)
    processor_activities: list[ProcessorActivity] = field(default_factory=list)

    def recipient(self, recipient_id: str) -> Recipient | None:
        return _find(self.recipients, recipient_id)

    def client(self, client_id: str) -> Client | None:
        return _find(self.clients, client_id)

    def processor_activity(self, activity_id: str) -> ProcessorActivity | None:
        return _find(self.processor_activities, activity_id)

    def activity(self, activity_id: str) -> Activity | None:
        return _find(self.activities, activity_id)


@dataclass(slots=True)
class Register:
    """Everything one register file holds."""

    organizations: list[Organization] = field(default_factory=list)

    def organization(self, org_id: str) -> Organization | None:
        return next((o for o in self.organizations if o.id == org_id), None)

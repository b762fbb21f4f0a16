"""The registers tests build, in one place: minimal, filled from the field table, hand-made, synthetic, on disk.

- ``minimal_register``: an organisation with a few numbered activities.
- ``filled_register``: every field of one activity, found by walking the field table, with a distinct value;
  ``filled_processor_register`` the same for the processor's register.
- ``recognisable_register``: one activity filled by hand with recognisable text, markup and non-Latin script.
- ``good_org`` / ``good_processor_side``: a complete, coherent organisation the checks find nothing in.
- ``tricky_register``: many synthetic activities plus one with formula-like text and unknown codes, and a
  second organisation (``synthetic_register`` from the package builds large registers).
- ``write_register`` / ``read_back``: a real register file holding a register, and what the file holds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ropa_desktop.domain.fields import SCOPE_TYPES, FieldSpec, Kind, fields_of
from ropa_desktop.domain.model import (
    Activity,
    ActivityRecipient,
    AutomatedDecision,
    Client,
    ClientLink,
    Contact,
    DataCategory,
    DataSubject,
    Dpia,
    Duration,
    Organization,
    ProcessorActivity,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
    SubProcessor,
    Transfer,
)
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore

TODAY = date(2026, 11, 22)
LONG_URL = "https://docs.example.org/data-processing-agreements/" + "annex-" * 25 + "signed.pdf"
CHECKED_ON = date(2026, 6, 1)  # the day the checks judge good_org on
SECRETS = ("SECRET-NOTE-9931", "ORGNOTE-7781", "DPO-SECRET-4242", "CONTRACT-REF-5150")
INJECTIONS = [
    "\rCR",
    "\r\n=CRLF",
    "=1+2",
    "+SUM(A1:A2)",
    "-2+3",
    "@cmd",
    "\tTAB",
    '=HYPERLINK("http://x","y")',
    "#N/A",
    "=cmd|' /C calc'!A0",
]


# --- minimal ------------------------------------------------------------------------------------------------

def numbered_activity(index: int) -> Activity:
    return Activity(reference=f"T-{index:03d}", name=f"Traitement numéro {index}",
                    purposes=[Purpose(f"Finalité {index}", True, "contract")])


def minimal_register(count: int = 1, name: str = "Petite Mairie") -> Register:
    org = Organization(name=name)
    org.activities = [numbered_activity(i) for i in range(1, count + 1)]
    return Register([org])


# --- filled from the field table ----------------------------------------------------------------------------

@dataclass
class Filled:
    """The register, and for each activity scalar (path -> value) what was put there."""

    register: Register
    org: Organization
    activity: Activity
    values: dict[str, Any] = field(default_factory=dict)


def _value(spec: FieldSpec, counter: itertools.count[int], org: Organization) -> Any:
    n = next(counter)
    if spec.kind in (Kind.TEXT, Kind.LONG_TEXT):
        return f"Zq{spec.key.replace('_', '')}{n}"
    if spec.kind in (Kind.CODE, Kind.CODES):
        assert spec.vocab is not None, spec
        codes = list(spec.vocab.codes())
        code = codes[n % len(codes)]
        return [code] if spec.kind is Kind.CODES else code
    if spec.kind is Kind.COUNTRY:
        return "JP"
    if spec.kind is Kind.BOOL:
        return True
    if spec.kind is Kind.DATE:
        return date(2031, 1 + n % 12, 17)
    if spec.kind is Kind.DATETIME:
        return datetime(2031, 2, 3, 4, 5, tzinfo=UTC)
    if spec.kind is Kind.DURATION:
        return Duration(37, "months")
    if spec.kind is Kind.RECIPIENT:
        recipient = Recipient(name=f"Zqrecipient{n}", type="processor", country="FR")
        org.recipients.append(recipient)
        return recipient.id
    if spec.kind is Kind.CLIENT:
        client = Client(name=f"Zqclient{n}", contract_reference=f"Zqcontract{n}")
        org.clients.append(client)
        return client.id
    raise AssertionError(f"no test value for kind {spec.kind}")  # a new kind: teach this helper


def fill(obj: Any, scope: str, counter: itertools.count[int], org: Organization, path: str,
         values: dict[str, Any]) -> None:
    for spec in fields_of(scope):
        where = f"{path}{spec.key}"
        if spec.is_list:
            item = SCOPE_TYPES[spec.item]()
            getattr(obj, spec.key).append(item)
            fill(item, spec.item, counter, org, f"{where}[0].", values)
        elif spec.is_object:
            fill(getattr(obj, spec.key), spec.item, counter, org, f"{where}.", values)
        else:
            value = _value(spec, counter, org)
            setattr(obj, spec.key, value)
            values[where] = value


def filled_register() -> Filled:
    counter = itertools.count(1)
    org = Organization(name="Zqorg")
    activity = Activity()
    org.activities.append(activity)
    filled = Filled(Register([org]), org, activity)
    fill(activity, "activity", counter, org, "", filled.values)
    activity.status = "validated"
    filled.values["status"] = "validated"
    return filled


@dataclass
class FilledProcessor:
    """A processor's register (Art. 30(2)) with every field filled; ``values``: path from the organisation -> value."""

    register: Register
    org: Organization
    client: Client
    activity: ProcessorActivity
    recipient: Recipient
    values: dict[str, Any] = field(default_factory=dict)


def filled_processor_register() -> FilledProcessor:
    """Every field of the processor's side, each with a distinct value.

    The general security measures, a client, a processing done for it (whose client link adds a second client),
    and a recipient carrying an imported statement.
    """
    counter = itertools.count(1)
    org = Organization(name="Zqprocessor")
    client, activity, recipient, measure = Client(), ProcessorActivity(), Recipient(), SecurityMeasure()
    filled = FilledProcessor(Register([org]), org, client, activity, recipient)
    org.security_measures.append(measure)
    fill(measure, "security_measure", counter, org, "security_measures[0].", filled.values)
    org.clients.append(client)
    fill(client, "client", counter, org, "clients[0].", filled.values)
    org.processor_activities.append(activity)
    fill(activity, "processor_activity", counter, org, "processor_activities[0].", filled.values)
    activity.status = "validated"
    activity.security_shared = False
    filled.values["processor_activities[0].status"] = "validated"
    filled.values["processor_activities[0].security_shared"] = False
    org.recipients.insert(0, recipient)
    fill(recipient, "recipient", counter, org, "recipients[0].", filled.values)
    return filled


# --- made by hand -------------------------------------------------------------------------------------------

def recognisable_organization() -> Organization:
    """One organisation and activity, every field filled with recognisable text, markup and non-Latin script."""
    aws = Recipient(name="Amazon Web Services", type="processor", country="IE", details="Hosting-Details",
                    contract_reference="CONTRACT-REF-5150")
    zendesk = Recipient(name="Zendesk Inc", type="processor", country="US", details="Helpdesk")
    unused = Recipient(name="Unused Partner", type="partner", country="FR")
    org = Organization(
        name="Société <b>R&D</b> Łódź", legal_form="SAS", registration_number="813 731 262",
        address="12 rue de l’Église, Ελλάδα", postal_code="01000", city="Москва", country="FR",
        phone="0102030405",
        email="contact@example.org", website="https://example.org",
        head=Contact(name="Zoé Œuvray", role="Présidente"),
        representative=Contact(name="Rep Person", city="Łódź", country="PL"),
        dpo=Contact(name="Dana Dpo", company="DPO & Co", email="dpo@example.org",
                    designation_number="DPO-SECRET-4242"),
        notes="ORGNOTE-7781", recipients=[aws, zendesk, unused],
    )
    org.activities.append(recognisable_activity(org))
    return org


def recognisable_activity(org: Organization) -> Activity:
    aws, zendesk = org.recipients[0], org.recipients[1]
    return Activity(
        reference="EN-03", name='Gestion <img src="/etc/passwd"/> des clients',
        description="Description « guillemets » l’apostrophe œuvre 100 €", role="joint_controller",
        joint_controllers="Partner-Joint SA", status="validated", created=date(2024, 1, 15),
        updated=datetime(2025, 3, 4, 10, 30, tzinfo=UTC), owner_department="Dept-Ventes", tools="Tool-CRM",
        data_source="Source-Forms", next_review=date(2027, 1, 31),
        purposes=[Purpose("Purpose-Main-Text", True, "contract", "Basis-Details-Text"),
                  Purpose("Purpose-Sub-Text", False, "consent", "")],
        data_subjects=[DataSubject("customers", "Subject-Details-Text")],
        data_categories=[DataCategory("identity", "Cat-Details-Text"),
                         DataCategory("health", "Health-Details-Text", True, "explicit_consent",
                                      "Condition-Details-Text")],
        retention=[RetentionRule("Retention-Applies-Text", ["identity"], Duration(5, "years"), "",
                                 "Start-Event-Text", "Code de commerce, art. L. 123-22", "intermediate",
                                 "anonymisation"),
                   RetentionRule("Other-Applies-Text", [], None, "Criterion-Text", "", "", "active",
                                 "deletion")],
        recipients=[ActivityRecipient(aws.id, "Link-Details-Text"), ActivityRecipient(zendesk.id, "")],
        transfers=[Transfer("Zendesk Inc", "US", "scc", LONG_URL), Transfer("Offshore Ltd", "IN", "", "")],
        security_measures=[SecurityMeasure("encryption", "Security-Details-Text")],
        dpia=Dpia(True, False, "DPIA-REF-77"),
        automated_decision=AutomatedDecision(False, "Automated-Details-Text"),
        consent_withdrawal="Withdraw-Text", notes="SECRET-NOTE-9931",
        sources=[Source("Doc-Source-Text", "Article-4", "Excerpt-Text")],
    )


def recognisable_register() -> Register:
    return Register([recognisable_organization()])


def tricky_activity(rec: Recipient, rec2: Recipient) -> Activity:
    """Formula-like and multi-line text, unknown codes, an impossible duration: what exchanges must keep."""
    return Activity(
        reference="=FULL-01",
        name="=Traitement « complet » ☃ | pipe \\ backslash; semi",
        description="Line one\nline two – ünïcödé 日本語\n=not a formula",
        role="joint_controller",
        joint_controllers="Acme SA\nBeta SAS",
        status="in_review",
        created=date(2020, 2, 29),
        updated=datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        owner_department="+RH",
        tools="@SAP",
        data_source="-Candidates themselves",
        next_review=date(2026, 1, 31),
        purposes=[
            Purpose("=Main purpose | with pipe\nand newline", True, "contract", "Art. L. 1221-1"),
            Purpose("Second: with colon: inside", False, "custom_basis_unknown", " leading space "),
            Purpose("", False, "consent", ""),
        ],
        data_subjects=[DataSubject("employees", "=details"), DataSubject("martians", "unknown code kept")],
        data_categories=[
            DataCategory("identity", "Nom; prénom"),
            DataCategory(
                "health",
                "Arrêts",
                special_condition="employment_social_security",
                special_condition_details="Code du travail",
            ),
            DataCategory("other", "Sensitive custom", sensitive=True),
            DataCategory("weird_code", ""),
        ],
        retention=[
            RetentionRule(
                "Payroll",
                ["identity", "health"],
                Duration(5, "years"),
                "",
                "end of year",
                "Code du travail, art. L. 3243-4",
                "intermediate",
                "archiving",
            ),
            RetentionRule("Other", [], None, "Until the end of the relationship", "", "", "", ""),
            RetentionRule("Weird", ["x;y"], Duration(3, "fortnights"), "", "", "", "active", "deletion"),
        ],
        recipients=[ActivityRecipient(rec.id, "=monthly export"), ActivityRecipient(rec2.id, "")],
        transfers=[
            Transfer("Zendesk", "US", "scc", "https://example.org/dpa"),
            Transfer("Nowhere Ltd", "Atlantis", "privacy shield", ""),
        ],
        security_measures=[SecurityMeasure("encryption", "AES-256"), SecurityMeasure("other", "\tTabbed")],
        dpia=Dpia(True, False, "DPIA-2024-1"),
        automated_decision=AutomatedDecision(False, "none"),
        consent_withdrawal="=Email dpo@example.org",
        notes="Internal\nnotes",
        sources=[Source("Policy", "§2", "Excerpt with | pipe")],
    )


def tricky_register() -> Register:
    """30 synthetic activities, a tricky one using twin recipients, and a second organisation."""
    register = synthetic_register(30)
    org = register.organizations[0]
    org.representative = Contact(name="=Rep", email="rep@example.eu", country="BE")
    org.dpo.company = "DPO & Co"
    org.dpo_is_contact_point = True
    org.website = "https://example.org"
    org.notes = "-internal"
    org.sources = [Source("Charter", "Art. 1", "")]
    dup1 = Recipient(name="Twin", type="partner", country="FR")
    dup2 = Recipient(name="Twin", type="unknown_type", country="DE", details="second twin")
    org.recipients += [dup1, dup2]
    org.activities.append(tricky_activity(dup1, dup2))
    second = Organization(name="Second Org", country="BE", head=Contact(name="Jan", country="BE"))
    second.recipients.append(Recipient(name="Local", type="processor", country="BE"))
    second.activities.append(
        Activity(
            reference="S-1",
            name="Only one",
            purposes=[Purpose("x", True, "consent")],
            recipients=[ActivityRecipient(second.recipients[0].id, "d")],
        )
    )
    register.organizations.append(second)
    return register


def good_org() -> Organization:
    """A complete, coherent organisation with one activity: no finding at all."""
    activity = Activity(
        id="act", reference="HR-01", name="Payroll", role="controller", status="validated",
        created=date(2025, 1, 1), updated=datetime(2026, 3, 1, tzinfo=UTC), next_review=date(2027, 1, 1),
        purposes=[Purpose("Pay the staff", True, "contract", "employment contract"),
                  Purpose("Declare to social bodies", False, "legal_obligation",
                          "Code de la sécurité sociale")],
        data_subjects=[DataSubject("employees")],
        data_categories=[DataCategory("identity", "name"), DataCategory("economic_financial", "salary")],
        retention=[RetentionRule("Payslips", [], Duration(5, "years"), start="payment",
                                 legal_reference="Code du travail, art. L. 3243-4", phase="active")],
        recipients=[ActivityRecipient("payroll", "payroll bureau")],
        security_measures=[SecurityMeasure("access_control", "per-role access")],
        dpia=Dpia(required=False, screened=True, criteria=["vulnerable_subjects"]),
    )
    return Organization(
        id="org", name="Acme", address="1 rue de Rivoli", country="FR",
        public_body=False, large_scale_monitoring=False, large_scale_sensitive=False,
        head=Contact(name="Louise Dupont", role="Présidente"),
        dpo=Contact(name="Martin Henri", email="dpo@acme.fr"),
        recipients=[Recipient(id="payroll", name="Payroll bureau", type="processor", country="FR",
                              contract_reference="DPA 2024-03")],
        activities=[activity],
    )


def good_processor_side(org: Organization) -> None:
    """The organisation also processes on behalf of a client, completely and coherently: no finding."""
    org.security_measures = [SecurityMeasure("encryption", "AES-256 at rest")]
    org.clients = [Client(id="cli", name="Globex", address="2 quai de Seine", city="Paris", country="FR",
                          email="contact@globex.example", contract_reference="DPA-7", start=date(2024, 1, 1))]
    org.processor_activities = [ProcessorActivity(
        id="pa", reference="ST-01", name="Hosting of the client's CRM", status="validated",
        clients=[ClientLink("cli")], data_subjects=[DataSubject("customers")],
        data_categories=[DataCategory("identity")],
        sub_processors=[SubProcessor("Cloud Inc", "US", "hosting", "general", date(2024, 1, 1))],
        transfers=[Transfer("Cloud Inc", "US", "scc", "DPA annex 3")],
    )]


# --- on disk ------------------------------------------------------------------------------------------------

def write_register(path: Path, register: Register | None = None) -> Path:
    """A new register file at ``path`` holding ``register`` (a minimal one when not given)."""
    with RegisterStore.open(path, create=True) as store:
        store.write_register(minimal_register() if register is None else register)
    return path


def read_back(path: Path) -> Register:
    """The register as the file holds it now."""
    with RegisterStore.open(path, read_only=True) as store:
        return store.load()


def on_disk(path: Path, activity_id: str) -> Activity:
    """One activity as the file holds it now."""
    with RegisterStore.open(path, read_only=True) as store:
        activity = store.load_activity(activity_id)
    assert activity is not None, activity_id
    return activity


# --- a processor's register for the export tests: three clients, sub-processors in and outside the EEA ---
# Internal values: the public profile must leave each of them out.
PROC_SECRETS = ("CLIENT-NOTE-3317", "PROC-NOTE-8821", "SUBCONTRACT-6060")


def processor_organization() -> Organization:
    """A hosting and payroll company acting for three clients (fictitious)."""
    alpha = Client(
        name="Client-Alpha SA", address="1 rue Alpha", postal_code="69001", city="Lyon", country="FR",
        phone="0400000001", email="contact@alpha.example",
        contact=Contact(name="Alice Alpha", role="IT manager", email="alice@alpha.example"),
        dpo=Contact(name="Dora Alpha-DPO", email="dpo@alpha.example"),
        contract_reference="DPA-ALPHA-2024", contract_date=date(2024, 2, 1),
        instructions="Instructions-Alpha: annex 2 of the DPA", start=date(2024, 3, 1), notes="CLIENT-NOTE-3317",
    )
    beta = Client(
        name="Client-Beta Inc", city="Boston", country="US",
        representative=Contact(name="Rep-Beta Europe", city="Dublin", country="IE"),
        contract_reference="DPA-BETA-7", contract_date=date(2023, 5, 10), start=date(2023, 6, 1),
        end=date(2025, 12, 31),
    )
    gamma = Client(name="Client-Gamma SAS", city="Nantes", country="FR", contract_reference="")
    hosting = ProcessorActivity(
        reference="ST-01", name="Hébergement des applications métier",
        description="Hosting-Description: servers, backups and monitoring", status="validated",
        clients=[ClientLink(alpha.id, "Alpha-Link-Details"), ClientLink(beta.id)],
        data_subjects=[DataSubject("customers", "Subjects-Details-Hosting")],
        data_categories=[DataCategory("identity", "Identity-Hosting"), DataCategory("connection")],
        sub_processors=[
            SubProcessor(name="OVH-Sub SAS", country="FR", service="Datacentre", authorisation="general",
                         authorised_on=date(2024, 2, 1), authorisation_reference="DPA-ALPHA annex 3",
                         contract_reference="SUBCONTRACT-6060"),
            SubProcessor(name="Backup-US LLC", country="US", service="Offsite backup", authorisation="specific",
                         authorised_on=date(2024, 4, 2)),
        ],
        transfers=[Transfer("Backup-US LLC", "US", "scc", "https://example.org/scc-backup")],
        security_shared=True,
        security_measures=[SecurityMeasure("encryption", "Specific-Encryption-AES")],
        start=date(2024, 3, 1), updated=datetime(2025, 1, 2, 9, 0, tzinfo=UTC), notes="PROC-NOTE-8821",
    )
    payroll = ProcessorActivity(
        reference="ST-02", name="Paie", description="Payroll-Description", clients=[ClientLink(gamma.id)],
        data_subjects=[DataSubject("employees")], data_categories=[DataCategory("economic_financial")],
        sub_processors=[SubProcessor(name="Payslip-India Pvt", country="IN", service="Printing")],
        security_shared=False,
    )
    return Organization(
        name="HostPay (fictitious)", address="5 avenue des Serveurs", postal_code="75011", city="Paris",
        country="FR", email="privacy@hostpay.example",
        dpo=Contact(name="Paul Dpo-Processor", email="dpo@hostpay.example"),
        security_measures=[SecurityMeasure("access_control", "General-Access-Badges"),
                           SecurityMeasure("backup", "General-Backup-Daily")],
        clients=[alpha, beta, gamma], processor_activities=[hosting, payroll],
        activities=[Activity(reference="RH-01", name="Gestion du personnel")],
    )


def processor_register() -> Register:
    return Register([processor_organization()])

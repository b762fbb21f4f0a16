"""A processor's register for the export tests: three clients, sub-processors in and outside the EEA."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ropa_desktop.domain.model import (
    Activity,
    Client,
    ClientLink,
    Contact,
    DataCategory,
    DataSubject,
    Organization,
    ProcessorActivity,
    Register,
    SecurityMeasure,
    SubProcessor,
    Transfer,
)

TODAY = date(2026, 11, 22)
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

"""Registers for the PDF report tests: one activity with every field filled, each value recognisable."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ropa_desktop.domain.model import (
    Activity,
    ActivityRecipient,
    AutomatedDecision,
    Contact,
    DataCategory,
    DataSubject,
    Dpia,
    Duration,
    Organization,
    Purpose,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Source,
    Transfer,
)

TODAY = date(2026, 11, 22)
LONG_URL = "https://docs.example.org/data-processing-agreements/" + "annex-" * 25 + "signed.pdf"
SECRETS = ("SECRET-NOTE-9931", "ORGNOTE-7781", "DPO-SECRET-4242", "CONTRACT-REF-5150")


def full_organization() -> Organization:
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
    org.activities.append(full_activity(org))
    return org


def full_activity(org: Organization) -> Activity:
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


def full_register() -> Register:
    return Register([full_organization()])


def numbered_activity(index: int) -> Activity:
    return Activity(reference=f"T-{index:03d}", name=f"Traitement numéro {index}",
                    purposes=[Purpose(f"Finalité {index}", True, "contract")])

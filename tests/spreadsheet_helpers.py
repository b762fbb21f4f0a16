"""Shared builders for the spreadsheet tests: a register with every field filled and hostile texts."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

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
from ropa_desktop.services.synthetic import synthetic_register

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


def full_activity(rec: Recipient, rec2: Recipient) -> Activity:
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


def full_register() -> Register:
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
    org.activities.append(full_activity(dup1, dup2))
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


def sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")}

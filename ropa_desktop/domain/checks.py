"""Completeness and coherence checks: findings are codes with a severity, translated only for display."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .fields import fields_of
from .model import Activity, Organization, Register


class Severity(StrEnum):
    """An error makes the register incomplete under Art. 30; a warning asks the DPO to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: which rule, how serious, where (organisation, activity, field path)."""

    code: str
    severity: Severity
    organization_id: str
    activity_id: str | None = None
    field: str = ""  # field path, e.g. "purposes[0].legal_basis"; "" for the whole object
    # dataclasses.field, not the `field` attribute just above, which shadows it in the class body.
    params: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's code, severity and messages; ``{name}`` placeholders are filled from a finding's params."""

    code: str
    severity: Severity
    fr: str
    en: str


E, W = Severity.ERROR, Severity.WARNING
RULES: dict[str, Rule] = {r.code: r for r in (
    Rule("missing_required", E, "Champ obligatoire non renseigné : {field}", "Required field missing: {field}"),
)}


def message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang`` ("fr" or "en")."""
    rule = RULES[finding.code]
    template = rule.fr if lang == "fr" else rule.en
    return template.format(**finding.params)


def _required_activity_fields(activity: Activity, org: Organization) -> Iterator[Finding]:
    for spec in fields_of("activity"):
        if spec.required and not getattr(activity, spec.key):
            yield Finding("missing_required", RULES["missing_required"].severity, org.id, activity.id, spec.key,
                          {"field": spec.en})


def check_activity(activity: Activity, org: Organization, today: date) -> list[Finding]:
    """Findings for one activity: fast enough to run on every edit."""
    return list(_required_activity_fields(activity, org))


def check_organization(org: Organization, today: date) -> list[Finding]:
    """Findings for the organisation itself (identity, DPO or contact point, shared recipients)."""
    return []


def check_register(register: Register, today: date) -> list[Finding]:
    """Every finding of the register, organisation by organisation, activity by activity."""
    findings: list[Finding] = []
    for org in register.organizations:
        findings += check_organization(org, today)
        for activity in org.activities:
            findings += check_activity(activity, org, today)
    return findings

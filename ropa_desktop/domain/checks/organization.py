"""Checks of an organisation: identity, DPO or contact point, representative, recipients, references."""

from __future__ import annotations

from collections import Counter
from datetime import date

from .. import countries
from ..model import Organization
from .activity import Add, _fields
from .common import outside_eea
from .processor import check_statements
from .rules import RULES, Finding


def check_organization(org: Organization, today: date) -> list[Finding]:
    """Findings for the organisation itself (identity, DPO or contact point, shared recipients)."""
    findings: list[Finding] = []

    def add(code: str, path: str, activities: tuple[str, ...] = (), **params: str) -> None:
        findings.append(Finding(code, RULES[code].severity, org.id, None, path, params, activities))

    _fields(add, org, "organization", "")
    for key in ("head", "representative", "dpo"):
        _fields(add, getattr(org, key), "contact", f"{key}.")
    if org.dpo.is_empty():
        add("no_dpo_or_contact_point", "dpo")
    _dpo_mandatory(add, org)
    if outside_eea(org.country.upper()) and org.representative.is_empty():
        add("representative_missing", "representative", country=org.country.upper())
    _catalogue(add, org)
    check_statements(add, org)
    for i, source in enumerate(org.sources):
        if countries.mentions_invalid_mechanism(source.excerpt):
            add("invalid_mechanism", f"sources[{i}].excerpt")
    if countries.mentions_invalid_mechanism(org.notes):
        add("invalid_mechanism", "notes")
    findings += _duplicate_references(org)
    return findings


_DPO_GROUNDS = (("public_body", "art. 37(1)(a)"), ("large_scale_monitoring", "art. 37(1)(b)"),
                ("large_scale_sensitive", "art. 37(1)(c)"))


def _dpo_mandatory(add: Add, org: Organization) -> None:
    answers = {key: getattr(org, key) for key, _ in _DPO_GROUNDS}
    grounds = [ref for key, ref in _DPO_GROUNDS if answers[key]]
    if grounds and (org.dpo.is_empty() or org.dpo_is_contact_point):
        add("dpo_mandatory_missing", "dpo", reason=", ".join(grounds))
    elif not grounds and any(value is None for value in answers.values()):
        add("dpo_mandatory_unknown", "public_body")


def _catalogue(add: Add, org: Organization) -> None:
    for j, recipient in enumerate(org.recipients):
        _fields(add, recipient, "recipient", f"recipients[{j}].", "recipients", j)
        if recipient.type == "processor" and not recipient.contract_reference.strip():
            add("processor_without_contract", f"recipients[{j}].contract_reference", recipient=recipient.name)
        if countries.mentions_invalid_mechanism(f"{recipient.details}\n{recipient.contract_reference}"):
            add("invalid_mechanism", f"recipients[{j}].details")


def _duplicate_references(org: Organization) -> list[Finding]:
    counts = Counter(a.reference.strip().casefold() for a in org.activities if a.reference.strip())
    rule = RULES["duplicate_reference"]
    return [Finding(rule.code, rule.severity, org.id, a.id, "reference",
                    {"value": a.reference, "count": str(counts[a.reference.strip().casefold()])})
            for a in org.activities if counts.get(a.reference.strip().casefold(), 0) > 1]

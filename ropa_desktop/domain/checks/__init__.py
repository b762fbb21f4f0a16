"""Completeness and coherence checks: findings are codes with a severity, translated only for display."""

from __future__ import annotations

from datetime import date

from ..model import Register
from .activity import check_activity
from .organization import check_organization
from .rules import RULES, Finding, Rule, Severity, message

__all__ = ["RULES", "Finding", "Rule", "Severity", "check_activity", "check_organization", "check_register",
           "message"]


def check_register(register: Register, today: date) -> list[Finding]:
    """Every finding of the register, organisation by organisation, activity by activity."""
    findings: list[Finding] = []
    for org in register.organizations:
        findings += check_organization(org, today)
        for activity in org.activities:
            findings += check_activity(activity, org, today)
    return findings

"""Completeness and coherence checks: findings are codes with a severity, translated only for display."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..model import Activity, Organization, Register
from .activity import check_activity, recipient_catalogue
from .organization import check_organization
from .processor import check_clients, check_processor, check_processor_activity
from .report import findings_document
from .rules import RULES, Finding, Rule, Severity, message
from .score import activity_score, organization_score, processor_activity_score

__all__ = ["RULES", "Finding", "Rule", "Severity", "activity_score", "check_activity", "check_clients",
           "check_organization", "check_organization_findings", "check_processor", "check_processor_activity",
           "check_register", "findings_document", "message", "organization_score", "processor_activity_score"]

# Facts that are the organisation's, not one activity's: when several activities share one, it is reported once,
# at the organisation, naming the activities (an organisation-wide silence is one finding, not ten).
SHARED_FACTS = frozenset({
    "missing_required", "security_only_other", "dpia_screening_missing", "recipient_country_missing",
    "recipient_outside_eea_no_transfer",
    "no_transfer_contradicted", "joint_controller_missing", "consent_withdrawal_missing",
})


def check_organization_findings(org: Organization, today: date,
                                per_activity: list[Finding] | None = None) -> list[Finding]:
    """Every finding of one organisation, shared facts merged into organisation-level findings.

    Then the processor's side (Art. 28, 30(2)): its clients' findings and each processing's. ``per_activity``:
    its activities' own findings in their order (``activities_findings``), where a caller has them already.
    """
    findings = check_organization(org, today)
    if per_activity is None:
        per_activity = activities_findings(org, org.activities, today)
    return findings + merge_shared(org, per_activity) + check_processor(org, today)


def activities_findings(org: Organization, activities: list[Activity], today: date) -> list[Finding]:
    """The findings of some of ``org``'s activities, in their order, before shared facts are merged."""
    catalogue = recipient_catalogue(org)  # once per run, not a search of the catalogue per link
    return [f for activity in activities for f in check_activity(activity, org, today, catalogue)]


def merge_shared(org: Organization, findings: list[Finding]) -> list[Finding]:
    """One organisation-level finding per fact shared by two activities or more (see SHARED_FACTS)."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for f in findings:
        if f.code in SHARED_FACTS:
            # A recipient's fact is the same whatever its position in each activity's list.
            where = "recipient" if "recipient" in f.params else f.field
            groups.setdefault((f.code, where, tuple(sorted(f.params.items()))), []).append(f)
    refs = {a.id: a.reference or a.name for a in org.activities}
    merged: list[Finding] = []
    done: set[tuple[object, ...]] = set()
    for f in findings:
        key = (f.code, "recipient" if "recipient" in f.params else f.field, tuple(sorted(f.params.items())))
        group = groups.get(key) if f.code in SHARED_FACTS else None
        if group is None or len(group) < 2:
            merged.append(f)
            continue
        if key in done:
            continue
        done.add(key)
        ids = tuple(dict.fromkeys(g.activity_id for g in group if g.activity_id))
        path = _catalogue_path(org, f.params.get("recipient")) or f.field
        merged.append(Finding(f.code, f.severity, org.id, None, path,
                              {**f.params, "refs": ", ".join(refs.get(i, i) for i in ids)}, ids))
    return merged


def _catalogue_path(org: Organization, name: str | None) -> str:
    """A recipient's fact shared by several activities is the catalogue entry's: its path there."""
    if name is None:
        return ""
    index = next((j for j, r in enumerate(org.recipients) if r.name == name), None)
    return f"recipients[{index}]" if index is not None else ""


def check_register(register: Register, today: date,
                   per_activity: Callable[[int, Organization], list[Finding]] | None = None) -> list[Finding]:
    """Every finding of the register, organisation by organisation, activity by activity.

    ``per_activity(i, org)``: the activities' own findings of the ``i``-th organisation (``activities_findings``),
    where a caller computes them elsewhere (in two processes).
    """
    findings: list[Finding] = []
    for i, org in enumerate(register.organizations):
        findings += check_organization_findings(org, today, None if per_activity is None else per_activity(i, org))
    return findings


def path_in_activity(finding: Finding, org: Organization, activity: Activity) -> str:
    """The finding's field path as the activity's form shows it.

    An organisation-level finding about a catalogue recipient (``recipients[j]`` of the organisation) points at
    the row of the activity's own list that uses that recipient, which is seldom at the same position.
    """
    if finding.activity_id is not None or not finding.field.startswith("recipients["):
        return finding.field
    index, _, rest = finding.field[len("recipients["):].partition("]")
    if not index.isdigit() or int(index) >= len(org.recipients):
        return finding.field
    recipient_id = org.recipients[int(index)].id
    row = next((k for k, link in enumerate(activity.recipients) if link.recipient_id == recipient_id), None)
    return finding.field if row is None else f"recipients[{row}]{rest}"

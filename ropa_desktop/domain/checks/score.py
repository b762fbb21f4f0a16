"""Completeness scores (0-100) per activity and per organisation, from the field table and the open findings."""

from __future__ import annotations

from ..fields import FieldSpec, fields_of
from ..model import Activity, Organization, ProcessorActivity
from .common import is_missing
from .rules import Finding, Severity

# Art. 30(1)(f) and (g) ask for retention periods and security measures "where possible".
WHERE_POSSIBLE = frozenset({"30(1)(f)", "30(1)(g)"})
# Points an open finding takes off: an error weighs more than a warning; information costs nothing.
PENALTY = {Severity.ERROR: 10, Severity.WARNING: 3, Severity.INFO: 0}


def _scored(scope: str) -> tuple[FieldSpec, ...]:
    """The fields a complete record fills: required ones, and those Art. 30 asks for "where possible".

    Fields that may rightly stay empty (no transfer, no joint controller) are not counted: their absence is a
    finding only where a check says so.
    """
    return tuple(f for f in fields_of(scope) if f.required or f.art30 in WHERE_POSSIBLE)


_ACTIVITY_FIELDS = _scored("activity")
_ORGANIZATION_FIELDS = _scored("organization")
_PROCESSING_FIELDS = _scored("processor_activity")


def _filled(obj: object, specs: tuple[FieldSpec, ...]) -> float:
    if not specs:
        return 1.0
    return sum(not is_missing(getattr(obj, f.key)) for f in specs) / len(specs)


def _penalty(findings: list[Finding]) -> int:
    return sum(PENALTY[f.severity] for f in findings)


def activity_score(activity: Activity, findings: list[Finding]) -> int:
    """Filled share of the activity's required and where-possible fields, less its open findings' weight.

    ``findings`` are those naming the activity (its own, and organisation-level ones listing it).
    """
    mine = [f for f in findings if f.activity_id == activity.id or activity.id in f.activities]
    return max(0, round(100 * _filled(activity, _ACTIVITY_FIELDS)) - _penalty(mine))


def processor_activity_score(activity: ProcessorActivity, findings: list[Finding]) -> int:
    """The same for a processing carried out on behalf of clients (its findings name it in ``activity_id``)."""
    mine = [f for f in findings if f.activity_id == activity.id]
    return max(0, round(100 * _filled(activity, _PROCESSING_FIELDS)) - _penalty(mine))


def organization_score(org: Organization, findings: list[Finding]) -> tuple[int, dict[str, int]]:
    """The organisation's score and each activity's score (and each processing's for clients, by id).

    The organisation's is the mean of its activities' and processings' (capped by its identity's), less the
    weight of the findings about the organisation itself (its clients' included).
    """
    # Each record's findings picked out once: filtering all of them per record grew with the square of the register.
    naming: dict[str, list[Finding]] = {}
    for finding in findings:
        for activity_id in {finding.activity_id, *finding.activities} - {None}:
            naming.setdefault(str(activity_id), []).append(finding)
    scores = {a.id: activity_score(a, naming.get(a.id, [])) for a in org.activities}
    scores.update({a.id: processor_activity_score(a, naming.get(a.id, [])) for a in org.processor_activities})
    identity = round(100 * _filled(org, _ORGANIZATION_FIELDS))
    base = round(sum(scores.values()) / len(scores)) if scores else identity
    own = [f for f in findings if f.organization_id == org.id and f.activity_id is None and not f.activities]
    return max(0, min(base, identity) - _penalty(own)), scores

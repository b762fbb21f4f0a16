"""The findings and scores as a plain document (``check --format json``, DESIGN §9)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Register
from .rules import RULES, Finding, message
from .score import organization_score


def findings_document(register: Register, findings: list[Finding], lang: str, list_date: date) -> dict[str, Any]:
    """``{"list_date", "findings": [...], "scores": [...]}``, findings in ``lang``."""
    names = {o.id: o.name for o in register.organizations}
    refs = {a.id: a.reference for o in register.organizations for a in o.activities}
    refs.update({a.id: a.reference for o in register.organizations for a in o.processor_activities})
    rows = [{
        "severity": f.severity.value,
        "code": f.code,
        "organization": names.get(f.organization_id, ""),
        "organization_id": f.organization_id,
        "activity": refs.get(f.activity_id) if f.activity_id else None,
        "activity_id": f.activity_id,
        "activities": list(f.activities),
        "path": f.field,
        "message": message(f, lang),
        "article": RULES[f.code].article,
    } for f in findings]
    scores = []
    for org in register.organizations:
        score, per_activity = organization_score(org, findings)
        scores.append({"organization_id": org.id, "organization": org.name, "score": score,
                       "activities": [{"activity_id": a.id, "reference": a.reference, "score": per_activity[a.id]}
                                      for a in org.activities],
                       "processor_activities": [{"activity_id": a.id, "reference": a.reference,
                                                 "score": per_activity[a.id]} for a in org.processor_activities]})
    return {"list_date": list_date.isoformat(), "findings": rows, "scores": scores}

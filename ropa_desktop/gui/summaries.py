"""What the activity list shows of each activity, and the one casefolded text that search looks through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import vocabularies as v
from ..domain.countries import country_name
from ..domain.model import Activity, Organization


@dataclass(slots=True)
class ActivitySummary:
    """One row of the activity list (plain values: sorting and filtering never touch the domain objects)."""

    id: str
    reference: str
    name: str
    role: str
    legal_bases: tuple[str, ...]
    status: str
    updated: datetime | None
    has_transfers: bool
    has_sensitive: bool
    findings: int = -1  # -1: not computed yet
    errors: int = 0
    score: int = -1  # completeness 0-100; -1: not computed yet
    search: str = ""  # "" until computed


def summarize(activity: Activity) -> ActivitySummary:
    return ActivitySummary(
        activity.id,
        activity.reference,
        activity.name,
        activity.role,
        tuple(activity.legal_bases()),
        activity.status,
        activity.updated,
        bool(activity.transfers),
        activity.has_sensitive_data(),
    )


def _labels(vocabulary: v.Vocabulary, code: str) -> str:
    term = vocabulary.get(code)
    return f"{code} {term.fr} {term.en}" if term else code


def search_text(activity: Activity, org: Organization) -> str:
    """Every text of the activity, with codes shown in both languages, casefolded once."""
    a = activity
    parts = [
        a.reference,
        a.name,
        a.description,
        a.joint_controllers,
        a.owner_department,
        a.tools,
        a.data_source,
        a.consent_withdrawal,
        a.notes,
        a.dpia.reference,
        a.automated_decision.details,
        _labels(v.ROLES, a.role),
        _labels(v.STATUSES, a.status),
    ]
    for p in a.purposes:
        parts += [p.description, p.legal_basis_details, _labels(v.LEGAL_BASES, p.legal_basis)]
    for s in a.data_subjects:
        parts += [s.details, _labels(v.DATA_SUBJECTS, s.category)]
    for c in a.data_categories:
        parts += [
            c.details,
            c.special_condition_details,
            _labels(v.DATA_CATEGORIES, c.category),
            _labels(v.SPECIAL_CONDITIONS, c.special_condition),
        ]
    for r in a.retention:
        parts += [r.applies_to, r.criterion, r.start, r.legal_reference]
    for link in a.recipients:
        recipient = org.recipient(link.recipient_id)
        parts += [link.details, recipient.name if recipient else link.recipient_id]
    for t in a.transfers:
        parts += [
            t.recipient,
            t.documentation,
            t.country,
            country_name(t.country, "fr"),
            country_name(t.country, "en"),
        ]
    for m in a.security_measures:
        parts += [m.details, _labels(v.SECURITY_MEASURES, m.type)]
    for src in a.sources:
        parts += [src.document, src.section, src.excerpt]
    return "\n".join(p for p in parts if p).casefold()

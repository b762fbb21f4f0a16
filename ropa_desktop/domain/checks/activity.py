"""Checks of one processing activity: run on every edit, so each rule is a plain loop over the activity."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from .. import adequacy, countries
from ..model import Activity, Organization, Recipient, Transfer
from ..vocabularies import DURATION_UNITS as DURATION_UNIT_LABELS
from ..vocabularies import LEGAL_BASES
from .common import (
    DURATION_UNITS,
    LEGAL_OBLIGATION_RE,
    LIST_SCOPES,
    NAMED_LAW_RE,
    OBJECT_SCOPES,
    PLUGIN_RE,
    PROSPECTING_RE,
    SCOPE,
    VAGUE_RETENTION_RE,
    country_known,
    is_missing,
    no_transfer_statement,
    outside_eea,
)
from .rules import RULES, Finding, field_labels
from .screens import Screen, screen

Add = Callable[..., None]
Find = Callable[[str], Recipient | None]
# Recipient types whose country is the organisation's own: no country to ask for.
_COUNTRY_IMPLIED = frozenset({"internal_service", "authority"})
_A_YEAR = timedelta(days=365)


def _fields(add: Add, obj: Any, scope: str, path: str, parent: str = "", index: int = 0,
            owner: str = "activity") -> None:
    """Required fields, vocabulary codes and country codes of one object, as the field table says.

    ``parent``: the list of ``owner`` (an activity's, a processing's) that holds ``obj`` at ``index``.
    """
    spec = SCOPE[scope]
    for f in spec.required:
        value = getattr(obj, f.key)
        kind = type(value)
        if kind is str or kind is list:  # most required fields: told without a call (190,000 objects in 10,000)
            if value:
                continue
        elif not is_missing(value):
            continue
        add("missing_required", f"{path}{f.key}", **field_labels(scope, f.key, parent, index, owner))
    for f, allowed in spec.codes:
        value = getattr(obj, f.key)
        if type(value) is str and (not value or value in allowed):  # most codes: a known one, or none
            continue
        for code in (value if isinstance(value, list) else (value,)):
            if code and code not in allowed:
                add("unknown_code", f"{path}{f.key}", value=code,
                    **field_labels(scope, f.key, parent, index, owner))
    for f in spec.countries:
        code = getattr(obj, f.key)
        if code and not country_known(code):
            add("unknown_country", f"{path}{f.key}", value=code, **field_labels(scope, f.key, parent, index, owner))


def _checked(scopes: dict[str, str]) -> tuple[tuple[str, str, Screen], ...]:
    """(key, scope, screen) of the lists whose items have anything for ``_fields`` to check (a source has not)."""
    return tuple((key, scope, screen(scope)) for key, scope in scopes.items()
                 if SCOPE[scope].required or SCOPE[scope].codes or SCOPE[scope].countries)


_CHECKED_LISTS = _checked(LIST_SCOPES)
_CHECKED_OBJECTS = _checked(OBJECT_SCOPES)
_SCREEN_ACTIVITY = screen("activity")


def _structure(add: Add, activity: Activity) -> None:
    # The generated screens pass what is sound at once; ``_fields`` says what is wrong with the rest.
    if _SCREEN_ACTIVITY((activity,)):
        _fields(add, activity, "activity", "")
    for key, scope, screened in _CHECKED_LISTS:
        items = getattr(activity, key)
        if items:
            for i in screened(items):
                _fields(add, items[i], scope, f"{key}[{i}].", key, i)
    for key, scope, screened in _CHECKED_OBJECTS:
        value = getattr(activity, key)
        if screened((value,)):
            _fields(add, value, scope, f"{key}.")


def _purposes(add: Add, activity: Activity) -> None:
    mains = 0
    consent = False
    for i, p in enumerate(activity.purposes):
        mains += p.main
        consent = consent or p.legal_basis == "consent"
        if not p.legal_basis:
            add("legal_basis_missing", f"purposes[{i}].legal_basis", purpose=p.description)
        elif p.legal_basis == "to_be_determined":
            add("legal_basis_to_be_determined", f"purposes[{i}].legal_basis", purpose=p.description)
        elif p.legal_basis == "legal_obligation" and not NAMED_LAW_RE.search(p.legal_basis_details):
            add("legal_obligation_no_law", f"purposes[{i}].legal_basis_details", purpose=p.description)
        _prospecting(add, activity, i)
    if activity.purposes and mains == 0:
        add("main_purpose_missing", "purposes")
    elif mains > 1:
        add("main_purpose_several", "purposes", count=str(mains))
    if consent and not activity.consent_withdrawal.strip():
        add("consent_withdrawal_missing", "consent_withdrawal")


def _prospecting(add: Add, activity: Activity, i: int) -> None:
    """E-mail prospecting needs prior consent, except "soft opt-in" for existing customers (CPCE art. L. 34-5)."""
    p = activity.purposes[i]
    if p.legal_basis in ("", "consent", "to_be_determined") or not PROSPECTING_RE.search(p.description):
        return
    subjects = {s.category for s in activity.data_subjects}
    if p.legal_basis == "legitimate_interests" and subjects and subjects <= {"customers"}:
        return  # soft opt-in: existing customers, similar products, with an easy way to object
    add("email_prospecting_without_consent", f"purposes[{i}].legal_basis", purpose=p.description,
        basis=LEGAL_BASES.label(p.legal_basis, "en"), basis_fr=LEGAL_BASES.label(p.legal_basis, "fr"))


def _retention_limits(add: Add, activity: Activity) -> None:
    for i, rule in enumerate(activity.retention):
        label = rule.applies_to or f"#{i + 1}"
        if rule.duration is None and VAGUE_RETENTION_RE.search(rule.criterion):
            add("retention_vague", f"retention[{i}].criterion", criterion=rule.criterion)
        if rule.minimum and rule.duration is not None and not rule.criterion.strip():
            unit = DURATION_UNIT_LABELS.get(rule.duration.unit)
            add("retention_minimum_only", f"retention[{i}].minimum", rule=label,
                duration=f"{rule.duration.value} {unit.label('en') if unit else rule.duration.unit}",
                duration_fr=f"{rule.duration.value} {unit.label('fr') if unit else rule.duration.unit}")


def _security(add: Add, activity: Activity) -> None:
    if activity.security_measures and all(m.type == "other" for m in activity.security_measures):
        add("security_only_other", "security_measures")


def _dpia_screening(add: Add, activity: Activity) -> None:
    """The CNIL list (délib. 2018-327) or two of the EDPB's nine criteria make a DPIA required, unless justified."""
    dpia = activity.dpia
    if not dpia.screened:
        if dpia.required is None and not activity.has_sensitive_data():  # else dpia_sensitive_unknown says it
            add("dpia_screening_missing", "dpia.screened")
        return
    reasons = []
    if dpia.cnil_list:
        reasons.append(f"CNIL: {', '.join(dpia.cnil_list)}")
    if len(dpia.criteria) >= 2:
        reasons.append(f"EDPB: {', '.join(dpia.criteria)}")
    if reasons and dpia.required is not True and not dpia.justification.strip():
        add("dpia_required_by_screening", "dpia.required", reason="; ".join(reasons))


def _joint_controllers(add: Add, activity: Activity, find: Find) -> None:
    if activity.joint_controllers.strip() or activity.role == "joint_controller":
        return
    for i, link in enumerate(activity.recipients):
        recipient = find(link.recipient_id)
        if recipient is not None and PLUGIN_RE.search(f"{recipient.name}\n{recipient.details}\n{link.details}"):
            add("joint_controller_missing", f"recipients[{i}]", recipient=recipient.name)


def _data(add: Add, activity: Activity) -> None:
    covered: set[str] = set()
    covers_all = False
    for i, rule in enumerate(activity.retention):
        covers_all = covers_all or not rule.categories
        covered.update(rule.categories)
        label = rule.applies_to or f"#{i + 1}"
        if rule.duration is None and not rule.criterion.strip():
            add("retention_no_duration", f"retention[{i}]", rule=label)
        if rule.duration is not None and rule.duration.unit not in DURATION_UNITS:
            add("unknown_code", f"retention[{i}].duration", value=rule.duration.unit,
                **field_labels("retention", "duration", "retention", i))
        if not rule.legal_reference.strip() and LEGAL_OBLIGATION_RE.search(
                f"{rule.applies_to}\n{rule.criterion}\n{rule.start}"):
            add("retention_legal_reference_missing", f"retention[{i}].legal_reference", rule=label)
    for i, c in enumerate(activity.data_categories):
        if c.sensitive and not c.special_condition:
            add("sensitive_without_condition", f"data_categories[{i}].special_condition", category=c.category)
        if activity.retention and not covers_all and c.category and c.category not in covered:
            add("retention_category_uncovered", f"data_categories[{i}].category", category=c.category)
    if activity.dpia.required and activity.dpia.done is not True:
        add("dpia_not_done", "dpia.done")
    if activity.dpia.required is None and activity.has_sensitive_data():
        add("dpia_sensitive_unknown", "dpia.required")


def check_transfers(add: Add, transfers: list[Transfer], prefix: str, today: date) -> None:
    """A list of transfers outside the EU (an activity's, a processing's): country, safeguard, adequacy."""
    for i, t in enumerate(transfers):
        code = t.country.upper()
        if not code:
            add("transfer_country_missing", f"{prefix}transfers[{i}].country")
        elif not country_known(code):
            continue  # reported as unknown_country
        elif countries.is_in_eea(code):
            add("transfer_within_eea", f"{prefix}transfers[{i}].country", country=code)
        elif not t.safeguard:
            add("transfer_safeguard_missing", f"{prefix}transfers[{i}].safeguard", country=code)
        elif t.safeguard == "adequacy":
            decision = countries.adequacy(code)
            if decision is None:
                add("transfer_adequacy_missing", f"{prefix}transfers[{i}].safeguard", country=code)
            elif decision.expired(today):
                add("transfer_adequacy_expired", f"{prefix}transfers[{i}].safeguard", country=code,
                    date=decision.expires.isoformat() if decision.expires else "")
            elif decision.scope:
                add("transfer_adequacy_partial", f"{prefix}transfers[{i}].safeguard", country=code,
                    scope=decision.scope)


def _transfers(add: Add, activity: Activity, org: Organization, today: date, find: Find) -> None:
    check_transfers(add, activity.transfers, "", today)
    statement: str | None = None  # looked up only when a recipient outside the EEA needs it
    for i, link in enumerate(activity.recipients):
        recipient = find(link.recipient_id)
        if recipient is None:
            if link.recipient_id:
                add("recipient_link_broken", f"recipients[{i}].recipient_id", value=link.recipient_id)
            continue
        code = recipient.country.upper()
        if not code and recipient.type not in _COUNTRY_IMPLIED:
            add("recipient_country_missing", f"recipients[{i}]", recipient=recipient.name)
        if not outside_eea(code):
            continue
        name = recipient.name.casefold()
        if not any(t.recipient.casefold() == name or t.country.upper() == code for t in activity.transfers):
            add("recipient_outside_eea_no_transfer", f"recipients[{i}]", recipient=recipient.name,
                country=code)
        if statement is None:
            statement = no_transfer_statement(_statement_texts(activity, org))
        if statement:
            add("no_transfer_contradicted", f"recipients[{i}]", recipient=recipient.name, country=code,
                statement=statement)


def _statement_texts(activity: Activity, org: Organization) -> list[str]:
    return [*(s.excerpt for s in activity.sources), activity.notes, activity.description,
            *(s.excerpt for s in org.sources), org.notes]


def _invalid_mechanism(add: Add, activity: Activity) -> None:
    words = _mechanism_words(adequacy.in_use())
    if words is not None:
        # One look at all the texts together first: a word found in no text of the activity is found in their
        # joining by a separator no word holds, and the other way round (a tenth of the cost on a large register).
        # The texts alone, without their paths: the paths are spelled only for an activity that may need them.
        texts = [activity.description, activity.notes, activity.consent_withdrawal]
        for t in activity.transfers:
            texts += (t.safeguard.replace("_", " "), t.documentation)
        texts += [p.legal_basis_details for p in activity.purposes]
        texts += [r.details for r in activity.recipients]
        texts += [m.details for m in activity.security_measures]
        texts += [s.excerpt for s in activity.sources]
        joined = _SEPARATOR.join(texts).casefold()
        if not any(word in joined for word in words):
            return
    for path, text in _mechanism_texts(activity):
        if text and countries.mentions_invalid_mechanism(text):
            add("invalid_mechanism", path)


def _mechanism_texts(activity: Activity) -> list[tuple[str, str]]:
    """The free texts that could name an invalidated transfer mechanism, with their paths."""
    texts: list[tuple[str, str]] = [("description", activity.description), ("notes", activity.notes),
                                    ("consent_withdrawal", activity.consent_withdrawal)]
    for i, t in enumerate(activity.transfers):
        # A safeguard is a code, but an unknown one is kept as typed ("privacy_shield").
        texts += [(f"transfers[{i}].safeguard", t.safeguard.replace("_", " ")),
                  (f"transfers[{i}].documentation", t.documentation)]
    texts += [(f"purposes[{i}].legal_basis_details", p.legal_basis_details)
              for i, p in enumerate(activity.purposes)]
    texts += [(f"recipients[{i}].details", r.details) for i, r in enumerate(activity.recipients)]
    texts += [(f"security_measures[{i}].details", m.details)
              for i, m in enumerate(activity.security_measures)]
    texts += [(f"sources[{i}].excerpt", s.excerpt) for i, s in enumerate(activity.sources)]
    return texts


_SEPARATOR = "\x00"


_WORDS: dict[int, tuple[adequacy.AdequacyList, tuple[str, ...] | None]] = {}


def _mechanism_words(in_use: adequacy.AdequacyList) -> tuple[str, ...] | None:
    """The words (casefolded) that betray an invalidated mechanism in the list in use; None if one holds the separator.

    Kept per list object (hashing the list would cost more than the look-up it spares).
    """
    known = _WORDS.get(id(in_use))
    if known is None or known[0] is not in_use:
        words = tuple(word for mechanism in in_use.invalidated for word in mechanism.words)
        known = _WORDS[id(in_use)] = (in_use, None if any(_SEPARATOR in word for word in words) else words)
    return known[1]


def _review(add: Add, activity: Activity, today: date) -> None:
    if activity.next_review is not None and activity.next_review < today:
        add("review_overdue", "next_review", date=activity.next_review.isoformat())
    last = activity.updated.date() if activity.updated is not None else activity.created
    if last is None:
        add("never_reviewed", "updated")
    elif today - last > _A_YEAR:
        add("not_reviewed_for_a_year", "updated", date=last.isoformat())


def check_activity(activity: Activity, org: Organization, today: date,
                   catalogue: Mapping[str, Recipient] | None = None) -> list[Finding]:
    """Findings for one activity: fast enough to run on every edit.

    ``catalogue``: the organisation's recipients by id (``recipient_catalogue``), when a caller checking every
    activity has made it once.
    """
    find: Find = org.recipient if catalogue is None else catalogue.get
    findings: list[Finding] = []

    def add(code: str, path: str, **params: str) -> None:
        findings.append(Finding(code, RULES[code].severity, org.id, activity.id, path, params))

    _structure(add, activity)
    _purposes(add, activity)
    _data(add, activity)
    _retention_limits(add, activity)
    _security(add, activity)
    _dpia_screening(add, activity)
    _transfers(add, activity, org, today, find)
    _joint_controllers(add, activity, find)
    _invalid_mechanism(add, activity)
    _review(add, activity, today)
    return findings


def recipient_catalogue(org: Organization) -> dict[str, Recipient]:
    """The organisation's recipients by id, the first of an id as ``Organization.recipient`` finds it."""
    catalogue: dict[str, Recipient] = {}
    for recipient in org.recipients:
        catalogue.setdefault(recipient.id, recipient)
    return catalogue

"""How field values are shown and parsed in the GUI, by field kind (labels from the domain, by language)."""

from __future__ import annotations

import re
from typing import Any

from ...domain import value_text
from ...domain import vocabularies as v
from ...domain.countries import adequacy, country_code, is_country_code, is_in_eea
from ...domain.fields import FieldSpec, Kind
from ...domain.model import Duration, Organization
from .date_field import format_date


def country_display(code: str, lang: str) -> str:
    """The country's name, or the code as it is when unknown."""
    return value_text.country_text(code, lang)


def adequacy_limit(code: str, lang: str) -> str:
    """What a partial adequacy decision is limited to, in a few words ("DPF only"); "" when it covers all.

    The words are the scope's own acronym (DPF, PIPEDA, APPI, PIPA): the list of decisions names each scope so.
    """
    decision = adequacy(code) if is_country_code(code) and not is_in_eea(code) else None
    if decision is None or not decision.scope:
        return ""
    found = re.search(r"\b[A-Z]{3,}\b", decision.scope)
    if found is None:
        return "partielle" if lang == "fr" else "partial"
    return f"{found.group(0)} uniquement" if lang == "fr" else f"{found.group(0)} only"


def adequacy_note(code: str, lang: str) -> str:
    """A short statement of the country's transfer status: EEA, adequate (and scope), or none."""
    if not code:
        return ""
    if is_in_eea(code):
        return "EEE : pas de transfert" if lang == "fr" else "EEA: no transfer"
    decision = adequacy(code)
    if decision is None:
        return "Pas de décision d'adéquation" if lang == "fr" else "No adequacy decision"
    if decision.scope:  # a partial decision: a transfer outside its scope needs its own safeguard
        limit = adequacy_limit(code, lang)
        return (
            f"Adéquation partielle ({limit}) : {decision.decision}. Couvre seulement : {decision.scope}. "
            "Hors de ce champ, le transfert demande ses propres garanties."
            if lang == "fr"
            else f"Partial adequacy ({limit}): {decision.decision}. Covers only: {decision.scope}. "
            "Outside it, the transfer needs safeguards of its own."
        )
    return f"Adéquation : {decision.decision}" if lang == "fr" else f"Adequacy: {decision.decision}"


def adequacy_short(code: str, lang: str) -> str:
    """A word or two for a table cell: EEA, adequate (partial), or no adequacy decision."""
    if not is_country_code(code):
        return ""
    fr = lang == "fr"
    if is_in_eea(code):
        return "EEE" if fr else "EEA"
    decision = adequacy(code)
    if decision is None:
        return "pas d'adéquation" if fr else "no adequacy"
    if decision.scope:
        return f"adéquat ({adequacy_limit(code, lang)})" if fr else f"adequate ({adequacy_limit(code, lang)})"
    return "adéquat" if fr else "adequate"


def duration_text(duration: Duration | None, lang: str) -> str:
    return value_text.duration_text(duration, lang)


_UNIT_WORDS = {w.casefold(): t.code for t in v.DURATION_UNITS for w in (t.code, t.fr, t.en)}
_UNIT_WORDS.update(
    {
        "an": "years",
        "year": "years",
        "jour": "days",
        "day": "days",
        "month": "months",
        "année": "years",
        "années": "years",
    }
)


def parse_duration(text: str) -> Duration | None:
    """``"10 years"``, ``"6 mois"``... ValueError when not understood; an empty text is no duration."""
    text = text.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d+)\s*(\w+)", text)
    if not match or match.group(2).casefold() not in _UNIT_WORDS:
        raise ValueError(text)
    return Duration(int(match.group(1)), _UNIT_WORDS[match.group(2).casefold()])


def display(spec: FieldSpec, value: Any, lang: str, org: Organization | None = None) -> str:
    """The text a table cell shows for ``value``."""
    if spec.kind in (Kind.CODE, Kind.CODES, Kind.DURATION):
        return value_text.text(spec, value, lang)
    if spec.kind is Kind.COUNTRY:
        name = country_display(value or "", lang)
        status = adequacy_short(value or "", lang) if spec.scope == "transfer" else ""
        return f"{name} — {status}" if status else name
    if spec.kind is Kind.RECIPIENT:
        recipient = org.recipient(value) if org is not None and value else None
        return recipient.name if recipient is not None else (value or "")
    if spec.kind is Kind.CLIENT:
        client = org.client(value) if org is not None and value else None
        return client.name if client is not None else (value or "")
    if spec.kind is Kind.DATE:
        return format_date(value) if value else ""
    if spec.kind is Kind.BOOL:
        return ""
    return "" if value is None else str(value)


def parse_country(text: str) -> str:
    """A code for a name or code; text that is no known country is kept as typed (never dropped)."""
    text = text.strip()
    return (country_code(text) or text) if text else ""

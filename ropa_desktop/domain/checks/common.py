"""What the activity and organisation checks share: field-table lookups prepared once, text patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import countries
from ..fields import CHILD_SCOPES, FIELDS, FieldSpec, Kind
from ..vocabularies import BY_NAME


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """The fields of one scope the checks look at, split by what is checked (prepared at import)."""

    required: tuple[FieldSpec, ...]
    codes: tuple[tuple[FieldSpec, frozenset[str]], ...]  # CODE and CODES fields with their allowed codes
    countries: tuple[FieldSpec, ...]


# Fields whose absence has its own, more telling rule than "missing_required".
DEDICATED: frozenset[tuple[str, str]] = frozenset({
    ("purpose", "legal_basis"), ("transfer", "country"), ("transfer", "safeguard"), ("organization", "dpo"),
})


def _scope_spec(scope: str) -> ScopeSpec:
    specs = [f for f in FIELDS if f.scope == scope]
    return ScopeSpec(
        required=tuple(f for f in specs if f.required and (scope, f.key) not in DEDICATED),
        codes=tuple((f, frozenset(BY_NAME[f.vocabulary].codes())) for f in specs
                    if f.kind in (Kind.CODE, Kind.CODES) and f.vocabulary in BY_NAME),
        countries=tuple(f for f in specs if f.kind is Kind.COUNTRY),
    )


SCOPE: dict[str, ScopeSpec] = {scope: _scope_spec(scope) for scope in dict.fromkeys(f.scope for f in FIELDS)}

# An activity's list fields and the field-table scope of their items.
_OBJECTS = ("dpia", "automated_decision")
LIST_SCOPES: dict[str, str] = {k: v for k, v in CHILD_SCOPES["activity"].items() if k not in _OBJECTS}
OBJECT_SCOPES: dict[str, str] = {k: v for k, v in CHILD_SCOPES["activity"].items() if k in _OBJECTS}
DURATION_UNITS: frozenset[str] = frozenset(BY_NAME["duration_unit"].codes())

# Retention that says it is set by law ("to comply with our legal obligations") should name the law.
LEGAL_OBLIGATION_RE = re.compile(
    r"legal(?:ly)?\s+(?:obligation|requirement)|required\s+by\s+law|law\s+in\s+force|obligations?\s+l[ée]gales?"
    r"|impos[ée]e?s?\s+par\s+la\s+loi|dur[ée]e\s+l[ée]gale",
    re.IGNORECASE,
)
# "Your data will not be transferred outside the EU", "does not perform any transfers", "aucun transfert".
NO_TRANSFER_RE = re.compile(
    r"\b(?:not|no|never|aucun|aucune|pas|jamais)\b[^.;:]{0,40}?\btransf[eé]r", re.IGNORECASE)


@cache
def country_known(code: str) -> bool:
    return countries.is_country_code(code)


@cache
def outside_eea(code: str) -> bool:
    """A real country code outside the EEA (an unknown code is reported elsewhere, not treated as foreign)."""
    return bool(code) and country_known(code) and not countries.is_in_eea(code)


def is_missing(value: object) -> bool:
    """Empty text, list or contact, or an unknown yes/no; False and 0 are answers."""
    if value is None:
        return True
    is_empty = getattr(value, "is_empty", None)
    if callable(is_empty):
        return bool(is_empty())
    if isinstance(value, bool | int):
        return False
    return not value


def no_transfer_statement(texts: list[str]) -> str:
    """The first sentence of ``texts`` stating that no data leaves the EU, or ""."""
    for text in texts:
        match = NO_TRANSFER_RE.search(text)
        if match:
            start = max(text.rfind(".", 0, match.start()) + 1, 0)
            end = text.find(".", match.end())
            return text[start:end + 1 if end >= 0 else len(text)].strip()
    return ""

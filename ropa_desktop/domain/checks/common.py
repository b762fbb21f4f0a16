"""What the activity and organisation checks share: field-table lookups prepared once, text patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import countries
from ..fields import FIELDS, FieldSpec, Kind, list_fields, object_fields
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
    ("client", "contract_reference"), ("processor_activity", "clients"), ("sub_processor", "authorisation"),
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
LIST_SCOPES: dict[str, str] = {f.key: f.item for f in list_fields("activity")}
OBJECT_SCOPES: dict[str, str] = {f.key: f.item for f in object_fields("activity")}
DURATION_UNITS: frozenset[str] = frozenset(BY_NAME["duration_unit"].codes())

class Caseless:
    r"""A case-insensitive pattern, written in lower case: ``search`` as ``re.IGNORECASE`` searches, but faster.

    A text of Latin-1 characters (every English or French one) is searched, case-sensitively, lowered: there
    lowering keeps each character one character, a letter a letter, a space a space, and ``re.IGNORECASE`` folds
    none of them onto a pattern letter but its own lower case (its other foldings, ſ onto s, K onto k, lie outside
    Latin-1), so a pattern in lower case (no ``\S`` or ``\W`` to flip) matches the lowered text where the
    case-insensitive one matches the text: five times faster. Other texts are searched by the latter itself.
    """

    __slots__ = ("_exact", "_lowered", "pattern")

    def __init__(self, source: str) -> None:
        if source != source.lower():
            raise ValueError(f"a Caseless pattern is written in lower case: {source!r}")
        self.pattern = source
        self._exact = re.compile(source, re.IGNORECASE)
        self._lowered = re.compile(source)

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii() or max(text) <= "\xff":
            return self._lowered.search(text.lower())
        return self._exact.search(text)


# Retention that says it is set by law ("to comply with our legal obligations") should name the law.
LEGAL_OBLIGATION_RE = Caseless(
    r"legal(?:ly)?\s+(?:obligation|requirement)|required\s+by\s+law|law\s+in\s+force|obligations?\s+l[ée]gales?"
    r"|impos[ée]e?s?\s+par\s+la\s+loi|dur[ée]e\s+l[ée]gale",
)
# A legal obligation's details that name the law: an article, a code, a numbered law, decree or regulation.
NAMED_LAW_RE = re.compile(
    r"\b(?:code|loi|law\s+n[o°]|d[ée]cret|decree|r[èe]glement|regulation|directive|ordonnance|ordinance)\b"
    r"|\bart(?:icle|\.)?\s*[LRD]\.?\s*\d",
    re.IGNORECASE,
)
# Retention criteria that fix no limit anyone could check.
VAGUE_RETENTION_RE = Caseless(
    r"strictly\s+necessary|strictement\s+n[ée]cessaire|as\s+long\s+as\s+(?:is\s+)?necessary"
    r"|aussi\s+longtemps\s+que\s+n[ée]cessaire|no\s+longer\s+than\s+(?:is\s+)?necessary"
    r"|n'exc[ée]dant\s+pas\s+la\s+dur[ée]e\s+n[ée]cessaire",
)
# Purposes that are commercial prospecting (a merely technical newsletter is not).
PROSPECTING_RE = Caseless(
    r"prospect|solicitation|sollicitation|promotion|commercial\s+newsletter|newsletters?\s+commerciale"
    r"|marketing",
)
# Recipients that are third-party social plug-ins or trackers (joint controllers: CJEU C-40/17 Fashion ID).
PLUGIN_RE = Caseless(
    r"social\s+network|r[ée]seaux?\s+sociaux|plug-?in|module\s+social|advertis|publicit|tracker|traceur",
)

# "Your data will not be transferred outside the EU", "does not perform any transfers", "aucun transfert".
NO_TRANSFER_RE = re.compile(
    r"\b(?:not|no|never|aucun|aucune|pas|jamais)\b[^.;:]{0,40}?\btransf[eé]r", re.IGNORECASE)


@cache
def _iso_country(code: str) -> bool:
    return countries.is_country_code(code)


def country_known(code: str) -> bool:
    """An ISO country code, or an international organisation (``INT-EPO``) of the adequacy list in use."""
    return _iso_country(code) or countries.is_international_organization(code)


def outside_eea(code: str) -> bool:
    """A known destination outside the EEA (an unknown code is reported elsewhere, not treated as foreign)."""
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

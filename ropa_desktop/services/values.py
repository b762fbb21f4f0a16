"""Values typed in a spreadsheet cell read back: vocabulary labels, countries, yes/no, durations, warnings."""

from __future__ import annotations

import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..domain import countries
from ..domain.model import Duration
from ..domain.vocabularies import DURATION_UNITS, Vocabulary
from ..domain.vocabulary_synonyms import SYNONYMS, guess

_TRUE = {"oui", "yes", "true", "vrai", "1", "x", "o", "y"}
_FALSE = {"non", "no", "false", "faux", "0", "n"}


def match_key(text: str) -> str:
    """A name or reference as records are matched by it: NFKC, spaces collapsed, case folded (accents kept)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Normalise a label for matching: NFKC, apostrophes, accents, case, spaces, trailing colons."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():  # accents off, with the per-character loop in C (long texts come here too)
        text = "".join(itertools.compress(text, map(operator.not_, map(unicodedata.combining, text))))
    text = " ".join(text.split()).casefold()
    return text.rstrip(" :…").replace("…", "").strip()


# --- vocabulary and value texts -------------------------------------------------------------------------

_INDEX: dict[str, dict[str, str]] = {}
_ARTICLE = re.compile(r"\s*\([Aa]rt\..*$")


def vocab_index(vocab: Vocabulary) -> dict[str, str]:
    """Folded FR/EN label, CNIL wording or code -> code."""
    index = _INDEX.get(vocab.name)
    if index is None:
        index = {}
        for term in vocab:
            for text in (term.code, term.cnil, term.en, term.fr):
                if text:
                    index[fold(text)] = term.code
                    # People type "Obligation légale" for "Obligation légale (art. 6(1)(c))".
                    short = _ARTICLE.sub("", text)
                    if short != text:
                        index.setdefault(fold(short), term.code)
        for code, phrasings in SYNONYMS.get(vocab.name, {}).items():
            for text in phrasings:
                index.setdefault(fold(text), code)
        _INDEX[vocab.name] = index
    return index


@dataclass
class Problems:
    """Warnings collected while parsing; each is (code, params) so callers translate them."""

    items: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, code: str, **params: str) -> None:
        self.items.append((code, params))


_EXACT: dict[str, dict[str, str]] = {}


def exact_index(vocab: Vocabulary) -> dict[str, str]:
    """Labels exactly as we write them -> code (the folded index is the slower fallback)."""
    index = _EXACT.get(vocab.name)  # keyed by name: hashing a frozen Vocabulary hashes all its terms
    if index is None:
        index = {
            text: term.code for term in vocab for text in (term.cnil, term.en, term.fr, term.code) if text
        }
        index[""] = ""
        _EXACT[vocab.name] = index
    return index


def code_from_text(text: str, vocab: Vocabulary, problems: Problems, where: str) -> str:
    """The code for a label; an unknown value is kept as text and reported."""
    code = exact_index(vocab).get(text)
    if code is not None:
        return code
    if not text.strip():
        return ""
    folded = fold(text)
    code = vocab_index(vocab).get(folded) or vocab_index(vocab).get(folded.rstrip(" ."))
    if code is None:
        code = guess(vocab.name, folded)
    if code is None:
        problems.add("unknown_value", value=text, vocabulary=vocab.name, where=where)
        return text
    return code


def country_from_text(text: str, problems: Problems, where: str) -> str:
    if not text.strip():
        return ""
    code = countries.country_code(text)
    if code is None:
        problems.add("unknown_country", value=text, where=where)
        return text
    return code


def bool_from_text(text: str, problems: Problems, where: str) -> bool | None:
    folded = fold(text)
    if not folded:
        return None
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    problems.add("bad_boolean", value=text, where=where)
    return None


_DURATION = re.compile(r"^\s*(\d{1,6})\s*(\S.*?)\s*$")


def duration_from_text(text: str, problems: Problems, where: str) -> Duration | None:
    if not text.strip():
        return None
    match = _DURATION.match(text)
    if match:
        unit = unit_code(match.group(2))
        if not unit:  # an unknown unit is kept as it is, like any unknown code
            unit = match.group(2)
            problems.add("unknown_value", value=unit, vocabulary=DURATION_UNITS.name, where=where)
        return Duration(int(match.group(1)), unit)
    problems.add("bad_duration", value=text, where=where)
    return None


_UNIT_ALIASES = {
    "an": "years",
    "annee": "years",
    "annees": "years",
    "year": "years",
    "jour": "days",
    "day": "days",
    "month": "months",
}


def unit_code(text: str) -> str:
    """A duration unit code from its label, plural or singular, FR or EN ("" when unknown)."""
    folded = fold(text)
    return vocab_index(DURATION_UNITS).get(folded) or _UNIT_ALIASES.get(folded, "")

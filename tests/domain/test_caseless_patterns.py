"""The checks' case-insensitive patterns find, on the lowered Latin-1 text, what ``re.IGNORECASE`` finds."""

from __future__ import annotations

import re

import pytest

from ropa_desktop.domain.checks.common import (
    LEGAL_OBLIGATION_RE,
    PLUGIN_RE,
    PROSPECTING_RE,
    VAGUE_RETENTION_RE,
    Caseless,
)

PATTERNS = (LEGAL_OBLIGATION_RE, PLUGIN_RE, PROSPECTING_RE, VAGUE_RETENTION_RE)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:20])
def test_latin_1_folds_onto_a_pattern_letter_only_by_its_lower_case(pattern: Caseless) -> None:
    """What makes the lowered search exact: checked for every Latin-1 character, not assumed."""
    letters = {c for c in re.sub(r"\\.", "", pattern.pattern) if c.isalpha()}
    for c in map(chr, range(256)):
        assert len(c.lower()) == 1
        assert c.isalpha() == c.lower().isalpha()
        for cls in (r"\s", r"\w"):
            assert bool(re.fullmatch(cls, c)) == bool(re.fullmatch(cls, c.lower())), (cls, c)
        for letter in letters:
            assert bool(re.fullmatch(re.escape(letter), c, re.IGNORECASE)) == (c.lower() == letter), (letter, c)


@pytest.mark.parametrize("text", [
    "Commercial  NEWSLETTER", "Prospection des clients", "newsletters\tcommerciale", "MarKeting", "ſolicitation",
    "PROSPECT", "Réseaux SOCIAUX", "RÉSEAU SOCIAL", "Plug-In Facebook", "PLUGIN", "Advertising", "İnternet tracker",
    "Obligations LÉGALES", "Imposée par la loi", "Durée Légale", "legally\nrequired", "STRICTLY   necessary",
    "N'EXCÉDANT PAS LA DURÉE NÉCESSAIRE", "as long as is necessary", "café élèves société", "", "ﬁ plugin",
])
def test_caseless_search_finds_what_ignorecase_finds(text: str) -> None:
    for pattern in PATTERNS:
        exact = re.compile(pattern.pattern, re.IGNORECASE).search(text)
        found = pattern.search(text)
        assert (found and found.span()) == (exact and exact.span()), (pattern.pattern, text)


def test_a_pattern_not_in_lower_case_is_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Caseless(r"art\.\s*[LRD]")

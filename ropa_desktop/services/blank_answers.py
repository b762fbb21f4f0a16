"""Answers that mean "nothing" ("Non concerné", "N/A", "—"...): every spreadsheet importer reads them as empty."""

from __future__ import annotations

from typing import Any

from .values import fold

# Folded forms (accents, case, spaces and trailing colons removed by ``fold``), French and English.
_WORDS = {
    "non concerne", "non concernee", "non concernes", "non concernees", "pas concerne", "pas concernee",
    "sans objet", "s/o", "non applicable", "pas applicable", "n/a", "na", "n.a", "n.a.", "not applicable",
    "neant", "ras", "r.a.s", "r.a.s.", "-", "--", "---", "—", "–", "/", "x", "xx", "xxx",
}

_LONGEST = 2 * max(len(w) for w in _WORDS) + 8  # room for spaces and punctuation around the words


def means_nothing(text: str) -> bool:
    """True for a cell whose whole answer says there is nothing to record."""
    if len(text) > _LONGEST:
        return False  # a sentence says something (and folding every long cell would slow large imports)
    folded = fold(text).strip(" .")
    return folded in _WORDS or fold(text) in _WORDS


def blank(value: Any) -> Any:
    """``value``, or "" when it is text meaning nothing (numbers and dates are facts, kept as they are)."""
    return "" if isinstance(value, str) and means_nothing(value) else value

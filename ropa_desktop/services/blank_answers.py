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


_LONGEST = max(map(len, _WORDS))
# ASCII characters that folding may remove: whitespace (``str.split``'s), the colon and the dot it strips.
_DROPPABLE = b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f:."


def means_nothing(text: str) -> bool:
    """True for a cell whose whole answer says there is nothing to record."""
    # Every other ASCII character survives folding: a text with more of them than the longest word is an answer.
    # Checked in C first, since every text cell of a large workbook comes here.
    if len(text.encode("ascii", "ignore").translate(None, _DROPPABLE)) > _LONGEST:
        return False
    folded = fold(text)
    return folded in _WORDS or folded.strip(" .") in _WORDS


def blank(value: Any) -> Any:
    """``value``, or "" when it is text meaning nothing (numbers and dates are facts, kept as they are)."""
    return "" if isinstance(value, str) and means_nothing(value) else value

"""Answers that mean "nothing" ("Non concerné", "N/A", "—"...): every spreadsheet importer reads them as empty."""

from __future__ import annotations

from typing import Any

from .values import fold

# Folded forms (accents, case, spaces and trailing colons removed by ``fold``), French and English.
_WORDS = {
    "non concerne", "non concernee", "non concernes", "non concernees", "pas concerne", "pas concernee",
    "sans objet", "s/o", "non applicable", "pas applicable", "n/a", "na", "n.a", "n.a.", "not applicable",
    "neant", "ras", "r.a.s", "r.a.s.", "-", "--", "---", "—", "–", "/", "x", "xx", "xxx",
    "nc", "n/c", "n.c", "n.c.", "?", "??", "???",  # "non communiqué" / unknown: no fact either
}
# In a category, recipient, transfer or list cell, "no" and "none" say there is none (in a yes/no cell "Non" is
# the answer No, and these are not blank there).
_NONE_WORDS = {"aucun", "aucune", "aucuns", "aucunes", "non", "no", "none", "sans", "nil", "nothing", "rien",
               "pas de", "pas d'", "neant"}
_NONE_LIMIT = 60  # a longer text only starting with "no ", "aucun "... names something
_NONE_PREFIXES = ("pas de ", "pas d'", "aucun ", "aucune ", "no ", "none ", "non concerne", "neant ")


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


def means_none(text: str) -> bool:
    """True for a category, recipient, transfer or list cell that says there is none ("Aucun", "No transfer")."""
    if means_nothing(text):
        return True
    # As in ``means_nothing``: a text keeping at least _NONE_LIMIT characters after folding is an answer; most
    # list cells are long, and folding them whole cost more than parsing their items.
    if len(text.encode("ascii", "ignore").translate(None, _DROPPABLE)) >= _NONE_LIMIT:
        return False
    folded = fold(text).strip(" .")
    if folded.startswith(("no de ", "no d'", "no du ", "no des ")):
        return False  # "No de téléphone": the French "numéro", a data category
    return folded in _NONE_WORDS or (len(folded) < _NONE_LIMIT and folded.startswith(_NONE_PREFIXES))


def blank_item(value: Any) -> Any:
    """``value``, or "" when it is text saying there is none (``means_none``): for list and category cells."""
    return "" if isinstance(value, str) and means_none(value) else value

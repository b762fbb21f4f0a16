"""Word-level differences between two texts, as HTML for a read-only view (the texts themselves escaped)."""

from __future__ import annotations

import difflib
import html
import re

_TOKENS = re.compile(r"\s+|[^\s]+")
LONG_TEXT = 60  # shorter values are read at a glance: no marking


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> tuple[str, str]:
    """``old`` with removed words struck in red, ``new`` with added words in green (both HTML-escaped)."""
    a, b = _words(old), _words(new)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = html.escape("".join(a[i1:i2]))
        added = html.escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed:
            left.append(f'<span style="background:#fbd5d5;text-decoration:line-through">{removed}</span>')
        if added:
            right.append(f'<span style="background:#d4f5d4">{added}</span>')
    return _block("".join(left)), _block("".join(right))


def _block(body: str) -> str:
    return f'<div style="white-space:pre-wrap">{body}</div>'

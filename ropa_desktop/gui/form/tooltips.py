"""Tooltips that wrap at a readable width (Qt wraps rich text only); the text itself is escaped."""

from __future__ import annotations

import html


def wrap_tooltip(text: str) -> str:
    """``text`` as a rich-text tooltip Qt wraps; "" stays "" (no tooltip)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"

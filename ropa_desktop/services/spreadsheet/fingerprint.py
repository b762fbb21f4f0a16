"""A fiche's cells as one digest: written beside the export, so that a re-import skips the fiches nobody edited."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from .flat import cell_text


def fingerprint(rows: Iterable[Iterable[Any]]) -> str:
    """The digest of every non-empty cell's text and place (types as a spreadsheet reader gives them back)."""
    digest = hashlib.blake2b(digest_size=16)
    for r, row in enumerate(rows):
        # One update per row (the same bytes as one per cell): a re-import fingerprints every sheet it was given.
        try:  # a row read back is mostly text: stripped in one C loop
            texts = list(map(str.strip, row))
        except TypeError:  # a date, a number, a yes/no or an empty cell (None)
            texts = [v.strip() if v.__class__ is str else "" if v is None else cell_text(v).strip() for v in row]
        parts = [f"{r}\x1f{c}\x1f{text}\x1e" for c, text in enumerate(texts) if text]
        if parts:
            digest.update("".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()

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
        for c, value in enumerate(row):
            text = cell_text(value).strip()
            if text:
                digest.update(f"{r}\x1f{c}\x1f{text}\x1e".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()

"""The embedded DejaVu Sans family: registered once per process, and the characters it can print."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
FAMILY = (REGULAR, BOLD, OBLIQUE, BOLD_OBLIQUE)


def fonts_dir() -> Path:
    """The package's font folder (a copy of the repository's ``resources/fonts``), also inside a wheel."""
    return Path(str(resources.files("ropa_desktop") / "resources" / "fonts"))


@cache
def register_fonts() -> frozenset[int]:
    """Register the family with reportlab; returns the code points every face of it can print."""
    folder = fonts_dir()
    coverage: frozenset[int] | None = None
    for name in FAMILY:
        font = TTFont(name, str(folder / f"{name}.ttf"))
        pdfmetrics.registerFont(font)
        chars = frozenset(font.face.charToGlyph)
        coverage = chars if coverage is None else coverage & chars
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD_OBLIQUE)
    assert coverage is not None
    return coverage

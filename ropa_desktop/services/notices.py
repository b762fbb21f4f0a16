"""The privacy notices the seeded organisations were transcribed from, shipped in the package."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

# Seeded organisation id -> its notice, as published (plain text, untouched).
NOTICE_FILES: dict[str, str] = {
    "laserseven": "data/notices/laserseven.txt",
    "enlaps": "data/notices/enlaps.txt",
}

# The CNIL's official "registre simplifié" template (July 2019) and its cell-by-cell dump.
CNIL_TEMPLATE = "data/cnil/registre-traitement-simplifie.ods"
CNIL_TEMPLATE_CELLS = "data/cnil/template-cells.txt"


def package_file(name: str) -> Traversable:
    """A data file shipped inside the package (works from a wheel and a frozen build alike)."""
    return resources.files("ropa_desktop").joinpath(name)


def notice_text(organization_id: str) -> str:
    """The full text of a seeded organisation's notice; KeyError for an organisation that has none."""
    return package_file(NOTICE_FILES[organization_id]).read_text("utf-8")

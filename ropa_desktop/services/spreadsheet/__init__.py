"""Spreadsheet exchange with counsel: XLSX export, XLSX/ODS import (own exports, CNIL template, plain tables).

API: ``export_xlsx(register, path, *, lang="fr", organization_id=None, fiches=None, progress=None,
cancel=None) -> ExportReport``; ``read_spreadsheet(path, *, mapping=None, progress=None, cancel=None)
-> ImportResult`` raising ``SpreadsheetError`` (``mapping``: ``{sheet: {header: field}}``, DESIGN §9);
``guess_map(path)`` the mapping a plain table would get; ``map_in_use(path)`` what ``--print-map`` shows
(our Register sheet's columns, or none for the CNIL layout); ``column_choices(lang)`` for the mapping step.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .flat import column_choices
    from .messages import Notice, SpreadsheetError
    from .reader import guess_map, map_in_use, read_spreadsheet
    from .results import Alternative, ImportResult
    from .tables import mapping_choices
    from .writer import FICHE_LIMIT, ExportReport, export_xlsx

# Each name from its module, imported when first asked for: a submodule (``unchanged``, ``parts``) does not bring
# openpyxl and calamine along with this package.
_HOME = {
    "column_choices": "flat", "Notice": "messages", "SpreadsheetError": "messages", "guess_map": "reader",
    "map_in_use": "reader", "read_spreadsheet": "reader", "Alternative": "results", "ImportResult": "results",
    "mapping_choices": "tables", "FICHE_LIMIT": "writer", "ExportReport": "writer", "export_xlsx": "writer",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "FICHE_LIMIT",
    "Alternative",
    "ExportReport",
    "ImportResult",
    "Notice",
    "SpreadsheetError",
    "column_choices",
    "export_xlsx",
    "guess_map",
    "map_in_use",
    "mapping_choices",
    "read_spreadsheet",
]

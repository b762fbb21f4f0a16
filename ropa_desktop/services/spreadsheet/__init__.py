"""Spreadsheet exchange with counsel: XLSX export, XLSX/ODS import (own exports, CNIL template, plain tables).

API: ``export_xlsx(register, path, *, lang="fr", organization_id=None, fiches=None, progress=None,
cancel=None) -> ExportReport``; ``read_spreadsheet(path, *, mapping=None, progress=None, cancel=None)
-> ImportResult`` raising ``SpreadsheetError``; ``column_choices(lang)`` for the header-mapping step.
"""

from __future__ import annotations

from .flat import column_choices
from .messages import Notice, SpreadsheetError
from .reader import ImportResult, read_spreadsheet
from .writer import FICHE_LIMIT, ExportReport, export_xlsx

__all__ = [
    "FICHE_LIMIT",
    "ExportReport",
    "ImportResult",
    "Notice",
    "SpreadsheetError",
    "column_choices",
    "export_xlsx",
    "read_spreadsheet",
]

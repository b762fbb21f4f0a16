"""The dropdowns of a written workbook: where each vocabulary's labels sit in the Lists sheet."""

from __future__ import annotations

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .layout import LIST_COLUMNS, list_values


class Lists:
    """Where each vocabulary's labels sit in the Lists sheet, for data-validation formulas."""

    def __init__(self, sheet: str, lang: str) -> None:
        self.sheet = sheet
        self.ranges: dict[str, str] = {}
        for col, (name, _) in enumerate(LIST_COLUMNS, 1):
            letter = get_column_letter(col)
            count = len(list_values(name, lang))
            self.ranges[name] = f"{quote_sheetname(sheet)}!${letter}$2:${letter}${count + 1}"

    def validation(self, name: str) -> DataValidation:
        # A warning, not a stop: a value outside the list is kept and reported on import, never dropped.
        return DataValidation(
            type="list",
            formula1=self.ranges[name],
            allow_blank=True,
            showDropDown=False,
            showErrorMessage=True,
            errorStyle="warning",
        )

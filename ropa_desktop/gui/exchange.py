"""Export formats the File menu offers (each opens the export dialog); a format whose module is missing is off.

The writing itself is ``services.exporting.export``, shared with the command line.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One entry of File > Export: the action's name, the services module it needs, the format's key."""

    action: str
    module: str
    key: str

    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("actionExportPdf", "ropa_desktop.services.report", "pdf"),
    ExportFormat("actionExportXlsx", "ropa_desktop.services.spreadsheet", "xlsx"),
    ExportFormat("actionExportJson", "ropa_desktop.services.json_format", "json"),
)


def error_text(error: BaseException, lang: str) -> str:
    """A services error's own translated message when it has one (StorageError, ReportError...)."""
    message = getattr(error, "message", None)
    if callable(message):
        try:
            return str(message(lang))
        except TypeError:
            pass
    return str(error) or type(error).__name__

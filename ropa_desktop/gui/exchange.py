"""Export and import formats the File menu offers; a format whose services module is missing is disabled.

Each exporter is a plain call of a services function with progress/cancel callbacks, run by
``jobs.JobRunner``.
The PDF and XLSX adapters follow ``services.report.build_pdf`` and ``services.spreadsheet.export_xlsx`` /
``read_spreadsheet`` as their helpers wrote them; they are imported only when used.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..domain.model import Register
from ..services import json_format
from ..services.atomic import write_bytes_atomic
from .jobs import CancelCheck, Progress

# register, output path, language, current organisation id, progress, cancel -> warnings for the user
Exporter = Callable[[Register, Path, str, str, Progress, CancelCheck], list[str]]


def _export_json(
    register: Register, path: Path, lang: str, org_id: str, progress: Progress, cancel: CancelCheck
) -> list[str]:
    progress(0, 1)
    write_bytes_atomic(path, json_format.dumps(register).encode("utf-8"))
    progress(1, 1)
    return []


def _export_pdf(
    register: Register, path: Path, lang: str, org_id: str, progress: Progress, cancel: CancelCheck
) -> list[str]:
    # One PDF per organisation (the report refuses a multi-organisation register without an id).
    report: Any = importlib.import_module("ropa_desktop.services.report")
    result = report.build_pdf(
        register, path, organization_id=org_id or None, lang=lang, progress=progress, cancel=cancel
    )
    # Characters the embedded font lacks were printed as "?": say which and where, never silently.
    text = QCoreApplication.translate("Exchange", "“%1” (%2) is not in the font and was printed as “?”: %3")
    return [text.replace("%1", g.char).replace("%2", g.codepoint).replace("%3", g.where) for g in result.missing_glyphs]


def _export_xlsx(
    register: Register, path: Path, lang: str, org_id: str, progress: Progress, cancel: CancelCheck
) -> list[str]:
    spreadsheet: Any = importlib.import_module("ropa_desktop.services.spreadsheet")
    report = spreadsheet.export_xlsx(register, path, lang=lang, progress=progress, cancel=cancel)
    return [str(w.message(lang)) for w in report.warnings]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One entry of File > Export: the action's name, the services module it needs, the file suffix."""

    action: str
    module: str
    suffix: str
    run: Exporter

    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("actionExportPdf", "ropa_desktop.services.report", ".pdf", _export_pdf),
    ExportFormat("actionExportXlsx", "ropa_desktop.services.spreadsheet", ".xlsx", _export_xlsx),
    ExportFormat("actionExportJson", "ropa_desktop.services.json_format", ".json", _export_json),
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

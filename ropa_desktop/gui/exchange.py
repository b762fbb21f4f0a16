"""Export and import formats the File menu offers; a format whose services module is missing is disabled."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.model import Register
from ..services import json_format
from ..services.atomic import write_bytes_atomic
from .jobs import CancelCheck, Progress

Exporter = Callable[[Register, Path, str, Progress, CancelCheck], None]


def _export_json(register: Register, path: Path, lang: str, progress: Progress, cancel: CancelCheck) -> None:
    progress(0, 1)
    write_bytes_atomic(path, json_format.dumps(register).encode("utf-8"))
    progress(1, 1)


def _export_pdf(register: Register, path: Path, lang: str, progress: Progress, cancel: CancelCheck) -> None:
    report: Any = importlib.import_module("ropa_desktop.services.report")
    report.build_pdf(register, path, lang=lang, progress=progress, cancel=cancel)


def _export_xlsx(register: Register, path: Path, lang: str, progress: Progress, cancel: CancelCheck) -> None:
    spreadsheet: Any = importlib.import_module("ropa_desktop.services.spreadsheet")
    spreadsheet.export_xlsx(register, path, lang=lang, progress=progress, cancel=cancel)


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


def read_import(path: Path, progress: Progress, cancel: CancelCheck) -> Register:
    """Read a file to import: JSON today;

    A spreadsheet once ``services.spreadsheet`` offers ``import_xlsx``.
    """
    progress(0, 1)
    if path.suffix.casefold() in (".xlsx", ".ods"):
        spreadsheet: Any = importlib.import_module("ropa_desktop.services.spreadsheet")
        register: Register = spreadsheet.import_xlsx(path, progress=progress, cancel=cancel)
    else:
        register = json_format.read_file(path)
    progress(1, 1)
    return register

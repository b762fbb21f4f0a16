"""What reading a spreadsheet gives: the register read, and what else the review needs to know of the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from ...domain.model import Activity, Register
from .messages import Notice


@dataclass(frozen=True)
class Alternative:
    """The same field read from another sheet of our own workbook (a fiche, the CNIL list).

    Which wins is decided against the register (``importing.plan_import``): the side that changed, or a
    conflict naming both cells.
    """

    activity_id: str  # the activity of the flat Register sheet
    path: str
    value: Any  # the activity's value for ``path`` as the other sheet gives it
    where: str  # "Fiche LS-03!B12"
    source: str = "fiche"  # or "list" (the CNIL list sheet)
    lang: str = "fr"  # the workbook's language (a fiche is compared with the fiche we would write)
    seen: Any = None  # the value as compared (recipients by name)
    organization_id: str = ""  # set for an organisation's field (``path`` such as "dpo.email"), not an activity's
    # A fiche's cells that differ from the fiche of the Register sheet's activity: (row label, its rank, column,
    # "LS-02!B65", the text typed). The review keeps those that differ from the fiche of the register's.
    typed: tuple[tuple[str, int, int, str, str], ...] = ()


class RecipientRow(NamedTuple):
    """A row of our Recipients sheet: its cells' digests as exported and as read, and its cells' names."""

    organization_id: str
    stored: str  # "" for a row counsel added (or a workbook older than the digests)
    read: str
    cells: tuple[str, ...]  # "Recipients!F2", per ``flat.RECIPIENT_COLUMNS``


@dataclass
class ImportResult:
    """What was read: a Register (saved nowhere), warnings, headers left to map, what the file was."""

    register: Register
    warnings: list[Notice] = field(default_factory=list)
    unmapped_headers: list[str] = field(default_factory=list)
    kind: str = ""  # "ropa" (our export), "cnil" (CNIL template or our CNIL part), "table" (plain table)
    # Field paths the file carries, for compute_changes(..., fields=...); None: all of them (our Register).
    fields: frozenset[str] | None = None
    file_format: str = ""  # "xlsx" or "ods"
    ignored_sheets: list[str] = field(default_factory=list)
    # (activity id, field path) -> the cell it was read from ("Registre!K7"); (id, "") is the activity's row.
    provenance: dict[tuple[str, str], str] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    guessed_map: dict[str, dict[str, str]] = field(default_factory=dict)  # for --print-map (DESIGN §9)
    exported_at: datetime | None = None  # when our workbook was written (its hidden metadata sheet)
    # Our Register sheet's rows: activity id -> (the cell digests written at export, the same of the row as read)
    row_digests: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Rows left as exported, not parsed (``read_spreadsheet(defer=True)``): activity id -> the parse, when needed
    deferred: dict[str, Callable[[], Activity]] = field(default_factory=dict)
    lang: str = ""  # our workbook's language (its cells' words, for the digests of the register's rows)
    recipient_rows: dict[str, RecipientRow] = field(default_factory=dict)  # recipient id -> its Recipients row

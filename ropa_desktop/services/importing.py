"""An import file (JSON, XLSX or ODS) read by content, planned against the register as a reviewed change set."""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..domain.messages import TranslatedError
from ..domain.model import Register
from .changes import ChangeSet, apply_changes, compute_changes
from .json_format import DocumentError, read_file

_MESSAGES = {
    "bad_json": ("{path} n'est pas un registre JSON lisible : {detail}",
                 "{path} is not a readable JSON register: {detail}"),
    "unreadable": ("Impossible de lire {path} : {detail}", "Cannot read {path}: {detail}"),
}


class ImportInputError(TranslatedError, ValueError):
    """The import file cannot be read as a register; nothing was changed."""

    MESSAGES = _MESSAGES


class Warning_(Protocol):
    """A reading warning, translated on demand."""

    def message(self, lang: str = "en") -> str: ...


@dataclass(slots=True)
class Incoming:
    """What an import file holds, and what reading it had to say."""

    register: Register
    kind: str  # "json", or the spreadsheet's kind: "ropa" (our export), "cnil", "table"
    warnings: list[Warning_] = field(default_factory=list)
    # The field paths the file carries (a CNIL template has no legal form...): absent ones are not "changed".
    fields: frozenset[str] | None = None


def _looks_like_json(path: Path) -> bool:
    # A FIFO or a device would block or never end: refused before it is opened.
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(mode):
        raise ImportInputError("unreadable", path=path, detail="not a regular file (a pipe, device or socket)")
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def read_input(path: Path, *, progress: Callable[[int, int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> Incoming:
    """Read ``path`` by its content (never its extension); errors carry a code and a translated message."""
    try:
        is_json = _looks_like_json(path)
    except IsADirectoryError:
        raise ImportInputError("unreadable", path=path, detail="a folder") from None
    except OSError as exc:
        raise ImportInputError("unreadable", path=path, detail=exc.strerror or exc) from None
    if is_json:
        try:
            return Incoming(read_file(path), "json")
        except DocumentError as exc:
            raise ImportInputError("bad_json", path=path.name, detail=str(exc)) from None
    from .spreadsheet import read_spreadsheet  # raises SpreadsheetError for anything it cannot read safely

    result = read_spreadsheet(path, progress=progress, cancel=cancel)
    return Incoming(result.register, result.kind, list(result.warnings), result.fields)


def plan_import(current: Register, incoming: Incoming, lang: str = "en") -> ChangeSet:
    """What importing would change: new and changed activities, missing ones, conflicts, reading problems."""
    problems = [w.message(lang) for w in incoming.warnings]
    return compute_changes(current, incoming.register, problems, fields=incoming.fields)


def apply_import(current: Register, plan: ChangeSet, accepted: list[str] | None = None) -> Register:
    """The register after the accepted changes (by default: all that have no conflict, never deletions)."""
    return apply_changes(current, plan, accepted)

"""Our Register rows read into activities, each column's reader chosen once from the field table (the import's loop).

``flat.activity_from_row`` decides per cell what a column is (a sub-field, the retention, a list, a scalar of some
kind) and builds the cell's place text: at 10,000 activities that was half a million decisions. A ``RowReader``
makes them once per sheet and reads every row the same way, with the same results and the same warnings.
"""

from __future__ import annotations

from typing import Any

from ...domain.fields import Kind
from ...domain.model import Activity
from .. import lineformat as lf
from ..blank_answers import blank, means_none
from ..retention_text import rules_from_text
from . import flat

# What a column holds, as the reader dispatches on it.
_PARENT, _RETENTION, _LIST, _DATE, _TEXT, _SCALAR = range(6)
_Step = tuple[int, Any, str, str | None, str]  # (what, argument, parent key, cell prefix or None, ", header")


def _plain_text(spec: Any) -> bool:
    """A scalar ``flat.scalar_value`` gives back as the cell's text."""
    if spec.kind in (Kind.DATE, Kind.DATETIME, Kind.COUNTRY, Kind.BOOL):
        return False
    return not (spec.kind in (Kind.CODE, Kind.CODES) and spec.vocab is not None)


def _step(key: str, letters: dict[str, str] | None) -> _Step | None:
    found = flat._READ_COLUMNS.get(key)
    if found is None:
        return None
    col, spec = found
    # The place a warning names: "Registre!Z" + row + ", header", else the row's place and the header.
    prefix, suffix = (letters[key] if letters and key in letters else None), f", {flat._HEADERS[key]}"
    if col.parent is not None:
        return (_PARENT, spec, col.parent.key, prefix, suffix)
    if key == "retention":
        return (_RETENTION, None, "", prefix, suffix)
    if col.kind is Kind.LIST:
        return (_LIST, lf.ITEM_SCOPES[key][0], "", prefix, suffix)
    if col.kind in (Kind.DATE, Kind.DATETIME):
        return (_DATE, spec, "", prefix, suffix)
    if _plain_text(spec):
        return (_TEXT, None, "", prefix, suffix)
    return (_SCALAR, spec, "", prefix, suffix)


class RowReader:
    """The Register sheet's columns (number -> key) and how each is read; ``letters``: key -> "Registre!Z"."""

    def __init__(self, columns: dict[int, str], letters: dict[str, str] | None) -> None:
        self.columns = columns
        self._letters = letters
        self._steps: dict[str, _Step | None] = {}
        # Text meaning nothing ("N/A", "—") reads as empty, decided per column once; "x" in a yes/no is a tick.
        self.plan = [(i, key, not _keeps_tick(key)) for i, key in columns.items()]

    def record(self, row: list[Any], plan: list[tuple[int, str, bool]] | None = None) -> dict[str, Any] | None:
        """A row's cells by column key (None: an empty row), as ``flat_import._record`` reads them."""
        cell_text = flat.cell_text
        size = len(row)
        values: dict[str, Any] = {}
        filled = False
        for i, key, clear in self.plan if plan is None else plan:
            if i < size:
                value = row[i]
                if clear and value and isinstance(value, str):
                    value = blank(value)
                values[key] = value
                if not filled and (value.strip() if value.__class__ is str else cell_text(value).strip()):
                    filled = True
        return values if filled else None

    def _step(self, key: str) -> _Step | None:
        if key not in self._steps:
            self._steps[key] = _step(key, self._letters)
        return self._steps[key]

    def activity(self, values: dict[str, Any], ctx: flat.RowContext, where: str, row: int | str) -> Activity:
        """What ``flat.activity_from_row(values, ctx, where, letters, row)`` returns, read by the prepared steps."""
        activity = Activity()
        ident = flat.cell_text(values.get("_id")).strip()
        if ident:
            activity.id = ident
        problems = ctx.problems
        cell_text = flat.cell_text
        scalar_value = flat.scalar_value
        number = str(row)
        for key, value in values.items():
            if value is None or value == "":
                continue
            step = self._steps[key] if key in self._steps else self._step(key)
            if step is None:
                continue
            what = step[0]
            if what == _TEXT:
                setattr(activity, key, value if value.__class__ is str else cell_text(value))
                continue
            at = f"{step[3]}{number}{step[4]}" if step[3] is not None else f"{where}{step[4]}"
            if what == _LIST:
                text = cell_text(value)
                # "Aucun", "Néant", "None", "-" alone: there is none (as in the CNIL template), not one named so.
                items = [] if means_none(text) else lf.parse_items(
                    step[1], text, problems, at, ctx.recipient_id if key == "recipients" else None
                )
                setattr(activity, key, items)
            elif what == _PARENT:
                parsed = scalar_value(step[1], value, problems, at)  # None stays None for yes/no/unknown
                setattr(getattr(activity, step[2]), step[1].key, parsed)
            elif what == _RETENTION:  # "3 ans" typed by counsel is a duration, not what the rule applies to
                activity.retention = rules_from_text(cell_text(value), "", problems, at, bare="applies_to")
            elif what == _DATE:
                setattr(activity, key, scalar_value(step[1], value, problems, at))
            else:
                parsed = scalar_value(step[1], value, problems, at)
                if parsed is not None:
                    setattr(activity, key, parsed)
        return flat.finish_activity(activity, values, problems, self._letters, where, row)


def _keeps_tick(key: str) -> bool:
    col = flat.ACTIVITY_BY_KEY.get(key)
    return col is not None and col.kind is Kind.BOOL


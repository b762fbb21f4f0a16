"""An entity's history from the audit log: who, when, and each field's old and new value in words (FR/EN)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain import model
from ..domain.fields import FieldSpec, Kind, fields_of
from ..storage.repository import AuditEntry
from .changes import display, field_label
from .history_columns import column_field, column_label, column_value, is_bookkeeping
from .json_format import DocumentError, _decode

# The audit log's entity names, with the domain type its pictures decode to and the field table's scope.
ENTITIES: dict[str, tuple[type, str]] = {
    "activity": (model.Activity, "activity"),
    "organization": (model.Organization, "organization"),
    "recipient": (model.Recipient, "recipient"),
    "client": (model.Client, "client"),
    "processor_activity": (model.ProcessorActivity, "processor_activity"),
}
# Stamped by every save: shown as the event's time, not as a change of its own.
_STAMPS = frozenset({"updated"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's change: its label from the field table, its old and new values in words ("∅" for empty)."""

    path: str
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One audited action on the entity: ``action`` is "create", "update", "delete" or "none".

    "none": a line the server's records show changed nothing (only for a line that differs from them).
    """

    at: datetime | None
    who: str  # the display name set in preferences, then the accountable role or system user
    role: str
    action: str
    changes: tuple[FieldChange, ...]
    # The line's own words differ from what the server recorded at its commit: the record is what is shown.
    differs: bool = False


def who(entry: AuditEntry) -> str:
    """"Alice Martin (alice)", or the role alone when no display name was set (or it is the same)."""
    name = (entry.display_name or "").strip()
    return f"{name} ({entry.user})" if name and name != entry.user else entry.user


def history(entries: Sequence[AuditEntry], lang: str, *, current: object | None = None,
            recipients: Mapping[str, str] | None = None) -> list[HistoryEvent]:
    """The events of one entity's audit lines (oldest first), each with its field changes in words.

    A creation is pictured compactly in the log (its id and name): its first content is the ``before`` of the
    next change, or, when none came, ``current`` (the row as written, read by the caller). ``recipients`` names
    catalogue recipients by id, for an activity's recipients.
    """
    events = []
    state: Any = None  # the entity after the previous event: the server's record of it when there is one
    for index, entry in enumerate(entries):
        kind = ENTITIES.get(entry.entity)
        if kind is None:
            continue
        if entry.has_record:
            event = _recorded(entry, state, kind, lang, recipients or {})
            events.append(event)
            state = entry.recorded
            continue
        if _outside(entry.before) or _outside(entry.after):
            events.append(HistoryEvent(_when(entry.at), who(entry), entry.user, entry.action,
                                       _row_changes(entry, lang)))
            state = None  # (a raw row, not the whole record)
            continue
        old, new = _decoded(entry.before, kind[0]), _decoded(entry.after, kind[0])
        if entry.action == "create" and entry.after is not None and _compact(entry.after, kind[0]):
            following = next((e.before for e in entries[index + 1:] if e.before is not None and not _outside(e.before)),
                             None)
            new = _decoded(following, kind[0]) if following is not None else current
        changes = () if entry.action == "delete" else tuple(_changes(old, new, kind[1], kind[1], lang,
                                                                                    recipients or {}))
        events.append(HistoryEvent(_when(entry.at), who(entry), entry.user, entry.action, changes))
        state = new
    return events


def _recorded(entry: AuditEntry, state: Any, kind: tuple[type, str], lang: str,
              recipients: Mapping[str, str]) -> HistoryEvent:
    """A line the server recorded the entity beside (migration 0013): its "after" is the record.

    The "before" is the previous event's record (or, for the first, the line's own). A line the session wrote
    whose picture differs from the record is marked, and its headline is the records' (created, changed, deleted
    or no change) under the role the server stamped, not the line's own action and display name. A line the server
    wrote cannot differ (its rows are the tables'); it shows every sub-row the transaction changed, or, when an
    earlier line of the same transaction already showed those, its own row's changes.
    """
    cls, scope = kind
    new = entry.recorded
    outside = _outside(entry.before) or _outside(entry.after)
    if outside and state is None:
        return HistoryEvent(_when(entry.at), who(entry), entry.user, entry.action, _row_changes(entry, lang))
    old = state if state is not None or outside else _decoded(entry.before, cls)
    changes = tuple(_changes(old, new, scope, scope, lang, recipients))
    differs = False
    if not outside:
        if entry.action == "delete":
            differs = new is not None
        elif new is None or entry.after is None:
            differs = True
        elif entry.action != "create" and changes and (_partial(entry.after) or _partial(entry.before)):
            differs = True  # the application pictures an update whole: a partial one hides what changed
        elif _compact(entry.after, cls):
            differs = any(getattr(new, key, None) != value for key, value in entry.after.items())
        else:
            claimed = _decoded(entry.after, cls)
            differs = claimed is None or bool(_changes(claimed, new, scope, scope, lang, recipients))
    action = entry.action
    if outside and action == "update" and new is None:
        action = "delete"
    if outside and action != "delete" and not changes:  # (the transaction's first line showed the records')
        changes = _row_changes(entry, lang)
    if differs:  # the records say what happened, the role the server stamped says who
        action = ("create" if old is None and new is not None else "delete" if new is None and old is not None
                  else "update" if changes else "none")
        return HistoryEvent(_when(entry.at), entry.user, entry.user, action,
                            () if action == "delete" else changes, differs)
    return HistoryEvent(_when(entry.at), who(entry), entry.user, action, () if action == "delete" else changes,
                        differs)


def _partial(picture: dict[str, Any] | None) -> bool:
    """A picture naming the record only (its id, reference, name): what an import's creation writes, no update."""
    return picture is not None and set(picture) <= {"id", "reference", "name"}


def _outside(picture: dict[str, Any] | None) -> bool:
    """A line the server wrote for a change made outside the application (migration 0009): a table's raw row."""
    return picture is not None and set(picture) == {"table", "row"}


def _row_changes(entry: AuditEntry, lang: str) -> tuple[FieldChange, ...]:
    """Each column of the raw row that differs, named by the field table as the application's lines are.

    (A column the table does not describe keeps its ``table.column``; bookkeeping columns are left out.)
    """
    old, new = (entry.before or {}).get("row") or {}, (entry.after or {}).get("row") or {}
    table = (entry.after or entry.before or {}).get("table", "")
    row = new or old
    changed = [column for column in dict.fromkeys([*old, *new])
               if not is_bookkeeping(table, column, row) and old.get(column) != new.get(column)]
    found = (FieldChange(_column_path(table, column, row), column_label(table, column, row, lang),
                         column_value(table, column, row, old.get(column), lang),
                         column_value(table, column, row, new.get(column), lang)) for column in changed)
    return tuple(change for change in found if change.old != change.new)  # None and "" both read "∅"


def _column_path(table: str, column: str, row: Mapping[str, Any]) -> str:
    found = column_field(table, column, row)
    return found[1] if found is not None else f"{table}.{column}"


def _compact(picture: dict[str, Any], cls: type) -> bool:
    return cls is model.Activity and set(picture) <= {"id", "reference", "name"}


def _decoded(picture: dict[str, Any] | None, cls: type) -> Any:
    """The audit picture as a domain object (None for none, or one this version cannot read)."""
    if picture is None:
        return None
    try:
        return _decode(cls, picture, "")
    except (DocumentError, TypeError, ValueError):
        return None


def _changes(old: Any, new: Any, scope: str, root: str, lang: str, recipients: Mapping[str, str],
             prefix: str = "") -> list[FieldChange]:
    """Each field of ``scope`` that differs; a nested object's fields one by one (``dpia.required``)."""
    found = []
    for spec in fields_of(scope):
        if spec.key in _STAMPS:
            continue
        before = getattr(old, spec.key, None) if old is not None else None
        after = getattr(new, spec.key, None) if new is not None else None
        if before == after:
            continue
        path = f"{prefix}{spec.key}"
        if spec.is_object:
            found += _changes(before, after, spec.item, root, lang, recipients, f"{path}.")
            continue
        shown = _text(before, spec, path, root, lang, recipients), _text(after, spec, path, root, lang, recipients)
        if shown[0] != shown[1]:  # None and "" both read "∅": not a change a person would see
            found.append(FieldChange(path, field_label(path, lang, root), *shown))
    return found


def _text(value: Any, spec: FieldSpec, path: str, root: str, lang: str, recipients: Mapping[str, str]) -> str:
    if root == "activity" and path == "recipients" and isinstance(value, list):
        lines = [" – ".join(p for p in (recipients.get(link.recipient_id, link.recipient_id), link.details) if p)
                 for link in value]
        return "\n".join(lines) or "∅"
    if value is None and spec.kind is Kind.BOOL:
        return "∅"
    return display(value, lang, path, root)


def _when(at: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

"""The field table's words for a column of a raw row the server audited (a change made outside the application)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain import field_paths
from ..storage.schema import (
    ACTIVITY_CHILDREN,
    PROCESSOR_CHILDREN,
    RECIPIENT_CHILDREN,
    Base,
    flattened_columns,
)

# The versioned tables: their row is the record itself (scope of the field table).
_RECORDS = {"organizations": "organization", "activities": "activity", "recipients": "recipient",
            "clients": "client", "processor_activities": "processor_activity"}
# A sub-row's table: the scope of its owner and the owner's field it is an item of.
_ITEMS: dict[str, tuple[str, str]] = {
    **{row.__tablename__: ("activity", key) for key, row in ACTIVITY_CHILDREN.items()},
    **{table.name: ("processor_activity", key) for key, table in PROCESSOR_CHILDREN.items()},
    **{table.name: ("recipient", key) for key, table in RECIPIENT_CHILDREN.items()},
    "organization_security_measures": ("organization", "security_measures"),
}
# Columns that are bookkeeping, not a field anyone typed (a sub-row's own id and its place are not changes).
_BOOKKEEPING = frozenset({"version", "position"})
# The activities table's flattened nested objects: ``dpia_required`` is ``dpia.required``.
_FLATTENED = {column: f"{owner.key}.{spec.key}" for column, owner, spec in flattened_columns("activity")}


def column_field(table: str, column: str, row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(scope, field path) of ``table.column`` in ``row``; None for bookkeeping (ids, places, owners, versions)."""
    if column in _BOOKKEEPING:
        return None
    if table in _RECORDS:
        scope = _RECORDS[table]
        return (scope, _FLATTENED.get(column, column)) if scope == "activity" else (scope, column)
    if table in ("contacts", "client_contacts"):  # one row per contact of the organisation or client, by kind
        if column in ("kind", "organization_id", "client_id"):
            return None
        return ("organization" if table == "contacts" else "client", f"{row.get('kind', '')}.{column}")
    if table == "sources":
        scope, key = ("activity" if row.get("activity_id") else "organization"), "sources"
    elif table in _ITEMS:
        scope, key = _ITEMS[table]
    else:
        return None
    if column == "id" or column in _owners(table):
        return None
    return scope, f"{key}.{column}"


def column_label(table: str, column: str, row: Mapping[str, Any], lang: str) -> str:
    """``table.column`` in the field table's words ("Purposes of the processing – Legal basis"), else as it is."""
    found = column_field(table, column, row)
    if found is None:
        return f"{table}.{column}"
    scope, path = found
    label = field_paths.describe(path, scope, lang)
    head, _, tail = path.rpartition(".")
    while label == path and "_" in tail:  # a nested value in several columns: ``duration_value`` is ``duration``
        tail = tail.rsplit("_", 1)[0]
        path = f"{head}.{tail}" if head else tail
        label = field_paths.describe(path, scope, lang)
    if label == path and head:
        label = field_paths.describe(head, scope, lang)  # at least the list the item belongs to
    return label if label != path else f"{table}.{column}"


def column_value(table: str, column: str, row: Mapping[str, Any], value: Any, lang: str) -> str:
    """A raw value in words as the review shows the field's ("Validated", "yes", a country's name), else as it is."""
    if value in (None, "", []):
        return "∅"
    found = column_field(table, column, row)
    if found is not None and isinstance(value, str | bool) and column_label(table, column, row, lang) != (
            f"{table}.{column}"):
        from .change_wording import display

        try:
            return display(value, lang, found[1], found[0])
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):  # a value the field cannot hold
            pass
    return str(value)


def is_bookkeeping(table: str, column: str, row: Mapping[str, Any]) -> bool:
    """A column no person edits (a version, a place in a list, a sub-row's id or owner): not shown as a change."""
    return column_field(table, column, row) is None and (
        column in _BOOKKEEPING or table in _ITEMS or table in ("contacts", "client_contacts", "sources"))


def _owners(table: str) -> set[str]:
    """A sub-row's owner columns (deleted with it: CASCADE); a link it holds (RESTRICT) is a field."""
    found = Base.metadata.tables.get(table)
    if found is None:
        return set()
    return {fk.parent.name for fk in found.foreign_keys if fk.ondelete == "CASCADE"}

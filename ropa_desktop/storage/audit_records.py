"""An entity's audit lines with the server's record of each (migration 0013), its rows read back as a domain object."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from ..domain.fields import SCOPE_TYPES, field_spec
from ..domain.model import Activity, Organization, Recipient, SecurityMeasure
from . import mapping as m
from .schema import ACTIVITY_CHILDREN, RECIPIENT_CHILDREN
from .store_base import AuditEntry, _table

if TYPE_CHECKING:
    from .repository import RegisterStore

Rows = Mapping[str, Sequence[Mapping[str, Any]]]

_LINES = text('SELECT l.id, r.rows FROM audit_log l LEFT JOIN audit_rows r ON r.line_id = l.id '
              'WHERE l.entity_id = :entity_id ORDER BY l.id')
_ITEM_TABLES = {key: _table(row).name for key, row in ACTIVITY_CHILDREN.items()}
_ITEM_LOADERS = {key: m.raw_items_loader(key) for key in ACTIVITY_CHILDREN}


def recorded_audit_log(store: RegisterStore, entity_id: str) -> list[AuditEntry]:
    """The entity's lines oldest first; on a server each carries the record the server made at its commit.

    ``recorded`` is the record as the domain object (None: the record is gone, deleted), ``has_record`` says
    whether there is one (lines before schema 13, a file's lines and copied history have none; nor have a
    client's or a processing's, whose rows this version does not map back).
    """
    entries = store.audit_log(entity_id)
    if store.server is None:
        return entries
    with store._read() as conn:  # (a line added between the two reads has no entry: it is left out)
        records = {int(r.id): r.rows for r in conn.execute(_LINES, {"entity_id": entity_id})}
    ids = sorted(records)[:len(entries)]
    found = []
    for entry, line_id in zip(entries, ids, strict=True):
        rows = records[line_id]
        if isinstance(rows, str):
            rows = json.loads(rows)
        built = _built(entry.entity, rows) if rows is not None else _NONE
        found.append(entry if built is _NONE else replace(entry, recorded=built, has_record=True))
    return found


_NONE = object()  # no record, or one this version does not map back


def _built(entity: str, rows: Rows) -> object:
    """The record's rows as the entity's domain object (None when its own row is gone)."""
    if entity == "activity":
        return _activity(rows)
    if entity == "organization":
        return _organization(rows)
    if entity == "recipient":
        return _recipient(rows)
    return _NONE


def _activity(rows: Rows) -> Activity | None:
    if not rows.get("activities"):
        return None
    activity = m.activity_from(rows["activities"][0])
    for key, load in _ITEM_LOADERS.items():
        columns = m.item_columns(key)
        load([(activity.id, *(row[c] for c in columns)) for row in rows.get(_ITEM_TABLES[key], ())],
             {activity.id: activity})
    activity.sources = [m.source_from(row) for row in rows.get("sources", ())]
    return activity


def _organization(rows: Rows) -> Organization | None:
    if not rows.get("organizations"):
        return None
    org = m.organization_from(rows["organizations"][0], {row["kind"]: row for row in rows.get("contacts", ())})
    org.sources = [m.source_from(row) for row in rows.get("sources", ())]
    org.security_measures = [m.flat_from(SecurityMeasure, [row[n] for n in m.flat_names(SecurityMeasure)])
                             for row in rows.get("organization_security_measures", ())]
    return org


def _recipient(rows: Rows) -> Recipient | None:
    if not rows.get("recipients"):
        return None
    recipient = m.recipient_from(rows["recipients"][0])
    for key, table in RECIPIENT_CHILDREN.items():
        cls = SCOPE_TYPES[field_spec("recipient", key).item]
        names = m.flat_names(cls)
        getattr(recipient, key).extend(m.flat_from(cls, [row[n] for n in names]) for row in rows.get(table.name, ()))
    return recipient


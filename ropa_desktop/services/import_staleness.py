"""Whether a record changed in the register since the import file was exported: by stored version, else by time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ..domain.model import Activity, ProcessorActivity
from .change_kinds import (
    FIELD,
    NEW_ACTIVITY,
    NEW_ORGANIZATION,
    NEW_RECIPIENT,
    ORGANIZATION_FIELD,
    RECIPIENT_FIELD,
    Change,
)
from .processor_changes import CLIENT_FIELD, NEW_CLIENT, NEW_PROCESSING, PROCESSING_FIELD

DELETED_SINCE_EXPORT = "deleted_since_export"  # a conflict: the register the file came from no longer holds it


def record_id(change: Change) -> str:
    """The id of the stored record a field change writes to ("" for a new record, a deletion...)."""
    if change.kind == RECIPIENT_FIELD:
        return change.target_recipient_id
    if change.kind in (FIELD, CLIENT_FIELD, PROCESSING_FIELD):
        return change.target_activity_id
    if change.kind == ORGANIZATION_FIELD:
        return change.target_org_id
    return ""


def version_moved(change: Change, exported: Mapping[str, int] | None, stored: Mapping[str, int] | None) -> bool | None:
    """Whether the record's stored version moved since the file's export; None when versions cannot tell.

    A version moves with every save, the application's or one made outside it (a server's trigger bumps it), and
    does not depend on anyone's clock: it is the judge whenever both the file and the register name one.
    """
    if exported is None or stored is None:
        return None
    ident = record_id(change)
    if not ident or ident not in exported or ident not in stored:
        return None  # a record the export did not hold (added since, or another organisation's): judged by time
    return exported[ident] != stored[ident]


def changed_since(record: Activity | ProcessorActivity, exported_at: datetime | None) -> bool:
    """The record's "last update" is not before the export (the rule for a file without versions).

    Then a value that differs from the register may be the one left as it was, not the one edited: applying it
    could silently undo the later change, so it is shown as a conflict for the DPO to decide.
    """
    if exported_at is None or record.updated is None:
        return False
    # "Last update" is kept to the second: within the export's own second, count it as after (the safe side).
    return record.updated >= exported_at.replace(microsecond=0)


def is_stale(change: Change, record: Activity | ProcessorActivity | None, exported_at: datetime | None,
             exported: Mapping[str, int] | None, stored: Mapping[str, int] | None) -> bool:
    """A field change the register may have overtaken since the export: by version when known, else by time."""
    moved = version_moved(change, exported, stored)
    if moved is not None:
        return moved
    return record is not None and changed_since(record, exported_at)


def new_record_id(change: Change) -> str:
    """The id of the record a "new ..." change would create ("" for any other change)."""
    if change.kind == NEW_ORGANIZATION:
        return change.target_org_id
    if change.kind == NEW_RECIPIENT:
        return change.target_recipient_id
    if change.kind in (NEW_ACTIVITY, NEW_CLIENT, NEW_PROCESSING):
        return change.target_activity_id
    return ""


def deleted_since(change: Change, file_register: str | None, own_register: str | None,
                  exported: Mapping[str, int] | None, stored: Mapping[str, int] | None) -> bool:
    """A "new" record the file's register held at export (``record_versions``) and no longer holds.

    Record ids repeat across registers seeded alike, so only a file naming this very register can tell a record
    deleted since from another register's: any other file creates it, as before.
    """
    if not file_register or file_register != own_register or exported is None or stored is None:
        return False
    ident = new_record_id(change)
    return bool(ident) and ident in exported and ident not in stored

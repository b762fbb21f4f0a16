"""An import whose commit met a record saved meanwhile by someone else: planned again, that record a conflict."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..domain.model import Organization, Register
from .changes import Change, ChangeSet
from .importing import Incoming, plan_import

CHANGED_MEANWHILE = "changed_since_export"  # changed after the file was exported: the same words are true of it


def replan(read: Register, fresh: Register, incoming: Incoming, lang: str,
           versions: Mapping[str, int] | None = None, register_id: str | None = None) -> tuple[ChangeSet, list[str]]:
    """The plan against ``fresh``; a change of a record that differs from what was ``read`` is a conflict.

    DESIGN §9: an import applies what does not conflict and lists the rest, exit 0. A record someone saved between
    the import's read and its commit is one it may no longer overwrite (its file value may be the older one), as
    one changed since the file's export. Also returns the names of those records, for the one line that says so.
    ``versions``: the register's stored versions as ``fresh`` was read, ``register_id`` its id (see ``plan_import``).
    """
    before, after = _records(read), _records(fresh)
    plan = plan_import(fresh, incoming, lang, versions, register_id)
    names: dict[str, None] = {}
    for i, change in enumerate(plan.changes):
        key = _target(change)
        if before.get(key) != after.get(key):  # (its moved version may have made it a conflict already)
            if not change.conflict:
                plan.changes[i] = dataclasses.replace(change, conflict=CHANGED_MEANWHILE)
            names[change.activity or change.organization] = None
    return plan, list(names)


def conflict_key(change: Change) -> tuple[str, ...]:
    """What a change is about (its kind, record and field) and why it conflicts: the same in two plans."""
    return (change.kind, _target(change), change.target_org_id, change.path, change.conflict)


def _target(change: Change) -> str:
    if change.target_recipient_id:
        return f"recipient:{change.target_recipient_id}"
    if change.target_activity_id:
        return f"record:{change.target_activity_id}"
    return f"organization:{change.target_org_id}"


def _records(register: Register) -> dict[str, Any]:
    """Each record a change can target, by the key ``_target`` gives it."""
    found: dict[str, Any] = {}
    for org in register.organizations:
        found[f"organization:{org.id}"] = _identity(org)
        records: list[Any] = [*org.activities, *org.processor_activities, *org.clients]
        for record in records:
            found[f"record:{record.id}"] = record
        for recipient in org.recipients:
            found[f"recipient:{recipient.id}"] = recipient
    return found


def _identity(org: Organization) -> Organization:
    return dataclasses.replace(org, activities=[], recipients=[], clients=[], processor_activities=[])

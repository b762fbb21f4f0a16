"""What the activity list shows, read in one light query (a large register's window shows before its full load)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ..domain.model import Register
from . import remote_reads
from .mapping import parse_datetime
from .store_base import _REC
from .store_reads import StoreReads


class ListRow(NamedTuple):
    """One activity as its list row shows it: its own columns and the legal bases of its purposes.

    A named tuple: 50,000 of them are made before the window shows (a frozen dataclass cost three times that).
    """

    id: str
    organization_id: str
    reference: str
    name: str
    role: str
    status: str
    updated: datetime | None
    legal_bases: tuple[str, ...]


def list_rows(store: StoreReads) -> list[ListRow]:
    """Every activity's row, organisation by organisation in the register's order (no sub-list is built)."""
    with store._read() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            # The purposes' legal bases, in order, one text per activity (codes hold no control character).
            sql = ("SELECT activity_id, group_concat(legal_basis, char(31)) FROM (SELECT activity_id, legal_basis "
                   "FROM purposes WHERE legal_basis != '' ORDER BY activity_id, position) GROUP BY activity_id")
            # Few combinations across thousands of activities: each is split once and its tuple shared.
            distinct: dict[str, tuple[str, ...]] = {}
            bases = {i: distinct.get(joined) or distinct.setdefault(joined, _distinct(joined))
                     for i, joined in cursor.execute(store._raw(sql))}
            sql = ("SELECT a.id, a.organization_id, a.reference, a.name, a.role, a.status, a.updated "
                   "FROM activities a JOIN organizations o ON o.id = a.organization_id ORDER BY o.position, a.position")
            make, none = ListRow._make, ()
            return [make((i, org, reference, name, role, status, parse_datetime(updated), bases.get(i, none)))
                    for i, org, reference, name, role, status, updated in cursor.execute(store._raw(sql))]
        finally:
            cursor.close()


def _distinct(joined: str) -> tuple[str, ...]:
    """Each legal basis once, in order of first use (as ``Activity.legal_bases``)."""
    return tuple(dict.fromkeys(joined.split("\x1f")))


def organizations(store: StoreReads) -> Register:
    """The organisations with their identity and recipients but none of their activities (a window's first view)."""
    register = Register([])
    for org_id, _name in store.list_organizations():
        org = remote_reads.load_identity(store, org_id)
        if org is not None:
            register.organizations.append(org)
    by_id = {org.id: org for org in register.organizations}
    with store._read() as conn:
        rows = conn.execute(_REC.select().order_by(_REC.c.position)).mappings().all()
        for row in rows:
            org = by_id.get(row["organization_id"])
            recipient = store._recipient(conn, row)
            if org is not None and recipient is not None:
                org.recipients.append(recipient)
    return register

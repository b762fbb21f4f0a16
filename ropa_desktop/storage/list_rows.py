"""What the activity list shows, read in one light query (a large register's window shows before its full load)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from ..domain.model import Register
from . import remote_reads
from .mapping import parse_datetime
from .store_base import _REC
from .store_reads import StoreReads

# One activity as its list row shows it before the register is read (its legal bases: ``legal_bases``):
# id, organisation id, reference, name, role, status, updated. A plain tuple: 50,000 of them are made before the
# window shows, and a named tuple's constructor (a Python call each) cost four times the tuple.
ListRow = tuple[str, str, str, str, str, str, datetime | None]


def list_rows(store: StoreReads) -> list[ListRow]:
    """Every activity's row, organisation by organisation in the register's order (no sub-list is read).

    The table is read as it lies and sorted here: following the index of positions read its rows' pages out of
    order, and the join on organisations sorted them again in a temporary tree (half of the window's first read).
    """
    with store._read() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            rank = {org: i for i, (org,) in enumerate(cursor.execute("SELECT id FROM organizations ORDER BY position"))}
            sql = "SELECT organization_id, position, id, reference, name, role, status, updated FROM activities"
            rows = [r for r in cursor.execute(sql) if r[0] in rank]
        finally:
            cursor.close()
    rows.sort(key=lambda r: (rank[r[0]], r[1]))
    # Each time stamp parsed once: an import gives thousands of activities the same one.
    stamp = lru_cache(maxsize=None)(parse_datetime)
    return [(i, org, reference, name, role, status, stamp(updated))
            for org, _, i, reference, name, role, status, updated in rows]


def legal_bases(store: StoreReads) -> dict[str, tuple[str, ...]]:
    """The legal bases of each activity's purposes, in order, each once (as ``Activity.legal_bases``).

    Read after the list has shown (on the loading thread): a third of the first read went to the purposes.
    """
    with store._read() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            # The purposes' legal bases, in order, one text per activity (codes hold no control character).
            sql = ("SELECT activity_id, group_concat(legal_basis, char(31)) FROM (SELECT activity_id, legal_basis "
                   "FROM purposes WHERE legal_basis != '' ORDER BY activity_id, position) GROUP BY activity_id")
            # Few combinations across thousands of activities: each is split once and its tuple shared.
            distinct: dict[str, tuple[str, ...]] = {}
            return {i: distinct.get(joined) or distinct.setdefault(joined, _distinct(joined))
                    for i, joined in cursor.execute(store._raw(sql))}
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

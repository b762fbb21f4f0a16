"""Saving and deleting a controller's organisation, activities and recipients, one audited transaction each."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ..domain.model import Activity, Organization, Recipient
from . import mapping as m
from . import processor_rows as pr
from .errors import RecipientInUseError, StorageError
from .pg_save import save_in_one_statement
from .store_base import (
    _ACT,
    _ACTIVITY_INSERT,
    _CHILD_TABLES,
    _CONTACT,
    _ITEM_INSERTS,
    _ORG,
    _REC,
    _SOURCE,
    _SOURCE_INSERT,
)
from .store_reads import StoreReads


class ControllerWrites(StoreReads):
    """The controller's register (Art. 30(1)) written one record at a time."""

    # --- writing -------------------------------------------------------------------------------------------

    def save_organization(self, org: Organization) -> None:
        """Create or update an organisation's identity, contacts and sources (not its activities)."""
        with self._write() as conn:
            self._put_organization(conn, org)

    def _put_organization(self, conn: Connection, org: Organization) -> None:
        found = self._claim(conn, "organization", _ORG, org.id, org.name or org.id)
        before = self._identity(conn, org.id)
        after = dataclasses.replace(org, activities=[], recipients=[], clients=[], processor_activities=[])
        if before == after:
            return
        version = self._written("organization", org.id, found)
        if before is not None:
            position = conn.execute(select(_ORG.c.position).where(_ORG.c.id == org.id)).scalar_one()
            conn.execute(update(_ORG).where(_ORG.c.id == org.id).values({**m.organization_row(org, position),
                                                                         "version": version}))
            conn.execute(delete(_CONTACT).where(_CONTACT.c.organization_id == org.id))
            conn.execute(delete(_SOURCE).where((_SOURCE.c.organization_id == org.id) & _SOURCE.c.activity_id.is_(None)))
        else:
            position = int(conn.execute(select(func.coalesce(func.max(_ORG.c.position) + 1, 0))).scalar_one())
            conn.execute(insert(_ORG).values({**m.organization_row(org, position), "version": version}))
        conn.execute(insert(_CONTACT), m.contact_rows(org))
        if org.sources:
            conn.execute(insert(_SOURCE), m.source_rows(org.sources, org.id, None))
        pr.write_organization_security(conn, org)
        self._audit(conn, "update" if before else "create", "organization", org.id, before, after, org=org.id)

    def save_activity(self, org_id: str, activity: Activity, *, position: int | None = None,
                      touch: bool = True, base: Activity | None = None) -> Activity:
        """Create or replace an activity; ``touch`` stamps ``updated``. Returns what was written.

        ``base``: the activity as the caller holds it from this store's last read (a window's copy, not changed in
        place), which spares a server's first save after a load the reading of it.
        """
        if touch:
            activity.updated = datetime.now(UTC).replace(microsecond=0)
        if position is None and save_in_one_statement(self, org_id, activity, base):  # a server's one-field save
            return activity
        with self._write() as conn:
            self._put_activity(conn, org_id, activity, position)
        return activity

    def _put_activity(self, conn: Connection, org_id: str, activity: Activity, position: int | None) -> None:
        """Write ``activity``; a given ``position`` inserts it there (shifting the rest), else it keeps its place."""
        # One locked read for the version check and the row's place (each statement is a round trip on a server).
        current = conn.execute(select(_ACT.c.version, _ACT.c.position, _ACT.c.organization_id)
                               .where(_ACT.c.id == activity.id).with_for_update()).first()
        found = self._claim(conn, "activity", _ACT, activity.id, " ".join(filter(None, (activity.reference,
                                                                                          activity.name))),
                            locked=(None if current is None else int(current.version),))
        if current is not None and current.organization_id != org_id:
            raise StorageError("not_in_register", what=f"activity {activity.id} in organization {org_id}")
        after = m.snapshot(activity)
        known = self._pictures.get(activity.id)
        if current is None:
            before: dict[str, Any] | None = None
        elif known is not None and known[0] == found:  # as this store read or wrote it at this very version
            before = known[1]
        else:
            before = m.snapshot(self._activity(conn, activity.id))
        if before == after and position is None:
            return
        version = self._written("activity", activity.id, found)
        self._pictures[activity.id] = (version, after)
        if current is not None and before is not None and position is None:
            self._update_activity(conn, org_id, activity, current.position, before, after, version)
            return
        if position is None:
            position = current.position if current is not None else int(conn.execute(
                select(func.coalesce(func.max(_ACT.c.position) + 1, 0)).where(_ACT.c.organization_id == org_id)
            ).scalar_one())
        else:
            conn.execute(update(_ACT).where((_ACT.c.organization_id == org_id) & (_ACT.c.position >= position)
                                            & (_ACT.c.id != activity.id)).values(position=_ACT.c.position + 1))
        self._replace_activity(conn, org_id, activity, position, before)

    def _update_activity(self, conn: Connection, org_id: str, activity: Activity, position: int,
                         before: dict[str, Any], after: dict[str, Any], version: int) -> None:
        """Rewrite an activity in place: its row, and only the sub-lists that changed (a one-field edit is one UPDATE).

        On a server every statement is a round trip: deleting and inserting the activity with all its sub-lists
        cost about twenty of them per save. The line first: on a server each statement after it is covered as it
        is made, and the check at commit (migration 0012) has nothing left to look at.
        """
        self._audit(conn, "update", "activity", activity.id, before, after, org=org_id)
        conn.execute(update(_ACT).where(_ACT.c.id == activity.id)
                     .values({**m.activity_row(activity, org_id, position), "version": version}))
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for (key, table), (sql, rows) in zip(_CHILD_TABLES.items(), _ITEM_INSERTS, strict=True):
                if before.get(key) != after.get(key):
                    cursor.execute(self._raw(f"DELETE FROM {table.name} WHERE activity_id = ?"), (activity.id,))
                    if batch := rows(activity):
                        cursor.executemany(self._raw(sql), batch)
            if before.get("sources") != after.get("sources"):
                cursor.execute(self._raw("DELETE FROM sources WHERE activity_id = ?"), (activity.id,))
                sql, sources = _SOURCE_INSERT
                if batch := sources(activity.sources, org_id, activity.id):
                    cursor.executemany(self._raw(sql), batch)
        finally:
            cursor.close()

    def _replace_activity(self, conn: Connection, org_id: str, activity: Activity, position: int,
                          before: object | None) -> None:
        self._audit(conn, "update" if before else "create", "activity", activity.id, before, activity, org=org_id)
        conn.execute(delete(_ACT).where(_ACT.c.id == activity.id))  # its sub-lists cascade
        self._insert_activities(conn, org_id, [(activity, position)])

    def _insert_activities(self, conn: Connection, org_id: str, items: list[tuple[Activity, int]]) -> None:
        """Insert activities and their sub-lists: one ``executemany`` (a COPY on a server) per table."""
        if not items:
            return
        raw = str  # the cursor takes SQLite's placeholders on a server too
        cursor = pr.bulk_cursor(conn)
        try:
            sql, values = _ACTIVITY_INSERT
            versions = self._versions
            cursor.executemany(raw(sql), [values(a, org_id, position, versions.get(("activity", a.id), 1))
                                          for a, position in items])
            for sql, rows in _ITEM_INSERTS:
                batch = [row for a, _ in items for row in rows(a)]
                if batch:
                    cursor.executemany(raw(sql), batch)
            sql, sources = _SOURCE_INSERT
            batch = [row for a, _ in items if a.sources for row in sources(a.sources, org_id, a.id)]
            if batch:
                cursor.executemany(raw(sql), batch)
        finally:
            cursor.close()

    def delete_activity(self, activity_id: str) -> None:
        with self._write() as conn:
            if self._claim(conn, "activity", _ACT, activity_id, activity_id) is None:
                raise StorageError("not_in_register", what=f"activity {activity_id}")
            before = self._activity(conn, activity_id)
            org_id = conn.execute(select(_ACT.c.organization_id).where(_ACT.c.id == activity_id)).scalar_one()
            conn.execute(delete(_ACT).where(_ACT.c.id == activity_id))
            self._versions.pop(("activity", activity_id), None)
            self._pictures.pop(activity_id, None)
            self._audit(conn, "delete", "activity", activity_id, before, None, org=org_id)

    def activity_position(self, activity_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_ACT.c.position).where(_ACT.c.id == activity_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"activity {activity_id}")
        return int(row.position)

    def save_recipient(self, org_id: str, recipient: Recipient) -> None:
        """Create or update a catalogue recipient: a rename shows in every activity that uses it."""
        with self._write() as conn:
            self._put_recipient(conn, org_id, recipient, None)

    def _put_recipient(self, conn: Connection, org_id: str, recipient: Recipient, position: int | None,
                       known: dict[str, Recipient] | None = None) -> None:
        """``known``: the organisation's recipients as stored (with their statements), to spare reading them."""
        found = self._claim(conn, "recipient", _REC, recipient.id, recipient.name or recipient.id)
        row = conn.execute(select(_REC).where(_REC.c.id == recipient.id)).mappings().first()
        before = self._recipient(conn, row, known)
        if before == recipient and position in (None, row["position"] if row else None):
            return
        # A new place in the list alone is not a change of the recipient: its version moves with its content.
        version = self._written("recipient", recipient.id, found) if before != recipient else found
        if row is not None:
            values = m.recipient_row(recipient, org_id, row["position"] if position is None else position)
            conn.execute(update(_REC).where(_REC.c.id == recipient.id).values({**values, "version": version}))
        else:
            if position is None:
                position = int(conn.execute(select(func.coalesce(func.max(_REC.c.position) + 1, 0))
                                            .where(_REC.c.organization_id == org_id)).scalar_one())
            conn.execute(insert(_REC).values({**m.recipient_row(recipient, org_id, position), "version": version}))
        if before is None or (before.sub_processors, before.transfers) != (recipient.sub_processors,
                                                                           recipient.transfers):
            pr.write_statement(conn, recipient)
        self._audit(conn, "update" if before else "create", "recipient", recipient.id, before, recipient, org=org_id)

    def delete_recipient(self, recipient_id: str) -> None:
        """Delete an unused recipient; RecipientInUseError names the activities still using it."""
        usage = self.recipient_usage(recipient_id)
        with self._write() as conn:
            row = conn.execute(select(_REC).where(_REC.c.id == recipient_id)).mappings().first()
            if row is None:
                raise StorageError("not_in_register", what=f"recipient {recipient_id}")
            if usage:
                raise RecipientInUseError(row["name"], [f"{ref} {name}".strip() for ref, name in usage])
            self._claim(conn, "recipient", _REC, recipient_id, row["name"] or recipient_id)
            before = self._recipient(conn, row)
            conn.execute(delete(_REC).where(_REC.c.id == recipient_id))
            self._versions.pop(("recipient", recipient_id), None)
            self._audit(conn, "delete", "recipient", recipient_id, before, None, org=row["organization_id"])

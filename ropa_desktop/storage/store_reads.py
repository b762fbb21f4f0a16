"""Reading a register (whole, one organisation, one activity) and claiming the versions a save starts from."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from ..domain.model import Activity, Organization, Recipient, Register
from . import mapping as m
from . import processor_rows as pr
from .errors import AccessWithdrawnError, StaleWriteError, StorageError
from .store_base import (
    _ACT,
    _ACTIVITY_BUILD,
    _ACTIVITY_COLUMNS,
    _AUDIT,
    _CHILD_TABLES,
    _CLIENT,
    _CONTACT,
    _LINK,
    _ORG,
    _PACT,
    _REC,
    _SOURCE,
    _VERSIONED_ENTITIES,
    AuditEntry,
    StoreBase,
)

_TABLES = dict(_VERSIONED_ENTITIES)
# Where an activity row (organisation id, version, then its columns) holds its reference and its name.
_REFERENCE, _NAME = (2 + _ACTIVITY_COLUMNS.index(column) for column in ("reference", "name"))
_ITEM_LOADERS = {key: m.raw_items_loader(key) for key in _CHILD_TABLES}


class StoreReads(StoreBase):
    """The reads, and the version checks every write makes before it changes a row."""

    # --- reading -------------------------------------------------------------------------------------------

    def load(self) -> Register:
        """The whole register, with bulk queries (fast enough for 10,000 activities)."""
        with self._read() as conn:
            return Register(self._load_organizations(conn, None, remember=True))

    def load_part(self, low: str | None, high: str | None, *, others: bool) -> tuple[Register, int]:
        """The register with only the activities whose id is in [``low``, ``high``) filled (None: no bound).

        The other activities are left out, or with ``others`` kept with their own fields only (empty sub-lists,
        no sources). For two processes checking a large register in halves; with the register's latest audit
        row id, read in the same transaction: two parts with the same one were read from the same register.
        """
        with self._read() as conn:
            register = Register(self._load_organizations(conn, None, part=(low, high, others)))
            mark = conn.execute(select(func.max(_AUDIT.c.id))).scalar()
        return register, int(mark or 0)

    def split_id(self, share: float) -> str | None:
        """The activity id after which ``share`` of the activities' ids come (None: no activity)."""
        with self._read() as conn:
            total = int(conn.execute(select(func.count()).select_from(_ACT)).scalar_one())
            if not total:
                return None
            offset = min(total - 1, int(total * (1 - share)))
            return str(conn.execute(select(_ACT.c.id).order_by(_ACT.c.id).offset(offset).limit(1)).scalar_one())

    def version(self, entity: str, entity_id: str) -> int | None:
        """A versioned row's version (organisation, activity, recipient, client, processing) as last read or written."""
        return self._versions.get((entity, entity_id))

    def record_versions(self) -> dict[str, int]:
        """Every versioned row's version as last read or written, by id (ids are unique across the kinds)."""
        return {entity_id: version for (_, entity_id), version in self._versions.items()}

    def list_organizations(self) -> list[tuple[str, str]]:
        with self._read() as conn:
            return [(r.id, r.name) for r in conn.execute(select(_ORG.c.id, _ORG.c.name).order_by(_ORG.c.position))]

    def load_organization(self, org_id: str) -> Organization:
        with self._read() as conn:
            orgs = self._load_organizations(conn, org_id, remember=True)
        if not orgs:
            raise StorageError("not_in_register", what=f"organization {org_id}")
        return orgs[0]

    def load_activity(self, activity_id: str) -> Activity:
        with self._read() as conn:
            activity, version = self._activity_at(conn, activity_id)
            self._versions[("activity", activity_id)] = version
            self._pictures[activity_id] = (version, m.snapshot(activity))
            return activity

    def count_activities(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(_ACT)).scalar_one())

    def audit_log(self, entity_id: str | None = None) -> list[AuditEntry]:
        query = select(_AUDIT).order_by(_AUDIT.c.id)
        if entity_id is not None:
            query = query.where(_AUDIT.c.entity_id == entity_id)
        with self._read() as conn:
            return [AuditEntry(r.at, r.user, r.action, r.entity, r.entity_id,
                               json.loads(r.before) if r.before else None,
                               json.loads(r.after) if r.after else None, r.display_name, r.organization_id)
                    for r in conn.execute(query)]

    def _load_organizations(self, conn: Connection, org_id: str | None, *, remember: bool = False,
                            part: tuple[str | None, str | None, bool] | None = None) -> list[Organization]:
        """Organisations with everything they hold; ``remember`` records the versions read (a load for editing).

        ``part``: (low, high, others) as ``load_part`` takes them.
        """
        def where(query: Any, column: Any) -> Any:
            return query if org_id is None else query.where(column == org_id)

        contacts: dict[str, dict[str, Any]] = defaultdict(dict)
        for row in conn.execute(where(select(_CONTACT), _CONTACT.c.organization_id)).mappings():
            contacts[row["organization_id"]][row["kind"]] = row
        versions: dict[tuple[str, str], int] = {}
        orgs = {}
        for row in conn.execute(where(select(_ORG), _ORG.c.id).order_by(_ORG.c.position)).mappings():
            orgs[row["id"]] = m.organization_from(row, contacts[row["id"]])
            versions["organization", row["id"]] = row["version"]
        recipients: dict[str, Recipient] = {}
        for row in conn.execute(where(select(_REC), _REC.c.organization_id).order_by(_REC.c.position)).mappings():
            recipient = recipients[row["id"]] = m.recipient_from(row)
            orgs[row["organization_id"]].recipients.append(recipient)
            versions["recipient", row["id"]] = row["version"]
        pr.load_statements(conn, recipients, org_id)
        pr.load_processor_side(conn, orgs, org_id)
        activities = self._load_activities(conn, orgs, org_id, versions, part)
        if remember:
            for entity, table in (("client", _CLIENT), ("processor_activity", _PACT)):
                for held in conn.execute(where(select(table.c.id, table.c.version), table.c.organization_id)):
                    versions[entity, held.id] = int(held.version)
            self._versions.update(versions)
        self._load_items(conn, activities, org_id, part=part)
        low, high = (None, None) if part is None else part[:2]
        query = where(select(_SOURCE), _SOURCE.c.organization_id).order_by(_SOURCE.c.position)
        for row in conn.execute(query).mappings():
            held = row["activity_id"]
            if held and ((low is not None and held < low) or (high is not None and held >= high)):
                continue  # an activity outside the part: left without its sub-lists
            owner = activities[held] if held else orgs[row["organization_id"]]
            owner.sources.append(m.source_from(row))
        return list(orgs.values())

    def _load_activities(self, conn: Connection, orgs: dict[str, Organization], org_id: str | None,
                         versions: dict[tuple[str, str], int],
                         part: tuple[str | None, str | None, bool] | None = None) -> dict[str, Activity]:
        """The activities' own rows, on the DBAPI cursor like their sub-lists (SQLAlchemy's rows cost twice that).

        ``part`` (low, high, others): only those whose id is in [low, high), or with ``others`` the others too,
        with their id, reference and name only (another process reads and checks them whole).
        """
        sql = f"SELECT organization_id, version, {', '.join(_ACTIVITY_COLUMNS)} FROM activities"
        params: tuple[str, ...] = ()
        if org_id is not None:
            sql, params = f"{sql} WHERE organization_id = ?", (org_id,)
        low, high, others = part if part is not None else (None, None, False)
        if not others:
            bounds = _bounds("id", low, high)
            if bounds[0]:
                sql = f"{sql} {'AND' if params else 'WHERE'} {bounds[0]}"
                params += bounds[1]
        activities: dict[str, Activity] = {}
        build = _ACTIVITY_BUILD
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for row in cursor.execute(self._raw(f"{sql} ORDER BY position"), params):
                if others and ((low is not None and row[2] < low) or (high is not None and row[2] >= high)):
                    activity = Activity(id=row[2], reference=row[_REFERENCE], name=row[_NAME])  # named, no more
                else:
                    activity = build(row[2:])
                activities[activity.id] = activity
                orgs[row[0]].activities.append(activity)
                versions["activity", activity.id] = row[1]
        finally:
            cursor.close()
        return activities

    def _load_items(self, conn: Connection, activities: dict[str, Activity], org_id: str | None = None,
                    activity_id: str | None = None,
                    part: tuple[str | None, str | None, bool] | None = None) -> None:
        """Fill the sub-lists of all activities, one organisation's, or one activity's.

        Plain DBAPI rows on the same connection (same transaction), one query per table ordered by owner, built
        straight into dataclasses by code generated from the field table (``mapping.raw_items_loader``):
        SQLAlchemy's result layer costs a third of the load time on 150,000 rows. Names come from our own schema.
        """
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for key, table in _CHILD_TABLES.items():
                columns = ", ".join(m.item_columns(key))
                sql = f"SELECT activity_id, {columns} FROM {table.name}"
                params: tuple[str, ...] = ()
                if activity_id is not None:
                    sql += " WHERE activity_id = ?"
                    params = (activity_id,)
                elif org_id is not None:
                    sql += " WHERE activity_id IN (SELECT id FROM activities WHERE organization_id = ?)"
                    params = (org_id,)
                elif part is not None and (part[0] is not None or part[1] is not None):
                    condition, params = _bounds("activity_id", part[0], part[1])
                    sql += f" WHERE {condition}"
                _ITEM_LOADERS[key](cursor.execute(self._raw(f"{sql} ORDER BY activity_id, position"), params),
                                   activities)
        finally:
            cursor.close()

    def _activity(self, conn: Connection, activity_id: str) -> Activity:
        return self._activity_at(conn, activity_id)[0]

    def _activity_at(self, conn: Connection, activity_id: str) -> tuple[Activity, int]:
        """An activity with its sub-lists, and its version (read with its row)."""
        row = conn.execute(select(_ACT).where(_ACT.c.id == activity_id)).mappings().first()
        if row is None:
            raise StorageError("not_in_register", what=f"activity {activity_id}")
        activity = m.activity_from(row)
        self._load_items(conn, {activity_id: activity}, activity_id=activity_id)
        query = select(_SOURCE).where(_SOURCE.c.activity_id == activity_id).order_by(_SOURCE.c.position)
        activity.sources = [m.source_from(r) for r in conn.execute(query).mappings()]
        return activity, int(row["version"])

    def _identity(self, conn: Connection, org_id: str) -> Organization | None:
        """An organisation's own fields, contacts and sources, without its activities or recipients.

        What ``save_organization`` writes; reading the whole organisation here cost a second on 10,000 activities.
        """
        row = conn.execute(select(_ORG).where(_ORG.c.id == org_id)).mappings().first()
        if row is None:
            return None
        contacts = {c["kind"]: c for c in conn.execute(select(_CONTACT).where(_CONTACT.c.organization_id == org_id))
                    .mappings()}
        org = m.organization_from(row, contacts)
        query = (select(_SOURCE).where((_SOURCE.c.organization_id == org_id) & _SOURCE.c.activity_id.is_(None))
                 .order_by(_SOURCE.c.position))
        org.sources = [m.source_from(r) for r in conn.execute(query).mappings()]
        org.security_measures = pr.load_organization_security(conn, org_id)
        return org

    @staticmethod
    def _recipient(conn: Connection, row: Any, known: dict[str, Recipient] | None = None) -> Recipient | None:
        """The stored recipient of ``row`` (None for none) with its statement's sub-lists."""
        if row is None:
            return None
        if known is not None and row["id"] in known:
            return known[row["id"]]
        recipient = m.recipient_from(row)
        pr.load_statements(conn, {recipient.id: recipient}, recipient_id=recipient.id)
        return recipient

    def recipient_usage(self, recipient_id: str) -> list[tuple[str, str]]:
        """(reference, name) of the activities that use a recipient."""
        query = (select(_ACT.c.reference, _ACT.c.name).join(_LINK, _LINK.c.activity_id == _ACT.c.id)
                 .where(_LINK.c.recipient_id == recipient_id).distinct().order_by(_ACT.c.position))
        with self._read() as conn:
            return [(r.reference, r.name) for r in conn.execute(query)]

    # --- versions ------------------------------------------------------------------------------------------

    @staticmethod
    def _current_version(conn: Connection, table: Table, entity_id: str, *, lock: bool = False) -> int | None:
        query = select(table.c.version).where(table.c.id == entity_id)
        # On the server the row stays locked until the commit: two saves of it are checked one after the other.
        row = conn.execute(query.with_for_update() if lock else query).first()
        return None if row is None else int(row.version)

    def _claim(self, conn: Connection, entity: str, table: Table, entity_id: str, what: str, *,
               locked: tuple[int | None] | None = None) -> int | None:
        """Check that the row is still at the version this store read; its current version (None: no such row).

        A row this store never read, or that changed or vanished since, is a conflict: StaleWriteError with what
        the register holds now. ``locked``: the version the caller already read with the row locked.
        """
        found = locked[0] if locked is not None else self._current_version(conn, table, entity_id, lock=True)
        expected = self._versions.get((entity, entity_id))
        if found == expected or (found is None and expected is None):
            return found
        if found is None and expected is not None and self._hidden(conn, table.name, entity_id):
            raise AccessWithdrawnError(entity, entity_id, what, self._user or "")
        current: object | None = None
        if found is not None:
            if entity == "activity":
                current = self._activity(conn, entity_id)
            elif entity == "organization":
                current = self._identity(conn, entity_id)
            elif entity in ("client", "processor_activity"):
                loaded = (pr.load_client if entity == "client" else pr.load_processor_activity)(conn, entity_id)
                current = loaded[1] if loaded is not None else None
            else:
                row = conn.execute(select(_REC).where(_REC.c.id == entity_id)).mappings().first()
                current = m.recipient_from(row) if row is not None else None
        raise StaleWriteError(entity, entity_id, what, expected, found, current)

    def access_withdrawn(self, entity: str, entity_id: str) -> bool:
        """Whether a versioned row (``organization``, ``activity``...) exists but this role may no longer see it.

        On a team register under row-level security, once the administrator withdraws an organisation; always
        False for a file.
        """
        table = _TABLES.get(entity)
        if self.server is None or table is None:
            return False
        with self._read() as conn:
            return self._hidden(conn, table, entity_id)

    def _hidden(self, conn: Connection, table: str, entity_id: str) -> bool:
        if self.server is None:
            return False
        visible = conn.execute(text(f"SELECT EXISTS (SELECT FROM {table} WHERE id = :id)"), {"id": entity_id})
        if visible.scalar_one():
            return False
        return bool(conn.execute(text("SELECT ropa_row_hidden(:table, :id)"),
                                 {"table": table, "id": entity_id}).scalar_one())

    def _written(self, entity: str, entity_id: str, found: int | None) -> int:
        """The version a write gives a row that was at ``found`` (None: a new row), remembered as this store's."""
        version = 1 if found is None else found + 1
        self._versions[(entity, entity_id)] = version
        return version


def _bounds(column: str, low: str | None, high: str | None) -> tuple[str, tuple[str, ...]]:
    """A condition keeping ``column`` in [low, high) (None: no bound), with its parameters; "" for none."""
    terms, params = [], []
    if low is not None:
        terms.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        terms.append(f"{column} < ?")
        params.append(high)
    return " AND ".join(terms), tuple(params)

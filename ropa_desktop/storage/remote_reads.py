"""What a team register's window reads when someone else wrote: one row's entity, every row's version, visibility."""

from __future__ import annotations

from sqlalchemy import func, select

from ..domain.model import Organization, Recipient
from .store_base import _ACT, _AUDIT, _CLIENT, _ORG, _PACT, _REC
from .store_reads import StoreReads

# The versioned tables, by the entity name their notifications and the store's versions use.
VERSIONED = {"organization": _ORG, "activity": _ACT, "recipient": _REC, "client": _CLIENT,
             "processor_activity": _PACT}


def versions_now(store: StoreReads) -> dict[tuple[str, str], int]:
    """Every versioned row the role can see, with its version now (one query per table, ids only)."""
    found: dict[tuple[str, str], int] = {}
    with store._read() as conn:
        for entity, table in VERSIONED.items():
            for row in conn.execute(select(table.c.id, table.c.version)):
                found[entity, row.id] = int(row.version)
    return found


def latest_change(store: StoreReads, entity: str, entity_id: str) -> tuple[int, str, str]:
    """(version now, 0 when gone; the role the server stamped on its newest audit line; that line's display name).

    What a window says of a notification comes from here, never from the notification's payload (anyone who may
    write can NOTIFY on the channel with any words).
    """
    table = VERSIONED.get(entity)
    if table is None:
        return 0, "", ""
    with store._read() as conn:
        version = conn.execute(select(table.c.version).where(table.c.id == entity_id)).scalar()
        line = conn.execute(select(_AUDIT.c.user, _AUDIT.c.display_name).where(
            (_AUDIT.c.entity == entity) & (_AUDIT.c.entity_id == entity_id))
            .order_by(_AUDIT.c.id.desc()).limit(1)).first()
    return int(version or 0), str(line.user or "") if line else "", str(line.display_name or "") if line else ""


def known_versions(store: StoreReads) -> dict[tuple[str, str], int]:
    """The versions this store last read or wrote (what the window holds)."""
    return dict(store._versions)


def load_identity(store: StoreReads, org_id: str) -> Organization | None:
    """An organisation's own fields, contacts, sources and security (not its activities); None when gone."""
    with store._read() as conn:
        version = store._current_version(conn, _ORG, org_id)
        org = store._identity(conn, org_id)
    if org is None or version is None:
        store._versions.pop(("organization", org_id), None)
        return None
    store._versions["organization", org_id] = version
    return org


def load_recipient(store: StoreReads, recipient_id: str) -> tuple[str, Recipient] | None:
    """(organisation id, recipient) as the register holds it now; None when gone."""
    with store._read() as conn:
        row = conn.execute(select(_REC).where(_REC.c.id == recipient_id)).mappings().first()
        recipient = store._recipient(conn, row)
    if row is None or recipient is None:
        store._versions.pop(("recipient", recipient_id), None)
        return None
    store._versions["recipient", recipient_id] = int(row["version"])
    return str(row["organization_id"]), recipient


def activity_place(store: StoreReads, activity_id: str) -> tuple[str, int] | None:
    """(organisation id, position among its activities) of an activity; None when the role cannot see it."""
    with store._read() as conn:
        row = conn.execute(select(_ACT.c.organization_id, _ACT.c.position).where(_ACT.c.id == activity_id)).first()
        if row is None:
            return None
        before = conn.execute(select(func.count()).select_from(_ACT).where(
            (_ACT.c.organization_id == row.organization_id) & (_ACT.c.position < row.position))).scalar_one()
    return str(row.organization_id), int(before)


def organization_visible(store: StoreReads, org_id: str) -> bool:
    """Whether the role still sees the organisation (row-level security may have withdrawn it)."""
    with store._read() as conn:
        return conn.execute(select(_ORG.c.id).where(_ORG.c.id == org_id)).first() is not None



def sees_no_organization(store: StoreReads) -> bool:
    """A team register under row-level security where this role sees no organisation (none entrusted to it)."""
    if store.server is None:
        return False
    with store._read() as conn:
        if conn.execute(select(_ORG.c.id).limit(1)).first() is not None:
            return False
        return bool(conn.execute(select(func.row_security_active("organizations"))).scalar())

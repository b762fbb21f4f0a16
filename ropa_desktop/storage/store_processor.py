"""Saving and deleting the processor's clients and processing (Art. 30(2)), one audited transaction each."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, select, update

from ..domain.model import Client, ProcessorActivity
from . import mapping as m
from . import processor_rows as pr
from .errors import ClientInUseError, StorageError
from .pg_save import remember_picture, save_record_in_one_statement
from .schema import (
    CLIENT_CONTACTS,
)
from .store_base import (
    _CLIENT,
    _PACT,
)
from .store_writes import ControllerWrites


class ProcessorWrites(ControllerWrites):
    """The processor's register written one record at a time."""

    # --- the processor's register (Art. 30(2)) ----------------------------------------------------------------

    def load_client(self, client_id: str) -> Client:
        with self._read() as conn:
            found = pr.load_client(conn, client_id)
            self._versions[("client", client_id)] = self._current_version(conn, _CLIENT, client_id) or 1
        if found is None:
            raise StorageError("not_in_register", what=f"client {client_id}")
        return found[1]

    def save_client(self, org_id: str, client: Client, *, position: int | None = None,
                    base: Client | None = None) -> None:
        """Create or update a client of the organisation: a rename shows in every processing linked to it.

        A given ``position`` puts it there (shifting the rest); else an existing client keeps its place and a new
        one goes last. ``base``: as for ``save_activity``.
        """
        if position is None and save_record_in_one_statement(self, "client", _CLIENT, org_id, client, base):
            return  # a server's one-field save
        with self._write() as conn:
            self._put_client(conn, org_id, client, position, shift=True)
        remember_picture(self, "client", client)

    def _put_client(self, conn: Connection, org_id: str, client: Client, position: int | None, *,
                    shift: bool = False) -> None:
        current = conn.execute(select(_CLIENT.c.position, _CLIENT.c.organization_id)
                               .where(_CLIENT.c.id == client.id)).first()
        if current is not None and current.organization_id != org_id:
            raise StorageError("not_in_register", what=f"client {client.id} in organization {org_id}")
        found = pr.load_client(conn, client.id) if current is not None else None
        before = found[1] if found is not None else None
        if before == client and position in (None, current.position if current else None):
            return
        # A new place alone is not a change of the client: its version moves with its content.
        claimed = self._claim(conn, "client", _CLIENT, client.id, client.name or client.id)
        version = self._written("client", client.id, claimed) if before != client else claimed
        if position is None:
            position = current.position if current is not None else int(conn.execute(
                select(func.coalesce(func.max(_CLIENT.c.position) + 1, 0)).where(_CLIENT.c.organization_id == org_id)
            ).scalar_one())
        elif shift:
            conn.execute(update(_CLIENT).where((_CLIENT.c.organization_id == org_id) & (_CLIENT.c.position >= position)
                                               & (_CLIENT.c.id != client.id)).values(position=_CLIENT.c.position + 1))
        if current is not None:
            # Updated in place: deleting the row would break (RESTRICT) the links of the processings using it.
            values = dict(zip(m.flat_names(Client), m.flat_values(client), strict=True))
            conn.execute(update(_CLIENT).where(_CLIENT.c.id == client.id).values(**values, position=position,
                                                                                  version=version))
            conn.execute(delete(CLIENT_CONTACTS).where(CLIENT_CONTACTS.c.client_id == client.id))
            pr.insert_client_contacts(conn, [client])
        else:
            pr.insert_clients(conn, org_id, [(client, position)])
        self._audit(conn, "update" if before else "create", "client", client.id, before, client, org=org_id)

    def client_position(self, client_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_CLIENT.c.position).where(_CLIENT.c.id == client_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"client {client_id}")
        return int(row.position)

    def client_usage(self, client_id: str) -> list[tuple[str, str]]:
        """(reference, name) of the processor activities carried out for a client."""
        with self._read() as conn:
            return pr.client_usage(conn, client_id)

    def delete_client(self, client_id: str) -> None:
        """Delete a client no processing is linked to; ClientInUseError names the processings still linked."""
        with self._write() as conn:
            found = pr.load_client(conn, client_id)
            if found is None:
                raise StorageError("not_in_register", what=f"client {client_id}")
            self._claim(conn, "client", _CLIENT, client_id, found[1].name or client_id)
            usage = pr.client_usage(conn, client_id)
            if usage:
                raise ClientInUseError(found[1].name, [f"{ref} {name}".strip() for ref, name in usage])
            conn.execute(delete(_CLIENT).where(_CLIENT.c.id == client_id))  # its contacts cascade
            self._versions.pop(("client", client_id), None)
            self._audit(conn, "delete", "client", client_id, found[1], None, org=found[0])

    def load_processor_activity(self, activity_id: str) -> ProcessorActivity:
        with self._read() as conn:
            found = pr.load_processor_activity(conn, activity_id)
            self._versions[("processor_activity", activity_id)] = self._current_version(conn, _PACT, activity_id) or 1
        if found is None:
            raise StorageError("not_in_register", what=f"processor activity {activity_id}")
        return found[1]

    def save_processor_activity(self, org_id: str, activity: ProcessorActivity, *, position: int | None = None,
                                touch: bool = True, base: ProcessorActivity | None = None) -> ProcessorActivity:
        """Create or replace a processing carried out for clients; ``touch`` stamps ``updated``.

        A given ``position`` inserts it there (shifting the rest), else it keeps its place (a new one goes last).
        ``base``: as for ``save_activity``.
        """
        if touch:
            activity.updated = datetime.now(UTC).replace(microsecond=0)
        if position is None and save_record_in_one_statement(self, "processor_activity", _PACT, org_id, activity,
                                                                base):
            return activity  # a server's one-field save
        with self._write() as conn:
            current = conn.execute(select(_PACT.c.position, _PACT.c.organization_id)
                                   .where(_PACT.c.id == activity.id)).first()
            if current is not None and current.organization_id != org_id:
                raise StorageError("not_in_register", what=f"processor activity {activity.id} in organization {org_id}")
            claimed = self._claim(conn, "processor_activity", _PACT, activity.id,
                                  " ".join(filter(None, (activity.reference, activity.name))))
            found = pr.load_processor_activity(conn, activity.id) if current is not None else None
            before = found[1] if found is not None else None
            if before == activity and position is None:
                return activity
            self._written("processor_activity", activity.id, claimed)
            if position is None:
                position = current.position if current is not None else int(conn.execute(
                    select(func.coalesce(func.max(_PACT.c.position) + 1, 0)).where(_PACT.c.organization_id == org_id)
                ).scalar_one())
            else:
                conn.execute(update(_PACT).where((_PACT.c.organization_id == org_id) & (_PACT.c.position >= position)
                                                 & (_PACT.c.id != activity.id)).values(position=_PACT.c.position + 1))
            conn.execute(delete(_PACT).where(_PACT.c.id == activity.id))  # its sub-lists cascade
            pr.insert_processor_activities(conn, org_id, [(activity, position)])
            if claimed is not None:  # rewritten whole: its version goes on from the one it had
                conn.execute(update(_PACT).where(_PACT.c.id == activity.id).values(version=claimed + 1))
            self._audit(conn, "update" if before else "create", "processor_activity", activity.id, before, activity,
                        org=org_id)
        remember_picture(self, "processor_activity", activity)
        return activity

    def delete_processor_activity(self, activity_id: str) -> None:
        with self._write() as conn:
            found = pr.load_processor_activity(conn, activity_id)
            if found is None:
                raise StorageError("not_in_register", what=f"processor activity {activity_id}")
            self._claim(conn, "processor_activity", _PACT, activity_id, found[1].reference or activity_id)
            conn.execute(delete(_PACT).where(_PACT.c.id == activity_id))
            self._versions.pop(("processor_activity", activity_id), None)
            self._audit(conn, "delete", "processor_activity", activity_id, found[1], None, org=found[0])

    def processor_activity_position(self, activity_id: str) -> int:
        with self._read() as conn:
            row = conn.execute(select(_PACT.c.position).where(_PACT.c.id == activity_id)).first()
        if row is None:
            raise StorageError("not_in_register", what=f"processor activity {activity_id}")
        return int(row.position)


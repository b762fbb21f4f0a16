"""Hearing of other clients' committed writes on a team register (PostgreSQL LISTEN/NOTIFY), without blocking."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any

from .errors import ServerReason, StorageError
from .server import ServerLocation, connect_direct, known_reason, server_error

CHANNEL = "ropa_changes"  # what migration 0007's trigger notifies on


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """One committed write: ``entity`` is organization, activity or recipient; ``version`` 0 means deleted."""

    entity: str
    entity_id: str
    version: int
    role: str


class ChangeListener:
    """A dedicated connection that LISTENs; ``poll()`` reads what arrived without waiting (for a socket notifier)."""

    def __init__(self, location: ServerLocation) -> None:
        self.location = location
        self._conn: Any = connect_direct(location)
        try:
            self._conn.execute(f"LISTEN {CHANNEL}".encode())
        except Exception as exc:
            self._conn.close()
            raise server_error(exc, location.shown) from None

    def fileno(self) -> int:
        """The socket to watch: readable when a notification (or the server closing it) arrives."""
        return int(self._conn.pgconn.socket)

    def poll(self) -> list[ChangeNotice]:
        """What arrived since the last call, each write once; StorageError ``server_unreachable`` when lost."""
        pgconn = self._conn.pgconn
        try:
            pgconn.consume_input()
        except Exception as exc:
            raise StorageError("server_unreachable", path=self.location.shown,
                               reason=known_reason(str(exc)) or str(exc)[:300]) from None
        if pgconn.status != 0:  # CONNECTION_OK
            raise StorageError("server_unreachable", path=self.location.shown, reason=ServerReason("closed"))
        notices: dict[ChangeNotice, None] = {}
        while (raw := pgconn.notifies()) is not None:
            notice = _parse(raw.extra)
            if notice is not None:
                notices[notice] = None
        return list(notices)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()


def _parse(payload: bytes) -> ChangeNotice | None:
    """A notification's payload; one that is not ours (another program NOTIFYing on the channel) is ignored."""
    try:
        data = json.loads(payload)
        return ChangeNotice(str(data["entity"]), str(data["id"]), int(data["version"]), str(data["role"]))
    except (ValueError, KeyError, TypeError):
        return None

"""The roles SQL run while something holds a table's lock: it waits, never deadlocks (a fixture flake's cause)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.roles import ADMINISTRATOR, EDITOR, READER, roles_sql
from ropa_desktop.storage.schema import Base
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def seeded(pg_url: str, postgres_server: PostgresServer) -> Iterator[str]:
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
    try:
        yield pg_url
    finally:
        with postgres_server.connect(pg_url) as con:  # (none, had the script failed: it is one transaction)
            for (role,) in con.execute(b"SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)",
                                       ([READER, EDITOR, ADMINISTRATOR],)).fetchall():
                con.execute(f"DROP OWNED BY {role}".encode())
                con.execute(f"DROP ROLE {role}".encode())


def test_the_row_security_sql_waits_for_a_vacuum_instead_of_deadlocking(seeded: str,
                                                                       postgres_server: PostgresServer) -> None:
    """Autovacuum's part, played by a session: it holds a table's lock, then touches the table's pg_class row.

    The script used to GRANT first (rewriting that row), then wait for the table: each waited for the other, and the
    server broke the cycle by failing the script (SQLSTATE 40P01).
    """
    failures: list[BaseException] = []
    vacuum, admin, watcher = (postgres_server.connect(seeded) for _ in range(3))
    try:
        vacuum.execute(b"BEGIN")
        vacuum.execute(b"LOCK TABLE activities IN SHARE UPDATE EXCLUSIVE MODE")  # what a vacuum holds

        def run_script() -> None:
            try:
                admin.execute(roles_sql(row_security=True).encode())
            except BaseException as exc:  # (reported by the test below)
                failures.append(exc)

        script = threading.Thread(target=run_script)
        script.start()
        deadline = time.monotonic() + 10
        while not watcher.execute(b"SELECT EXISTS (SELECT FROM pg_locks WHERE pid = %s AND NOT granted)",
                                  (admin.info.backend_pid,)).fetchone()[0]:
            assert time.monotonic() < deadline, "the script never waited for the table"
            time.sleep(0.05)
        # The vacuum's end: its table's row in pg_class, updated in place (here locked, which waits the same way).
        vacuum.execute(b"SELECT FROM pg_class WHERE oid = 'activities'::regclass FOR UPDATE")
        vacuum.execute(b"COMMIT")
        script.join(timeout=30)
        assert not script.is_alive()
        assert failures == []
        policies = watcher.execute(b"SELECT count(*) FROM pg_policies WHERE policyname = 'ropa_organization'")
        assert policies.fetchone()[0] == len(Base.metadata.tables)  # the whole script ran
    finally:
        for con in (vacuum, admin, watcher):
            con.close()

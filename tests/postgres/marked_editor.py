"""What the forged-mark tests start from: the seeded register and an editor's psql session that set the app's mark."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.roles import roles_sql
from tests.postgres.pg_server import PostgresServer


@contextlib.contextmanager
def marked_editor(pg_url: str, postgres_server: PostgresServer, login: str
                  ) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """An autocommit session of the editor ``login`` with ``ropa.app = 'on'``; the roles are dropped after."""
    everyone = f"{login}, ropa_reader, ropa_editor, ropa_administrator"
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
    with postgres_server.connect(pg_url) as con:
        con.execute(roles_sql(row_security=False).encode())
        con.execute(f"CREATE ROLE {login} LOGIN IN ROLE ropa_editor".encode())
    database = pg_url.split("@/", 1)[1].split("?", 1)[0]
    try:
        with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user=login,
                             autocommit=True) as con:
            con.execute(b"SET ropa.app = 'on'")
            yield con
    finally:
        with postgres_server.connect(pg_url) as con:
            con.execute(f"DROP OWNED BY {everyone}".encode())
            con.execute(f"DROP ROLE {everyone}".encode())

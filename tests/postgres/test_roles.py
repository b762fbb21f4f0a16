"""The roles SQL (`server-setup --print-sql`), run on the real server: who may read, edit, and see what."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.roles import roles_sql
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

_LOGINS = {"reader_1": "ropa_reader", "editor_1": "ropa_editor", "correspondent_1": "ropa_editor"}
_ROLES = ("ropa_reader", "ropa_editor", "ropa_administrator")


@pytest.fixture
def team(pg_url: str, postgres_server: PostgresServer) -> Iterator[str]:
    """A seeded register with the roles SQL (row security on) run, and one login per role."""
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
        first, second = (o.id for o in store.load().organizations)
    with postgres_server.connect(pg_url) as con:
        con.execute(roles_sql(row_security=True).encode())
        for login, role in _LOGINS.items():
            con.execute(f"CREATE ROLE {login} LOGIN IN ROLE {role}".encode())
        con.execute("INSERT INTO ropa_access VALUES ('correspondent_1', %s), ('reader_1', %s), ('editor_1', %s)",
                    (second, first, first))
    try:
        yield pg_url
    finally:
        with postgres_server.connect(pg_url) as con:
            everyone = ", ".join((*_LOGINS, *_ROLES))
            con.execute(f"DROP OWNED BY {everyone}".encode())
            con.execute(f"DROP ROLE {everyone}".encode())


def _as(url: str, login: str) -> str:
    return url.replace("postgres@", f"{login}@")


def test_a_reader_reads_but_cannot_write(team: str) -> None:
    with RegisterStore.open(_as(team, "reader_1")) as store:
        register = store.load()
        assert len(register.organizations) == 1  # with row security on, a role sees only what ropa_access lists
        org = register.organizations[0]
        activity = copy.deepcopy(org.activities[0])
        activity.notes = "a reader's edit"
        with pytest.raises(StorageError) as refused:
            store.save_activity(org.id, activity)
        assert refused.value.code == "permission_denied"
        assert "does not allow" in refused.value.message("en")


def test_an_editor_edits_but_cannot_rewrite_history(team: str, postgres_server: PostgresServer) -> None:
    with RegisterStore.open(_as(team, "editor_1")) as store:
        register = store.load()
        org = register.organizations[0]
        activity = org.activities[0]
        activity.notes = "an editor's edit"
        store.save_activity(org.id, activity)
        assert store.audit_log(activity.id)[-1].user == "editor_1"
    database = team.split("@/", 1)[1].split("?", 1)[0]
    with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user="editor_1",
                         autocommit=True) as con:
        for statement in ("UPDATE audit_log SET \"user\" = 'someone'", "DELETE FROM audit_log",
                          "TRUNCATE audit_log", "UPDATE alembic_version SET version_num = '0001'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement.encode())


def test_row_security_shows_a_correspondent_only_its_organisation(team: str) -> None:
    with RegisterStore.open(team, read_only=True) as owner:
        everything = owner.load()
    with RegisterStore.open(_as(team, "correspondent_1")) as store:
        mine = store.load()
        assert [o.id for o in mine.organizations] == [everything.organizations[1].id]
        assert mine.organizations[0] == everything.organizations[1]  # whole, with its activities and recipients
        activity = mine.organizations[0].activities[0]
        activity.notes = "the subsidiary's edit"
        store.save_activity(mine.organizations[0].id, activity)
        # The other organisation is invisible, so it cannot be written either.
        foreign = copy.deepcopy(everything.organizations[0])
        foreign.notes = "not mine"
        with pytest.raises(StorageError):
            store.save_organization(foreign)
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load().organizations[0] == everything.organizations[0]


def test_the_command_prints_this_sql(tmp_path: Path) -> None:
    from tests.cli_helpers import cli

    result = cli("server-setup", "--print-sql", "--row-security", home=tmp_path)
    assert result.returncode == 0 and result.stdout == roles_sql(row_security=True)

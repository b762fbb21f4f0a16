"""The roles SQL (`server-setup --print-sql`), run on the real server: who may read, edit, and see what."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from ropa_desktop.domain.model import Client, ClientLink, DataSubject, ProcessorActivity
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


def test_an_editor_cannot_hide_a_change_inside_a_trigger_of_their_own(team: str,
                                                                     postgres_server: PostgresServer) -> None:
    """A change made by a login's own trigger ran nested, where the audit triggers stood aside: no such trigger."""
    database = team.split("@/", 1)[1].split("?", 1)[0]
    with RegisterStore.open(_as(team, "editor_1")) as store:
        activity = store.load().organizations[0].activities[0]
        lines = len(store.audit_log(activity.id))
    attack = (
        "CREATE TEMP TABLE t(x int)",
        "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"UPDATE public.activities SET description = 'silent' WHERE id = '{activity.id}'; RETURN NULL; END $$",
        "CREATE FUNCTION pg_temp.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
        "CREATE SCHEMA mine",
    )
    with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user="editor_1",
                         autocommit=True) as con:
        for statement in attack:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                con.execute(statement.encode())
    with RegisterStore.open(_as(team, "editor_1")) as store:
        after = next(a for a in store.load().organizations[0].activities if a.id == activity.id)
        assert after.description == activity.description and len(store.audit_log(activity.id)) == lines


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
        # A line of history typed by hand, back-dated and signed by someone else: the server sets both.
        row = con.execute('INSERT INTO audit_log (at, "user", action, entity, entity_id, organization_id) '
                          "VALUES ('2001-01-01T00:00:00+00:00', 'someone', 'update', 'activity', %s, %s) "
                          'RETURNING at, "user", now()', (activity.id, org.id)).fetchone()
    assert row is not None
    at, user, server_now = row
    assert user == "editor_1"
    assert abs(datetime.fromisoformat(at) - server_now) < timedelta(seconds=1), (at, server_now)
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.audit_log(activity.id)[-1].at == at  # as stored, in the application's own form


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


def _processor_side(store: RegisterStore, org_id: str, tag: str) -> tuple[Client, ProcessorActivity]:
    client = Client(name=f"Client of {tag}", notes=f"{tag}-client-note")
    processing = ProcessorActivity(reference=f"{tag}-P1", name=f"Hosting for {tag}",
                                   clients=[ClientLink(client.id)], data_subjects=[DataSubject("customers")])
    store.save_client(org_id, client)
    store.save_processor_activity(org_id, processing)
    return client, processing


def test_row_security_covers_the_processor_tables_and_the_audit_log(team: str, postgres_server: PostgresServer
                                                                     ) -> None:
    with RegisterStore.open(team) as owner:
        first, second = owner.load().organizations
        foreign_client, foreign_processing = _processor_side(owner, first.id, "first")
        _processor_side(owner, second.id, "second")
    with postgres_server.connect(team) as con:  # every table of the schema is under a policy
        unguarded = con.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                                "'public'::regnamespace AND NOT relrowsecurity").fetchall()
        # (0012's notes of changes to check at commit: no role has any right on them, only their owner's functions)
        assert {name for (name,) in unguarded} == {"alembic_version", "ropa_access", "ropa_pending",
                                                   "ropa_pending_xact", "ropa_pending_lines"}
        assert con.execute("SELECT relacl FROM pg_class WHERE relname IN ('ropa_pending', 'ropa_pending_xact', "
                           "'ropa_pending_lines') "
                           "AND relacl IS NOT NULL AND array_length(relacl, 1) > 1").fetchall() == []
        # 0013's records of the other organisation's lines (under a policy of their own: their line's)
        foreign_records = [r for (r,) in con.execute("SELECT r.line_id FROM audit_rows r JOIN audit_log l ON "
                                                     "l.id = r.line_id WHERE l.organization_id = %s", (first.id,))]
    assert foreign_records
    with RegisterStore.open(_as(team, "correspondent_1")) as store:
        mine = store.load().organizations
        assert [o.id for o in mine] == [second.id]
        assert [c.name for c in mine[0].clients] == ["Client of second"]
        assert [p.reference for p in mine[0].processor_activities] == ["second-P1"]
        history = store.audit_log()
        assert history and {e.organization_id for e in history} == {second.id}
        assert store.audit_log(foreign_processing.id) == []
        with store._read() as conn:
            seen = conn.execute(text("SELECT count(*) FROM audit_rows WHERE line_id = ANY(:ids)"),
                                {"ids": foreign_records}).scalar_one()
        assert seen == 0
        # The other organisation's processor rows cannot be written either.
        with pytest.raises(StorageError):
            store.save_client(first.id, dataclasses.replace(foreign_client, notes="not mine"))
        with pytest.raises(StorageError):
            store.save_processor_activity(first.id, dataclasses.replace(foreign_processing, name="not mine"))
        with pytest.raises(StorageError):
            store.delete_processor_activity(foreign_processing.id)
    database = team.split("@/", 1)[1].split("?", 1)[0]
    with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user="correspondent_1",
                         autocommit=True) as con:
        for table in ("clients", "client_contacts", "processor_activities", "processor_data_subjects",
                      "processor_activity_clients", "audit_log"):
            rows = con.execute(f"SELECT count(*) FROM {table}".encode()).fetchone()
            assert rows is not None
            with postgres_server.connect(team) as admin:
                mine_only = admin.execute(_MINE[table].encode(), (second.id,)).fetchone()
            assert rows[0] == mine_only[0], table  # exactly its own organisation's rows
        # A line of history in the other organisation's name is refused by the policy's check.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute('INSERT INTO audit_log (at, "user", action, entity, entity_id, organization_id) '
                        "VALUES ('2026-01-01', 'x', 'update', 'client', %s, %s)", (foreign_client.id, first.id))
        assert con.execute("UPDATE processor_activities SET name = 'x' WHERE id = %s",
                           (foreign_processing.id,)).rowcount == 0
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load_processor_activity(foreign_processing.id) == foreign_processing
        assert owner.load_client(foreign_client.id) == foreign_client


_MINE = {
    "clients": "SELECT count(*) FROM clients WHERE organization_id = %s",
    "client_contacts": "SELECT count(*) FROM client_contacts JOIN clients ON clients.id = client_id "
                       "WHERE organization_id = %s",
    "processor_activities": "SELECT count(*) FROM processor_activities WHERE organization_id = %s",
    "processor_data_subjects": "SELECT count(*) FROM processor_data_subjects JOIN processor_activities p "
                               "ON p.id = processor_activity_id WHERE organization_id = %s",
    "processor_activity_clients": "SELECT count(*) FROM processor_activity_clients JOIN processor_activities p "
                                  "ON p.id = processor_activity_id WHERE organization_id = %s",
    "audit_log": "SELECT count(*) FROM audit_log WHERE organization_id = %s",
}


def test_a_correspondent_imports_many_activities_under_row_security(team: str) -> None:
    """Bulk writes go by COPY, which the server refuses under row-level security: there they go as INSERTs."""
    from ropa_desktop.domain.model import Activity
    from ropa_desktop.storage.pg_bulk import MIN_COPY_ROWS

    with RegisterStore.open(_as(team, "correspondent_1")) as store:
        base = store.load()
        incoming = copy.deepcopy(base)
        org = incoming.organizations[0]
        org.activities += [Activity(reference=f"IMP-{i}", name=f"Imported {i}", notes="bulk")
                           for i in range(MIN_COPY_ROWS * 2)]
        store.write_register(incoming, base=base)
        assert store.load() == incoming
        assert sum(e.action == "create" for e in store.audit_log()) >= MIN_COPY_ROWS * 2
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load().organizations[1] == incoming.organizations[0]


def test_a_save_after_access_is_withdrawn_says_so_not_deleted(team: str, postgres_server: PostgresServer) -> None:
    from ropa_desktop.storage.errors import AccessWithdrawnError, StaleWriteError

    with RegisterStore.open(_as(team, "correspondent_1")) as store:
        org = store.load().organizations[0]
        first, second = org.activities[0], org.activities[1]
        assert not store.access_withdrawn("activity", first.id)
        # Someone deletes one activity: still "someone else deleted it".
        with RegisterStore.open(team) as owner:
            owner.load()
            owner.delete_activity(second.id)
        second.notes = "typed before it was deleted"
        with pytest.raises(StaleWriteError) as deleted:
            store.save_activity(org.id, second)
        assert not isinstance(deleted.value, AccessWithdrawnError)
        assert not store.access_withdrawn("activity", second.id)
        # The administrator withdraws the organisation: the save says the access went, in both languages.
        with postgres_server.connect(team) as con:
            con.execute("DELETE FROM ropa_access WHERE role_name = 'correspondent_1'")
        first.notes = "typed before the access went"
        with pytest.raises(AccessWithdrawnError) as withdrawn:
            store.save_activity(org.id, first)
        assert withdrawn.value.code == "access_withdrawn"
        assert "access" in withdrawn.value.message("en") and "withdrawn" in withdrawn.value.message("en")
        assert "accès" in withdrawn.value.message("fr") and "correspondent_1" in withdrawn.value.message("fr")
        assert store.access_withdrawn("activity", first.id)
        assert store.access_withdrawn("organization", org.id)
        with pytest.raises(AccessWithdrawnError):
            store.delete_activity(first.id)
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load_activity(first.id).notes != "typed before the access went"


def test_an_import_touching_an_organisation_out_of_reach_is_one_line_and_writes_nothing(
        team: str, tmp_path: Path) -> None:
    """A correspondent limited to the second organisation imports the whole register's export: refused, named."""
    import json

    from tests.cli_helpers import cli, refused

    exported = cli("export", "--db", team, "--format", "json", "--output", tmp_path / "all.json", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "all.json").read_text("utf-8"))
    first, second = document["organizations"]
    first["activities"][0]["notes"] = "not the correspondent's to change"
    second["activities"][0]["notes"] = "the correspondent's own"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    with RegisterStore.open(team, read_only=True) as owner:
        before, lines = owner.load(), len(owner.audit_log())
    for lang, words in (("en_GB.UTF-8", "may not change"), ("fr_FR.UTF-8", "ne peut pas modifier")):
        result = cli("import", "--db", _as(team, "correspondent_1"), tmp_path / "edited.json", home=tmp_path,
                     lang=lang)
        line = refused(result)
        assert words in line and first["name"] in line, line
        assert result.stdout == ""  # nothing of a plan that is not applied
        assert "row-level security policy" not in line and "violates" not in line  # not the server's raw text
    # A new organisation is not one entrusted to the role either: the server refuses it as the file is written.
    first["id"], first["name"] = "a-new-subsidiary", "A new subsidiary"
    for activity in first["activities"]:
        activity["id"] = f"new-{activity['id']}"
    (tmp_path / "new.json").write_text(json.dumps(document), "utf-8")
    result = cli("import", "--db", _as(team, "correspondent_1"), tmp_path / "new.json", home=tmp_path)
    line = refused(result)
    assert "may not change the organisation 'A new subsidiary'" in line and "violates" not in line, line
    assert result.stdout == ""
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load() == before and len(owner.audit_log()) == lines  # nothing written, in either organisation


def test_a_role_entrusted_with_no_organisation_is_told_so(team: str, postgres_server: PostgresServer,
                                                          tmp_path: Path) -> None:
    """Not "no organisation to export", nor a clean check: the role sees nothing of the register (exit 2, FR/EN)."""
    from tests.cli_helpers import cli, refused

    with postgres_server.connect(team) as con:
        con.execute("DELETE FROM ropa_access WHERE role_name = 'reader_1'")
    url = _as(team, "reader_1")
    for lang, words in (("en_GB.UTF-8", "Your role sees no organisation"), ("fr_FR.UTF-8", "ne voit aucun organisme")):
        for command in (("check", "--db", url), ("export", "--db", url, "--format", "json", "--output",
                                                 tmp_path / "out.json")):
            line = refused(cli(*command, home=tmp_path, lang=lang))
            assert words in line, line
    assert not (tmp_path / "out.json").exists()



def test_an_unchanged_organisation_out_of_reach_is_refused_a_deleted_one_still_reads_deleted(
        team: str, tmp_path: Path) -> None:
    """The whole register's export, read back by a role that sees one organisation: the other is hidden, not deleted.

    Once the owner deletes it, the same file lists it as deleted since the export (a conflict, nothing applied). The
    server tells the two apart: ``ropa_row_hidden`` answers whether the id exists, and nothing of its content.
    """
    from tests.cli_helpers import cli, refused

    exported = cli("export", "--db", team, "--format", "json", "--output", tmp_path / "all.json", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    with RegisterStore.open(team, read_only=True) as owner:
        before, lines = owner.load(), len(owner.audit_log())
    hidden = before.organizations[1]  # (the editor is given the first; a reader's import is refused before this)
    url = _as(team, "editor_1")
    for lang, words in (("en_GB.UTF-8", f"may not change the organisation '{hidden.name}'"),
                        ("fr_FR.UTF-8", f"ne peut pas modifier l'organisme « {hidden.name} »")):
        for dry_run in ((), ("--dry-run",)):
            result = cli("import", "--db", url, tmp_path / "all.json", *dry_run, home=tmp_path, lang=lang)
            line = refused(result)
            assert words in line and "supprim" not in line and "deleted" not in line, line
            assert result.stdout == ""
    with RegisterStore.open(team, read_only=True) as owner:
        assert owner.load() == before and len(owner.audit_log()) == lines
    with RegisterStore.open(team) as owner:
        owner.load()
        owner.delete_organization(hidden.id)
    result = cli("import", "--db", url, tmp_path / "all.json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "deleted in the register since this file was exported" in result.stdout, result.stdout

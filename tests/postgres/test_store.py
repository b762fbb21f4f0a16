"""The register on a real PostgreSQL server: migrations, the same round trip as a file, the audit log's guard."""

from __future__ import annotations

import copy
from pathlib import Path

import psycopg
import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.schema import SCHEMA_VERSION, Base
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


def _connect(server: PostgresServer, url: str) -> psycopg.Connection:
    return server.connect(url)  # type: ignore[no-any-return]


def test_migrations_build_the_whole_schema_on_an_empty_database(pg_empty_url: str, postgres_server: PostgresServer
                                                                ) -> None:
    with pytest.raises(StorageError) as refused:
        RegisterStore.open(pg_empty_url)  # only init creates a register
    assert refused.value.code == "no_register"
    with RegisterStore.open(pg_empty_url, create=True) as store:
        assert store.load().organizations == []
    with _connect(postgres_server, pg_empty_url) as con:
        tables = {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    # (and 0012's notes of changes to check at commit, which only their owner's functions touch; 0013's lines
    # waiting for their record, and the records)
    assert tables == {*Base.metadata.tables, "alembic_version", "ropa_pending", "ropa_pending_xact",
                      "ropa_pending_lines", "audit_rows"}
    assert revision == (f"{SCHEMA_VERSION:04d}",)


def test_the_seeded_register_comes_back_equal(pg_url: str) -> None:
    register = seed_register()
    with RegisterStore.open(pg_url) as store:
        store.write_register(copy.deepcopy(register))
    with RegisterStore.open(pg_url, read_only=True) as store:
        assert store.load() == register


def test_the_audit_log_is_append_only_on_the_server_and_names_the_role(pg_url: str,
                                                                       postgres_server: PostgresServer) -> None:
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
        entries = store.audit_log()
    assert entries and {e.user for e in entries} == {"postgres"}
    with _connect(postgres_server, pg_url) as con:
        for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                con.execute(statement)
        # The owner is stamped too (migration 0012): only migrate's copy of a file's history keeps the names given
        # (test_forged_mark.py); any other role likewise (test_concurrency.py).
        con.execute("""INSERT INTO audit_log (at, "user", action, entity, entity_id) VALUES ('x', 'alice', 'create',
                       'activity', 'a1')""")
        assert con.execute("SELECT \"user\" FROM audit_log WHERE entity_id = 'a1'").fetchone() == ("postgres",)


def test_a_password_in_the_url_is_refused(tmp_path: Path) -> None:
    for url in ("postgresql://alice:secret@db.example/ropa", "postgresql://alice@db.example/ropa?password=secret"):
        with pytest.raises(StorageError) as refused:
            RegisterStore.open(url)
        assert refused.value.code == "password_in_url"
        assert "secret" not in refused.value.message("en") and "PGPASSWORD" in refused.value.message("en")


def test_a_newer_schema_on_the_server_is_refused(pg_url: str, postgres_server: PostgresServer) -> None:
    with _connect(postgres_server, pg_url) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StorageError) as refused:
        RegisterStore.open(pg_url)
    assert refused.value.code == "newer_schema"


def test_a_database_of_another_application_is_refused(pg_empty_url: str, postgres_server: PostgresServer) -> None:
    with _connect(postgres_server, pg_empty_url) as con:
        con.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StorageError) as refused:
        RegisterStore.open(pg_empty_url, create=True)
    assert refused.value.code == "foreign_database"


def test_the_processor_register_comes_back_equal_and_moves_back_to_a_file(pg_url: str, tmp_path: Path) -> None:
    from tests.builders import filled_processor_register

    whole = filled_processor_register().register
    with RegisterStore.open(pg_url) as store:
        store.write_register(copy.deepcopy(whole))
        assert store.load() == whole
        register, versions, audit = store.snapshot()
    with RegisterStore.open(tmp_path / "copy.ropa", create=True) as copy_store:
        copy_store.receive(register, versions, audit)
        assert copy_store.snapshot() == (whole, versions, audit)

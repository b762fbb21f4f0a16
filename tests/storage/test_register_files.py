"""Opening register files: ours open, anything else is refused with its own code and left byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Organization
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.builders import write_register


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, code: str) -> StorageError:
    before = digest(path) if path.is_file() else None
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StorageError) as info:
        RegisterStore.open(path)
    assert info.value.code == code, info.value
    if before is not None:
        assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == siblings  # no -wal, -shm or lock left behind
    assert info.value.message("fr") and info.value.message("en")
    return info.value


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.ropa"
    path.write_bytes(b"")
    refused(path, "empty_file")


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.ropa"
    path.write_text("just some notes\n")
    refused(path, "not_sqlite")


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    con.commit()
    con.close()
    error = refused(path, "foreign_sqlite")
    assert "places.sqlite" in error.message("en")


def test_empty_sqlite_file_of_another_program_gets_no_tables(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 3")
    con.close()
    refused(path, "foreign_sqlite")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.ropa"
    RegisterStore.open(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    error = refused(path, "newer_schema")
    assert str(SCHEMA_VERSION + 1) in error.message("fr")


def test_truncated_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.ropa"
    write_register(path, synthetic_register(40))
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    refused(path, "corrupt")


def test_header_only_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stub.ropa"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    refused(path, "corrupt")


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        RegisterStore.open(tmp_path)
    assert info.value.code == "is_directory"
    with pytest.raises(StorageError) as info:
        RegisterStore.open(tmp_path / "nowhere.ropa")
    assert info.value.code == "not_found"
    assert not (tmp_path / "nowhere.ropa").exists()


def test_new_register_is_marked_as_ours_with_durable_settings(tmp_path: Path) -> None:
    path = tmp_path / "new.ropa"
    with RegisterStore.open(path, create=True) as store:
        assert store.settings() == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == f"{SCHEMA_VERSION:04d}"
    con.close()


def test_failed_migration_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    # A file of ours at schema 0 whose content clashes with the first migration: the migration must roll back.
    path = tmp_path / "old.ropa"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("CREATE TABLE recipients (legacy TEXT)")
    con.commit()
    con.close()
    error = refused(path, "migration_failed")
    assert "recipients" in error.message("en")


def test_second_writer_is_refused_but_a_reader_may_open(tmp_path: Path) -> None:
    path = tmp_path / "shared.ropa"
    with RegisterStore.open(path, create=True):
        with pytest.raises(StorageError) as info:
            RegisterStore.open(path)
        assert info.value.code == "locked"
        assert "process" in info.value.message("en")
        with RegisterStore.open(path, read_only=True) as reader:
            assert reader.load().organizations == []
            with pytest.raises(StorageError) as info:
                reader.save_organization(Organization())
            assert info.value.code == "read_only"
    # Closed: the lock is gone and a writer may open again.
    RegisterStore.open(path).close()


def test_stale_lock_of_a_dead_process_is_recovered(tmp_path: Path) -> None:
    import json
    import socket

    path = tmp_path / "crashed.ropa"
    RegisterStore.open(path, create=True).close()
    lock = path.with_name(path.name + ".lock")
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": 2**22 + 12345, "user": "x", "since": "then"}))
    RegisterStore.open(path).close()
    assert not lock.exists()


def test_lock_held_on_another_host_is_respected(tmp_path: Path) -> None:
    import json

    path = tmp_path / "remote.ropa"
    RegisterStore.open(path, create=True).close()
    lock = path.with_name(path.name + ".lock")
    lock.write_text(json.dumps({"host": "another-laptop", "pid": 1, "user": "dpo", "since": "2026-01-01"}))
    with pytest.raises(StorageError) as info:
        RegisterStore.open(path)
    assert "another-laptop" in info.value.message("fr")


def test_a_schema_1_register_gains_the_review_fields_and_keeps_its_content(tmp_path: Path) -> None:
    import sqlalchemy
    from alembic import command
    from alembic.config import Config

    from ropa_desktop.services.synthetic import synthetic_register
    from ropa_desktop.storage.migrate import MIGRATIONS

    path = tmp_path / "v1.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(synthetic_register(3))
        before = store.load()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    assert "last_review" not in {row[1] for row in con.execute("PRAGMA table_info(activities)")}
    con.close()
    with RegisterStore.open(path) as store:
        assert store.load() == before  # the new fields empty, everything else as it was

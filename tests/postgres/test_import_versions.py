"""An import of a JSON export on the team register judges "changed since the export" by the stored versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli
from tests.postgres.exports import seeded_export
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_a_field_changed_in_psql_after_the_export_is_a_conflict_and_kept(
        pg_url: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    document = seeded_export(pg_url, tmp_path)
    first, second = document["organizations"][0]["activities"][:2]
    assert document["record_versions"][first["id"]] == 1
    # A colleague in psql: a raw UPDATE, which leaves "last update" (the old rule's clue) as it was.
    with postgres_server.connect(pg_url) as con:
        con.execute("UPDATE activities SET name = 'Typed in psql' WHERE id = %s", (first["id"],))
    first["notes"], second["notes"] = "edited in the file", "edited in the file too"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    imported = cli("import", "--db", pg_url, tmp_path / "edited.json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    conflicts = [line for line in imported.stdout.splitlines() if "(conflict" in line]
    assert len(conflicts) == 2, imported.stdout  # the name (the file's is older) and the notes: the DPO decides
    assert all(first["reference"] in line and "changed in the register after this file was exported" in line
               for line in conflicts)
    assert any("Typed in psql" in line for line in conflicts)
    assert "2 conflicts not applied" in imported.stderr
    with RegisterStore.open(pg_url, read_only=True) as store:
        activities = {a.id: a for a in store.load().organizations[0].activities}
    assert activities[first["id"]].name == "Typed in psql"  # the psql value kept
    assert activities[first["id"]].notes != "edited in the file"
    assert activities[second["id"]].notes == "edited in the file too"  # unmoved since the export: applied


def test_an_editor_who_forges_the_application_s_mark_still_moves_the_version(
        pg_url: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    """``SET ropa.app = 'on'`` in psql (the application's mark) does not let a direct change keep its version."""
    import psycopg

    from ropa_desktop.storage.roles import roles_sql

    document = seeded_export(pg_url, tmp_path)
    first = document["organizations"][0]["activities"][0]
    assert document["record_versions"][first["id"]] == 1
    with postgres_server.connect(pg_url) as con:
        con.execute(roles_sql(row_security=False).encode())
        con.execute(b"CREATE ROLE forging_editor LOGIN IN ROLE ropa_editor")
    try:
        database = pg_url.split("@/", 1)[1].split("?", 1)[0]
        with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user="forging_editor",
                             autocommit=True) as con:
            con.execute(b"SET ropa.app = 'on'")
            con.execute(b"UPDATE activities SET name = 'Typed with the mark' WHERE id = %s", (first["id"],))
            moved = con.execute(b"SELECT version FROM activities WHERE id = %s", (first["id"],)).fetchone()
            # Only a place changed (what the application's reorders do), and back: the version stays.
            for shift in (b"+ 100", b"- 100"):
                con.execute(b"UPDATE activities SET position = position " + shift + b" WHERE id = %s", (first["id"],))
            kept = con.execute(b"SELECT version FROM activities WHERE id = %s", (first["id"],)).fetchone()
        assert moved == kept == (2,)
        first["notes"] = "edited in the file"
        (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
        imported = cli("import", "--db", pg_url, tmp_path / "edited.json", home=tmp_path)
        assert imported.returncode == 0, imported.stderr
        conflicts = [line for line in imported.stdout.splitlines() if "(conflict" in line]
        assert len(conflicts) == 2 and any("Typed with the mark" in line for line in conflicts), imported.stdout
        with RegisterStore.open(pg_url, read_only=True) as store:
            activity = store.load_activity(first["id"])
        assert activity.name == "Typed with the mark"  # the direct value kept
        assert activity.notes != "edited in the file"
    finally:
        with postgres_server.connect(pg_url) as con:
            everyone = "forging_editor, ropa_reader, ropa_editor, ropa_administrator"
            con.execute(f"DROP OWNED BY {everyone}".encode())
            con.execute(f"DROP ROLE {everyone}".encode())


def test_an_activity_deleted_on_the_server_since_the_export_is_a_conflict_not_created_again(
        pg_url: str, tmp_path: Path) -> None:
    document = seeded_export(pg_url, tmp_path)
    gone = document["organizations"][0]["activities"][0]
    assert document["register_id"] and gone["id"] in document["record_versions"]
    with RegisterStore.open(pg_url) as store:  # a colleague deletes it, through the app's store
        store.load()
        store.delete_activity(gone["id"])
    imported = cli("import", "--db", pg_url, tmp_path / "out.json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    said = [line for line in imported.stdout.splitlines() if "deleted in the register since" in line]
    assert len(said) == 1 and gone["reference"] in said[0], imported.stdout
    assert "1 conflict not applied" in imported.stderr
    with RegisterStore.open(pg_url, read_only=True) as store:
        assert gone["id"] not in {a.id for a in store.load().organizations[0].activities}

"""A reader's refusals on the command line, and the one way a server's URL is shown in every message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.roles import roles_sql
from ropa_desktop.storage.server import parse_server_url
from tests.cli_helpers import cli, refused
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

_EVERYONE = "reader_2, ropa_reader, ropa_editor, ropa_administrator"


@pytest.fixture
def reader(pg_url: str, postgres_server: PostgresServer) -> Iterator[tuple[str, str]]:
    """A seeded register (its owner's URL) and a reader's login on it (its URL)."""
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
    with postgres_server.connect(pg_url) as con:
        con.execute(roles_sql().encode())
        con.execute(b"CREATE ROLE reader_2 LOGIN IN ROLE ropa_reader")
    try:
        yield pg_url, pg_url.replace("postgres@", "reader_2@")
    finally:
        with postgres_server.connect(pg_url) as con:
            con.execute(f"DROP OWNED BY {_EVERYONE}".encode())
            con.execute(f"DROP ROLE {_EVERYONE}".encode())


def test_the_url_reads_the_same_everywhere_without_percent_signs() -> None:
    location = parse_server_url("postgresql://alice@/ropa?host=%2Fvar%2Frun%2Fpostgresql&sslmode=require")
    assert location.shown == "postgresql://alice@/ropa?host=/var/run/postgresql&sslmode=require"
    assert parse_server_url(location.shown).url == location.url  # what is shown can be typed back
    odd = parse_server_url("postgresql://alice@db.example.org:5433/ropa?application_name=a%26b%3Dc")
    assert odd.shown == "postgresql://alice@db.example.org:5433/ropa?application_name=a%26b%3Dc"
    assert parse_server_url(odd.shown).url == odd.url


def test_a_reader_is_told_its_role_reads_only_in_its_language_and_the_url_one_way(
        reader: tuple[str, str], tmp_path: Path) -> None:
    owner, url = reader
    source = tmp_path / "source.ropa"
    assert cli("init", "--db", source, home=tmp_path).returncode == 0
    exported = cli("export", "--db", url, "--format", "json", "--output", tmp_path / "mine.json", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "mine.json").read_text("utf-8"))
    document["organizations"][0]["activities"][0]["notes"] = "a reader's edit"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    with RegisterStore.open(owner, read_only=True) as store:
        before, lines = store.load(), len(store.audit_log())
    for lang, reads_only in (("en_GB.UTF-8", "may only read this register"),
                             ("fr_FR.UTF-8", "ne peut que lire ce registre")):
        replace = ("--replace",) if lang.startswith("fr") else ()  # (which it may not use either)
        line = refused(cli("migrate", "--from", source, "--to", url, *replace, home=tmp_path, lang=lang))
        assert reads_only in line and "reader_2" in line and "--replace" not in line, line
        line = refused(cli("import", "--db", url, tmp_path / "edited.json", home=tmp_path, lang=lang))
        assert reads_only in line and "reader_2" in line, line  # the same line as its other refusals
        assert "permission denied" not in line and "(" not in line, line  # nothing of the server's English
    # The URL as typed, in every message: never host=%2F...
    line = refused(cli("init", "--db", url, home=tmp_path))
    assert url in line and "%2F" not in line, line
    line = refused(cli("migrate", "--from", source, "--to", owner, home=tmp_path))
    assert owner in line and "--replace" in line and "%2F" not in line, line
    with RegisterStore.open(owner, read_only=True) as store:
        assert store.load() == before and len(store.audit_log()) == lines


def test_a_reader_s_import_of_nothing_but_conflicts_is_refused_and_a_dry_run_still_shows_them(
        reader: tuple[str, str], postgres_server: PostgresServer, tmp_path: Path) -> None:
    owner, url = reader
    exported = cli("export", "--db", url, "--format", "json", "--output", tmp_path / "mine.json", home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "mine.json").read_text("utf-8"))
    activity = document["organizations"][0]["activities"][0]
    activity["name"] = "the reader's name"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    with postgres_server.connect(owner) as con:  # someone saves the same activity since: every change conflicts
        con.execute("UPDATE activities SET name = 'the editor''s name' WHERE id = %s", (activity["id"],))
    with RegisterStore.open(owner, read_only=True) as store:
        before, lines = store.load(), len(store.audit_log())
    dry = cli("import", "--dry-run", "--db", url, tmp_path / "edited.json", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "the reader's name" in dry.stdout, dry.stdout
    for lang, reads_only in (("en_GB.UTF-8", "may only read this register"),
                             ("fr_FR.UTF-8", "ne peut que lire ce registre")):
        result = cli("import", "--db", url, tmp_path / "edited.json", home=tmp_path, lang=lang)
        line = refused(result)
        assert reads_only in line and "reader_2" in line and url in line, line
        assert result.stdout == "", result.stdout  # nothing of the plan is listed
    with RegisterStore.open(owner, read_only=True) as store:
        assert store.load() == before and len(store.audit_log()) == lines


def test_a_refused_login_or_an_absent_server_is_said_in_french_without_the_servers_english(
        reader: tuple[str, str], tmp_path: Path) -> None:
    from ropa_desktop.storage.errors import StorageError

    owner, _ = reader
    for url, code, fr, en in (
            (owner.replace("postgres@", "ghost@"), "server_login", "le rôle ghost n'existe pas",
             "the role ghost does not exist"),
            (f"postgresql://nobody@/ropa?host={tmp_path}", "server_unreachable", "aucun serveur n'y répond",
             "no server answers there")):
        with pytest.raises(StorageError) as raised:
            RegisterStore.open(url).close()
        assert raised.value.code == code
        said = raised.value.message("fr")
        assert fr in said and "does not exist" not in said and "No such file" not in said, said
        assert en in raised.value.message("en")

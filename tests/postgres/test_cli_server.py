"""Every command on a team register, through the command line, against the real server the suite starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, one_clean_line
from tests.postgres.exports import seeded_export
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_init_import_export_check_on_the_server(pg_empty_url: str, tmp_path: Path) -> None:
    created = cli("init", "--db", pg_empty_url, home=tmp_path)
    assert created.returncode == 0, created.stderr
    again = cli("init", "--db", pg_empty_url, home=tmp_path)
    assert again.returncode == 2 and "already holds a register" in one_clean_line(again.stderr)
    with RegisterStore.open(pg_empty_url, read_only=True) as store:
        assert store.load() == seed_register()

    exported = cli("export", "--db", pg_empty_url, "--format", "json", "--output", tmp_path / "out.json",
                   home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "out.json").read_text("utf-8"))
    document["organizations"][0]["activities"][0]["name"] = "Renamed on the server"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    imported = cli("import", "--db", pg_empty_url, tmp_path / "edited.json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    with RegisterStore.open(pg_empty_url, read_only=True) as store:
        activity = store.load().organizations[0].activities[0]
        assert activity.name == "Renamed on the server"
        assert store.version("activity", activity.id) == 2  # created, then changed once

    checked = cli("check", "--db", pg_empty_url, "--format", "json", home=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert json.loads(checked.stdout)["findings"] is not None

    restore = cli("restore", "--db", pg_empty_url, home=tmp_path)
    assert restore.returncode == 2 and "pg_dump" in one_clean_line(restore.stderr)


def test_a_password_on_the_command_line_is_refused_and_never_echoed(tmp_path: Path) -> None:
    for lang, expected in (("en_GB.UTF-8", "PGPASSWORD"), ("fr_FR.UTF-8", "PGPASSWORD")):
        result = cli("check", "--db", "postgresql://alice:s3cret@db.example/ropa", home=tmp_path, lang=lang)
        line = one_clean_line(result.stderr)
        assert result.returncode == 2 and expected in line and "s3cret" not in line


def test_commands_refuse_a_database_without_a_register(pg_empty_url: str, tmp_path: Path) -> None:
    result = cli("check", "--db", pg_empty_url, home=tmp_path)
    assert result.returncode == 2 and "holds no register" in one_clean_line(result.stderr)


def test_unreachable_server_is_exit_2(tmp_path: Path) -> None:
    result = cli("check", "--db", f"postgresql://nobody@/ropa?host={tmp_path}", home=tmp_path)
    assert result.returncode == 2 and "Cannot reach the server" in one_clean_line(result.stderr)


def test_migrate_file_to_server_and_back_is_lossless(pg_empty_url: str, tmp_path: Path,
                                                     postgres_server: PostgresServer) -> None:
    source = tmp_path / "source.ropa"
    assert cli("init", "--db", source, home=tmp_path).returncode == 0
    with RegisterStore.open(source) as store:  # a little history and a version beyond 1
        register = store.load()
        activity = register.organizations[0].activities[0]
        activity.notes = "edited before the move"
        store.save_activity(register.organizations[0].id, activity)
    up = cli("migrate", "--from", source, "--to", pg_empty_url, home=tmp_path)
    assert up.returncode == 0, up.stderr
    refused = cli("migrate", "--from", source, "--to", pg_empty_url, home=tmp_path)
    assert refused.returncode == 2 and "--replace" in one_clean_line(refused.stderr)
    back = tmp_path / "back.ropa"
    down = cli("migrate", "--from", pg_empty_url, "--to", back, home=tmp_path)
    assert down.returncode == 0, down.stderr

    with RegisterStore.open(source, read_only=True) as a, RegisterStore.open(back, read_only=True) as b:
        first, first_versions, first_audit = a.snapshot()
        second, second_versions, second_audit = b.snapshot()
    assert first == second
    assert first_versions == second_versions and first_versions[("activities", activity.id)] == 2
    assert first_audit == second_audit  # who, when, what: the history travels unchanged
    for path, out in ((source, "a.json"), (back, "b.json")):
        assert cli("export", "--db", path, "--format", "json", "--output", tmp_path / out, home=tmp_path
                   ).returncode == 0
    a_json = json.loads((tmp_path / "a.json").read_text("utf-8"))
    b_json = json.loads((tmp_path / "b.json").read_text("utf-8"))
    a_json.pop("exported_at"), b_json.pop("exported_at")
    assert a_json == b_json


def test_a_record_saved_during_an_import_is_a_conflict_like_one_found_while_planning(
        pg_url: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    """DESIGN §9: what does not conflict is applied, the conflict listed, exit 0, found at commit or before."""
    import subprocess
    import sys
    import time

    from tests.cli_helpers import REPO, cli_env

    document = seeded_export(pg_url, tmp_path)
    first, second = document["organizations"][0]["activities"][:2]
    first["notes"], second["notes"] = "from the file", "from the file too"
    (tmp_path / "edited.json").write_text(json.dumps(document), "utf-8")
    # A colleague's save of the first activity is under way (its row locked) while the import reads the register;
    # it commits once the import waits for that row.
    with postgres_server.connect(pg_url) as colleague:
        colleague.autocommit = False
        colleague.execute("UPDATE activities SET notes = 'saved meanwhile' WHERE id = %s", (first["id"],))
        importing = subprocess.Popen([sys.executable, "-m", "ropa_desktop", "import", "--db", pg_url,
                                      str(tmp_path / "edited.json")], cwd=REPO, env=cli_env(tmp_path),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        with postgres_server.connect(pg_url) as watcher:
            while not watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                      "AND application_name = 'ropa-desktop'").fetchone()[0]:
                assert importing.poll() is None and time.monotonic() < deadline, importing.communicate()
                time.sleep(0.05)
        colleague.commit()
    out, err = importing.communicate(timeout=120)
    assert importing.returncode == 0, err
    assert "changed by someone else during the import (LS-01" in err and "1 conflict not applied" in err
    assert "from the file too" in out  # the plan it read first, as ever
    # ... and the conflict found at commit, so the terminal's list of conflicts is the one applied
    found = [line for line in out.splitlines() if line.startswith("conflict found at commit: ")]
    assert len(found) == 1 and "LS-01" in found[0] and "from the file" in found[0], out
    assert "saved meanwhile -> from the file (conflict" in found[0]  # the register's value, the file's
    with RegisterStore.open(pg_url, read_only=True) as store:
        activities = {a.id: a for a in store.load().organizations[0].activities}
    assert activities[first["id"]].notes == "saved meanwhile"  # never overwritten
    assert activities[second["id"]].notes == "from the file too"  # the rest applied

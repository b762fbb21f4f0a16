"""An editor who forges the application's mark (``SET ropa.app = 'on'`` in psql) is still audited (0012)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from ropa_desktop.domain.model import Purpose
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.remote_reads import versions_now
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli
from tests.postgres.exports import seeded_export
from tests.postgres.marked_editor import marked_editor
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def forger(pg_url: str, postgres_server: PostgresServer) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A seeded register and an editor's autocommit psql session that set the application's mark."""
    with marked_editor(pg_url, postgres_server, "forging_editor") as con:
        yield con


def _version(store: RegisterStore, entity: str, entity_id: str) -> int:
    """The version on the server now (the store's own ``version`` is the one it last read or wrote)."""
    return versions_now(store)[entity, entity_id]


def test_a_sub_row_changed_under_the_forged_mark_moves_its_owner_and_is_audited(
        pg_url: str, forger: psycopg.Connection[tuple[object, ...]]) -> None:
    with RegisterStore.open(pg_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        version, org_version = _version(store, "activity", activity.id), _version(store, "organization", org.id)
        lines = len(store.audit_log())
        forger.execute("UPDATE purposes SET description = 'forged purpose' WHERE activity_id = %s AND position = 0",
                       (activity.id,))
        forger.execute("UPDATE contacts SET phone = '01 02 03 04 05' WHERE organization_id = %s AND kind = 'dpo'",
                       (org.id,))
        # Two sub-rows of one owner in one transaction: one line, one step of its version.
        with forger.transaction():
            forger.execute("UPDATE purposes SET description = description || '!' WHERE activity_id = %s",
                           (activity.id,))
        # A purpose moved to another activity: both are audited and move on.
        other = org.activities[1]
        forger.execute("UPDATE purposes SET activity_id = %s WHERE activity_id = %s AND position = 0",
                       (other.id, activity.id))
        log = store.audit_log()[lines:]
        assert [(e.user, e.action, e.entity, e.entity_id, e.before and e.before["table"]) for e in log[:3]] == [
            ("forging_editor", "update", "activity", activity.id, "purposes"),
            ("forging_editor", "update", "organization", org.id, "contacts"),
            ("forging_editor", "update", "activity", activity.id, "purposes")]
        assert log[0].after is not None and log[0].after["row"]["description"] == "forged purpose"
        assert {e.entity_id for e in log[3:]} == {activity.id, other.id} and len(log) == 5
        assert _version(store, "activity", activity.id) == version + 3
        assert _version(store, "activity", other.id) == 2
        assert _version(store, "organization", org.id) == org_version + 1
        assert store.load_activity(activity.id).updated is not None


def test_a_record_row_changed_under_the_forged_mark_is_audited_and_its_version_moves_by_one(
        pg_url: str, forger: psycopg.Connection[tuple[object, ...]]) -> None:
    with RegisterStore.open(pg_url) as store:
        org = store.load().organizations[0]
        first, second = org.activities[:2]
        lines = len(store.audit_log())
        forger.execute("UPDATE activities SET name = 'Forged name' WHERE id = %s", (first.id,))
        # A version set back moves on from where it was; one set ahead is left (it only makes stale saves refused).
        forger.execute("UPDATE activities SET notes = 'back', version = 0 WHERE id = %s", (second.id,))
        assert _version(store, "activity", second.id) == 2
        forger.execute("UPDATE activities SET notes = 'ahead', version = 99 WHERE id = %s", (second.id,))
        forger.execute("UPDATE recipients SET name = 'Forged recipient' WHERE id = %s", (org.recipients[0].id,))
        log = store.audit_log()[lines:]
        assert [(e.user, e.entity, e.entity_id) for e in log] == [
            ("forging_editor", "activity", first.id), ("forging_editor", "activity", second.id),
            ("forging_editor", "activity", second.id), ("forging_editor", "recipient", org.recipients[0].id)]
        assert log[0].after is not None and log[0].after["row"]["name"] == "Forged name"
        assert _version(store, "activity", first.id) == 2
        assert _version(store, "activity", second.id) == 99
        # A deletion under the mark is one line too (its sub-rows go with it, unaudited).
        forger.execute("DELETE FROM activities WHERE id = %s", (first.id,))
        log = store.audit_log()[lines + 4:]
        assert [(e.user, e.action, e.entity_id) for e in log] == [("forging_editor", "delete", first.id)]
        # The owner's flag for copying history changes nothing for another role.
        forger.execute("SET ropa.copy_history = 'on'")
        forger.execute("UPDATE activities SET notes = 'flagged', version = 7 WHERE id = %s", (second.id,))
        assert [e.user for e in store.audit_log()[lines + 5:]] == ["forging_editor"]
        assert _version(store, "activity", second.id) == 100


def test_the_application_s_own_writes_get_no_line_of_the_server(pg_url: str) -> None:
    """Audit rows equal edits: the check at commit recognises every save of the application as audited."""
    from tests.builders import processor_register

    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
        store.write_register(processor_register())
        register = store.load()
        lines = len(store.audit_log())
        org = register.organizations[0]
        org.name = org.name + " (renamed)"
        org.dpo.phone = "09 09 09 09 09"
        store.save_organization(org)
        activity = org.activities[0]
        activity.purposes.append(Purpose(description="one more"))
        activity.notes = "by the application"
        store.save_activity(org.id, activity)
        recipient = org.recipients[0]
        recipient.name = recipient.name + " (renamed)"
        store.save_recipient(org.id, recipient)
        store.delete_activity(org.activities[1].id)
        processor = next(o for o in store.load().organizations if o.clients)
        client, processing = processor.clients[0], processor.processor_activities[0]
        client.notes = "changed"
        store.save_client(processor.id, client)
        processing.notes = "changed"
        processing.data_subjects[0].details = "changed"
        store.save_processor_activity(processor.id, processing)
        store.delete_organization(register.organizations[-1].id)
        log = store.audit_log()
    # No line the server wrote (they picture a table's row), for the imports above either.
    assert all("table" not in (e.before or {}) and "table" not in (e.after or {}) for e in log)
    assert len(log[lines:]) == 7, [(e.action, e.entity) for e in log[lines:]]


def test_an_old_export_without_versions_sees_a_psql_change_by_its_last_update(
        pg_url: str, postgres_server: PostgresServer, tmp_path: Path) -> None:
    """The server moves "last update" with the version: a file's older value is a conflict, not applied."""
    document = seeded_export(pg_url, tmp_path)
    for key in ("record_versions", "register_id"):  # as an export made before versions were written
        document.pop(key, None)
    first = document["organizations"][0]["activities"][0]
    with postgres_server.connect(pg_url) as con:
        con.execute("UPDATE purposes SET description = 'typed in psql' WHERE activity_id = %s AND position = 0",
                    (first["id"],))
        con.execute("UPDATE activities SET name = 'Typed in psql' WHERE id = %s", (first["id"],))
    first["notes"] = "edited in the file"
    (tmp_path / "old.json").write_text(json.dumps(document), "utf-8")
    imported = cli("import", "--db", pg_url, tmp_path / "old.json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    conflicts = [line for line in imported.stdout.splitlines() if "(conflict" in line]
    assert any("Typed in psql" in line for line in conflicts), imported.stdout
    with RegisterStore.open(pg_url, read_only=True) as store:
        activity = store.load_activity(first["id"])
    assert activity.name == "Typed in psql" and activity.purposes[0].description == "typed in psql"


def test_the_owner_s_lines_are_stamped_too_unless_it_copies_history(pg_url: str,
                                                                     postgres_server: PostgresServer) -> None:
    insert = """INSERT INTO audit_log (at, "user", action, entity, entity_id)
                VALUES ('2001-01-01T00:00:00+00:00', 'the boss', 'create', 'activity', %s)"""
    with postgres_server.connect(pg_url) as con:  # the superuser: a member of the table's owner
        con.execute(insert, ("plain",))
        with con.transaction():
            con.execute("SELECT set_config('ropa.copy_history', 'on', true)")
            con.execute(insert, ("copied",))
        rows = dict(con.execute("""SELECT entity_id, "user" || ' ' || at FROM audit_log""").fetchall())
    assert rows["plain"].startswith("postgres 20") and "2001" not in rows["plain"]
    assert rows["copied"] == "the boss 2001-01-01T00:00:00+00:00"

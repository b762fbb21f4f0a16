"""A line an editor writes in psql under the forged mark cannot make the history lie (0013's server records)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from ropa_desktop.domain.model import Purpose
from ropa_desktop.services.history import history
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage import mapping as m
from ropa_desktop.storage.audit_records import recorded_audit_log
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.marked_editor import marked_editor
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

_LINE = """INSERT INTO audit_log (at, "user", action, entity, entity_id, before, after)
           VALUES ('', '', 'update', 'activity', %s, %s, %s)"""


@pytest.fixture
def liar(pg_url: str, postgres_server: PostgresServer) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A seeded register and an editor's psql session (autocommit) that set the application's mark."""
    with marked_editor(pg_url, postgres_server, "lying_editor") as con:
        yield con


def _lie(liar: psycopg.Connection[tuple[object, ...]], activity_id: str, picture: dict[str, object]) -> None:
    """The application's kind of line, saying only the notes changed ("tools: harmless")."""
    harmless = dict(picture, notes="tools: harmless")
    liar.execute(_LINE, (activity_id, json.dumps(picture, default=str), json.dumps(harmless, default=str)))


def test_a_line_written_under_the_forged_mark_shows_what_the_server_recorded(
        pg_url: str, liar: psycopg.Connection[tuple[object, ...]]) -> None:
    with RegisterStore.open(pg_url) as store:
        activity = store.load().organizations[0].activities[0]
        picture = m.snapshot(activity)
        with liar.transaction():
            _lie(liar, activity.id, picture)
            liar.execute("UPDATE activities SET description = 'sold to brokers', notes = 'tools: harmless', "
                         "version = version + 1 WHERE id = %s", (activity.id,))
            liar.execute("UPDATE purposes SET description = 'profiling' WHERE activity_id = %s AND position = 0",
                         (activity.id,))
        entries = recorded_audit_log(store, activity.id)
        truth = store.load_activity(activity.id)
    last = entries[-1]
    assert last.user == "lying_editor" and last.after is not None and last.after["notes"] == "tools: harmless"
    assert last.has_record and last.recorded == truth
    events = history(entries, "en", current=truth)
    assert [e.differs for e in events] == [False] * (len(events) - 1) + [True]
    shown = {change.path: (change.old, change.new) for change in events[-1].changes}
    assert shown["description"] == (activity.description or "∅", "sold to brokers")
    assert shown["purposes"][1].startswith("profiling"), shown
    assert "notes" in shown  # what the record holds, whatever the line said too


def test_an_early_check_does_not_freeze_the_record_before_the_real_change(
        pg_url: str, liar: psycopg.Connection[tuple[object, ...]]) -> None:
    """``SET CONSTRAINTS ALL IMMEDIATE`` records early; a later change of the transaction is recorded again."""
    with RegisterStore.open(pg_url) as store:
        activity = store.load().organizations[0].activities[0]
        with liar.transaction():
            _lie(liar, activity.id, m.snapshot(activity))
            liar.execute("SET CONSTRAINTS ALL IMMEDIATE")
            liar.execute("UPDATE purposes SET description = 'profiling' WHERE activity_id = %s AND position = 0",
                         (activity.id,))
            liar.execute("SET CONSTRAINTS ALL DEFERRED")
            liar.execute("UPDATE activities SET description = 'sold to brokers' WHERE id = %s", (activity.id,))
        last = recorded_audit_log(store, activity.id)[-1]
        assert last.recorded == store.load_activity(activity.id)
        assert last.recorded is not None and last.recorded.purposes[0].description == "profiling"  # type: ignore[attr-defined]


def test_every_sub_row_changed_at_once_is_in_the_history(pg_url: str,
                                                         liar: psycopg.Connection[tuple[object, ...]]) -> None:
    """The server's own line holds the first changed row; the record beside it holds them all."""
    with RegisterStore.open(pg_url) as store:
        activity = store.load().organizations[0].activities[0]
        assert len(activity.purposes) >= 1
        with liar.transaction():
            liar.execute("UPDATE purposes SET description = 'changed ' || position WHERE activity_id = %s",
                         (activity.id,))
            liar.execute("INSERT INTO purposes (activity_id, description, main, legal_basis, legal_basis_details, "
                         "position) VALUES (%s, 'added in psql', false, '', '', 99)", (activity.id,))
            liar.execute("UPDATE data_subjects SET details = 'changed in psql' WHERE activity_id = %s",
                         (activity.id,))
        entries = recorded_audit_log(store, activity.id)
        truth = store.load_activity(activity.id)
    assert entries[-1].user == "lying_editor" and entries[-1].recorded == truth
    event = history(entries, "en", current=truth)[-1]
    shown = {change.path: change.new for change in event.changes}
    assert not event.differs and set(shown) >= {"purposes", "data_subjects"}, shown
    assert all(f"changed {i}" in shown["purposes"] for i in range(len(activity.purposes)))
    assert "added in psql" in shown["purposes"]


def test_the_application_s_saves_agree_with_the_server_s_records(pg_url: str) -> None:
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
        org = store.load().organizations[0]
        activity = org.activities[0]
        activity.purposes.append(Purpose(description="one more"))
        activity.notes = "by the application"
        store.save_activity(org.id, activity)
        org.name += " (renamed)"
        org.dpo.phone = "09 09 09 09 09"
        store.save_organization(org)
        recipient = org.recipients[0]
        recipient.name += " (renamed)"
        store.save_recipient(org.id, recipient)
        for entity_id, current in ((activity.id, activity), (org.id, org), (recipient.id, recipient)):
            entries = recorded_audit_log(store, entity_id)
            assert entries and all(e.has_record for e in entries), entity_id
            events = history(entries, "en", current=current)
            assert not any(e.differs for e in events), (entity_id, [e.changes for e in events])
        assert "by the application" in {c.new for c in history(recorded_audit_log(store, activity.id), "en")[-1]
                                        .changes}


def test_nobody_but_the_server_writes_or_changes_a_record(pg_url: str,
                                                          liar: psycopg.Connection[tuple[object, ...]]) -> None:
    line = liar.execute("SELECT max(line_id) FROM audit_rows").fetchone()
    assert line is not None and line[0] is not None
    for statement in ("UPDATE audit_rows SET rows = '{}' WHERE line_id = %s",
                      "DELETE FROM audit_rows WHERE line_id = %s",
                      "INSERT INTO audit_rows VALUES (%s + 1000, '{}')"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            liar.execute(statement, (line[0],))


@pytest.mark.slow
def test_an_import_s_creations_go_unrecorded_and_the_next_save_is_recorded(pg_url: str) -> None:
    """Over 500 lines in one transaction, a new activity's compact creation is not recorded (its cost: 0013)."""
    from ropa_desktop.services.synthetic import synthetic_register

    with RegisterStore.open(pg_url) as store:
        store.write_register(synthetic_register(520, organizations=1))
        org = store.load().organizations[0]
        activity = org.activities[0]
        [created] = recorded_audit_log(store, activity.id)
        assert created.action == "create" and not created.has_record
        [org_created] = recorded_audit_log(store, org.id)
        assert org_created.has_record  # (a full picture: recorded)
        activity.notes = "after the import"
        store.save_activity(org.id, activity)
        entries = recorded_audit_log(store, activity.id)
    assert [e.has_record for e in entries] == [False, True]
    created_event, saved = history(entries, "en", current=activity)
    assert not saved.differs and [c.path for c in saved.changes] == ["notes"]
    assert any(c.path == "name" and c.new == activity.name for c in created_event.changes)

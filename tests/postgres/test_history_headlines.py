"""A history line whose words differ from the server's record: its headline comes from the records, not the line."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from ropa_desktop.services.history import history
from ropa_desktop.storage import mapping as m
from ropa_desktop.storage.audit_records import recorded_audit_log
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.marked_editor import marked_editor
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

_LINE = """INSERT INTO audit_log (at, "user", display_name, action, entity, entity_id, before, after)
           VALUES ('', '', %s, %s, 'activity', %s, %s, %s)"""

Liar = psycopg.Connection[tuple[object, ...]]


@pytest.fixture
def liar(pg_url: str, postgres_server: PostgresServer) -> Iterator[Liar]:
    with marked_editor(pg_url, postgres_server, "headline_liar") as con:
        yield con


def _events(pg_url: str, activity_id: str) -> list:  # type: ignore[type-arg]
    with RegisterStore.open(pg_url, read_only=True) as store:
        return history(recorded_audit_log(store, activity_id), "en", current=store.load_activity(activity_id))


def _first_activity(pg_url: str) -> object:
    with RegisterStore.open(pg_url, read_only=True) as store:
        return store.load().organizations[0].activities[0]


def test_a_line_saying_deleted_for_an_activity_that_still_exists_reads_changed_by_the_role_only(
        pg_url: str, liar: Liar) -> None:
    activity = _first_activity(pg_url)
    picture = json.dumps(m.snapshot(activity), default=str)  # type: ignore[arg-type]
    with liar.transaction():
        liar.execute(_LINE, ("Alice Martin", "delete", activity.id, picture, None))  # type: ignore[attr-defined]
        liar.execute("UPDATE activities SET description = 'sold to brokers', version = version + 1 WHERE id = %s",
                     (activity.id,))  # type: ignore[attr-defined]
    last = _events(pg_url, activity.id)[-1]  # type: ignore[attr-defined]
    assert last.differs
    assert last.action == "update" and [c.path for c in last.changes] == ["description"]
    assert last.who == "headline_liar" and "Alice" not in last.who


def test_a_line_saying_nothing_changed_when_nothing_did_reads_no_change_recorded(pg_url: str, liar: Liar) -> None:
    activity = _first_activity(pg_url)
    picture = json.dumps(m.snapshot(activity), default=str)  # type: ignore[arg-type]
    with liar.transaction():
        liar.execute(_LINE, ("", "delete", activity.id, picture, None))  # type: ignore[attr-defined]
    last = _events(pg_url, activity.id)[-1]  # type: ignore[attr-defined]
    assert last.differs and last.action == "none" and not last.changes


def test_an_update_line_with_only_the_id_while_the_record_changed_differs(pg_url: str, liar: Liar) -> None:
    activity = _first_activity(pg_url)
    compact = json.dumps({"id": activity.id})  # type: ignore[attr-defined]
    with liar.transaction():
        liar.execute(_LINE, ("", "update", activity.id, compact, compact))  # type: ignore[attr-defined]
        liar.execute("UPDATE activities SET description = 'sold to brokers', version = version + 1 WHERE id = %s",
                     (activity.id,))  # type: ignore[attr-defined]
    last = _events(pg_url, activity.id)[-1]  # type: ignore[attr-defined]
    assert last.differs and last.action == "update"
    assert [c.path for c in last.changes] == ["description"]


def test_a_sub_row_changed_in_psql_shows_the_field_changed_on_every_line_of_its_transaction(
        pg_url: str, liar: Liar, postgres_server: PostgresServer) -> None:
    activity = _first_activity(pg_url)
    known = len(_events(pg_url, activity.id))  # type: ignore[attr-defined]
    with liar.transaction():  # under the forged mark, no line: the server writes them at commit (0012)
        liar.execute("UPDATE purposes SET description = 'profiling' WHERE activity_id = %s AND position = 0",
                     (activity.id,))  # type: ignore[attr-defined]
        liar.execute("UPDATE activities SET notes = 'n1', version = version + 1 WHERE id = %s",
                     (activity.id,))  # type: ignore[attr-defined]
    with postgres_server.connect(pg_url) as con, con.transaction():  # without it: a line per row (0009)
        con.execute("UPDATE purposes SET description = 'marketing' WHERE activity_id = %s AND position = 0",
                    (activity.id,))  # type: ignore[attr-defined]
        con.execute("UPDATE activities SET notes = 'n2' WHERE id = %s", (activity.id,))  # type: ignore[attr-defined]
    events = _events(pg_url, activity.id)[known:]  # type: ignore[attr-defined]
    assert events and all(e.changes and not e.differs for e in events), events
    shown = {(c.path, c.new.split(" | ")[0]) for e in events for c in e.changes}
    assert {("purposes", "profiling"), ("notes", "n1"), ("purposes", "marketing"), ("notes", "n2")} <= shown, shown

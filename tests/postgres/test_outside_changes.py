"""Changes made straight in psql (not through the application): versions bumped, audited once, announced."""

from __future__ import annotations

import time

import pytest

from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.errors import StaleWriteError
from ropa_desktop.storage.listener import ChangeListener, ChangeNotice
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.server import parse_server_url
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def seeded_url(pg_url: str) -> str:
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
    return pg_url


def _psql(server: PostgresServer, url: str, statement: str, *params: object) -> None:
    """One statement committed on a plain session, as an editor typing in psql."""
    with server.connect(url) as con:
        con.execute(statement, params)  # type: ignore[arg-type]


def test_an_update_in_psql_bumps_the_version_is_audited_and_a_stale_save_is_refused(
        seeded_url: str, postgres_server: PostgresServer) -> None:
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        lines = len(store.audit_log())
        _psql(postgres_server, seeded_url, "UPDATE activities SET name = 'Typed in psql', version = 1 WHERE id = %s",
              activity.id)
        log = store.audit_log()
        assert len(log) == lines + 1
        line = log[-1]
        assert (line.user, line.action, line.entity, line.entity_id, line.organization_id) == (
            "postgres", "update", "activity", activity.id, org.id)
        assert line.before is not None and line.after is not None
        assert line.before["table"] == line.after["table"] == "activities"
        assert (line.before["row"]["name"], line.after["row"]["name"]) == (activity.name, "Typed in psql")
        assert (line.before["row"]["version"], line.after["row"]["version"]) == (1, 2)  # the 1 it was set to: ignored
        activity.notes = "my note, typed from the old version"
        with pytest.raises(StaleWriteError) as conflict:
            store.save_activity(org.id, activity)
        assert conflict.value.current.name == "Typed in psql"  # type: ignore[attr-defined]


def test_a_sub_row_changed_in_psql_bumps_its_owner_and_is_audited_once(seeded_url: str,
                                                                     postgres_server: PostgresServer) -> None:
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        version = store.version("activity", activity.id)
        lines = len(store.audit_log())
        _psql(postgres_server, seeded_url, "UPDATE purposes SET description = 'psql purpose' WHERE activity_id = %s "
              "AND position = 0", activity.id)
        _psql(postgres_server, seeded_url, "UPDATE contacts SET phone = '01 02 03 04 05' WHERE organization_id = %s "
              "AND kind = 'dpo'", org.id)
        log = store.audit_log()
        assert [(e.entity, e.entity_id, e.before and e.before["table"]) for e in log[lines:]] == [
            ("activity", activity.id, "purposes"), ("organization", org.id, "contacts")]
        assert log[lines].after is not None and log[lines].after["row"]["description"] == "psql purpose"
        assert store.load_activity(activity.id).purposes[0].description == "psql purpose"
        assert store.version("activity", activity.id) == (version or 0) + 1
        # A delete in psql is one line: the activity's, not one per sub-row its cascade removed.
        _psql(postgres_server, seeded_url, "DELETE FROM activities WHERE id = %s", activity.id)
        log = store.audit_log()
        assert [(e.action, e.entity, e.entity_id) for e in log[lines + 2:]] == [("delete", "activity", activity.id)]


def test_the_application_s_own_saves_are_audited_once(seeded_url: str) -> None:
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        version = store.version("activity", activity.id) or 0
        lines = len(store.audit_log())
        activity.notes = "saved by the application"
        activity.purposes[0].description = "and a sub-row"
        store.save_activity(org.id, activity)
        log = store.audit_log()
        assert [(e.action, e.entity) for e in log[lines:]] == [("update", "activity")]
        assert log[-1].before is not None and "table" not in log[-1].before  # the application's own picture
        assert store.load_activity(activity.id) == activity
        assert store.version("activity", activity.id) == version + 1


def test_clients_and_processing_are_announced_like_activities(pg_url: str, postgres_server: PostgresServer) -> None:
    from tests.builders import processor_register

    with RegisterStore.open(pg_url) as store:
        store.write_register(processor_register())
        org = store.load().organizations[0]
        listener = ChangeListener(parse_server_url(pg_url))
        try:
            client, processing = org.clients[0], org.processor_activities[0]
            client.notes = "changed"
            store.save_client(org.id, client)
            processing.notes = "changed"
            store.save_processor_activity(org.id, processing)
            # A processing's sub-row changed in psql announces its owner, at its new version.
            _psql(postgres_server, pg_url, "UPDATE processor_data_subjects SET details = 'psql' "
                  "WHERE processor_activity_id = %s", processing.id)
            expected = {ChangeNotice("client", client.id, 2, "postgres"),
                        ChangeNotice("processor_activity", processing.id, 2, "postgres"),
                        ChangeNotice("processor_activity", processing.id, 3, "postgres")}
            heard = _heard(listener, expected)
        finally:
            listener.close()
    assert expected <= set(heard)


def _heard(listener: ChangeListener, expected: set[ChangeNotice]) -> list[ChangeNotice]:
    """What the listener hears until all of ``expected`` came (or 5 s passed)."""
    heard: list[ChangeNotice] = []
    deadline = time.monotonic() + 5
    while not expected <= set(heard) and time.monotonic() < deadline:
        heard += listener.poll()
        time.sleep(0.02)
    return heard



def test_the_history_shows_a_psql_change_by_the_field_table_labels(seeded_url: str,
                                                                    postgres_server: PostgresServer) -> None:
    """As for the application's own lines: the field's label in the user's language, not the column's name."""
    from ropa_desktop.services.history import history

    with RegisterStore.open(seeded_url) as store:
        activity = store.load().organizations[0].activities[0]
        _psql(postgres_server, seeded_url, "UPDATE activities SET notes = 'psql note', dpia_required = NOT "
              "coalesce(dpia_required, false) WHERE id = %s", activity.id)
        _psql(postgres_server, seeded_url, "UPDATE purposes SET legal_basis_details = 'typed in psql' "
              "WHERE activity_id = %s AND position = 0", activity.id)
        french, english = (history(store.audit_log(activity.id), lang)[-2:] for lang in ("fr", "en"))
    assert (french[0].who, french[0].action) == ("postgres", "update")
    flipped = "non" if activity.dpia.required else "oui"
    # (and "last update", which the server moves with the version since 0012)
    changed = {c.label: c.new for c in french[0].changes}
    assert changed.pop("Dernière mise à jour de la fiche", "").startswith("20")
    assert changed == {"Notes internes": "psql note", "Analyse d'impact (AIPD) – AIPD requise": flipped}
    assert {c.label for c in english[0].changes} == {"Internal notes", "Impact assessment (DPIA) – DPIA required",
                                                     "Last update"}
    assert {c.path for c in english[0].changes} == {"notes", "dpia.required", "updated"}
    # A purpose's row: the list's item field, and none of its bookkeeping (its own id, its place, its owner)
    assert [(c.label, c.new) for c in french[1].changes] == [
        ("Finalité(s) du traitement – Précisions sur la base légale", "typed in psql")]
    assert [c.label for c in english[1].changes] == ["Purposes of the processing – Legal basis details"]


def test_a_one_statement_save_is_refused_when_stale_and_audited_once(seeded_url: str) -> None:
    """The one-statement save (an activity's own fields, from the version read) keeps every guarantee."""
    from sqlalchemy import event

    with RegisterStore.open(seeded_url) as alice, RegisterStore.open(seeded_url) as bob:
        org_id = alice.load().organizations[0].id
        activity_id = alice.load().organizations[0].activities[0].id
        mine, theirs = alice.load_activity(activity_id), bob.load_activity(activity_id)
        lines = len(alice.audit_log(activity_id))
        statements: list[str] = []
        event.listen(alice._engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        mine.description = "Alice's wording"
        alice.save_activity(org_id, mine)
        assert len(statements) == 1 and statements[0].lstrip().startswith("WITH")  # one round trip (and the ping)
        theirs.notes = "Bob's note"
        with pytest.raises(StaleWriteError) as conflict:
            bob.save_activity(org_id, theirs)
        assert conflict.value.current.description == "Alice's wording"  # type: ignore[attr-defined]
        mine.name = "Alice's name"
        alice.save_activity(org_id, mine)
        log = alice.audit_log(activity_id)[lines:]
        assert [(e.user, e.action) for e in log] == [("postgres", "update")] * 2
        assert log[0].before is not None and log[0].after is not None
        assert (log[0].before["description"], log[0].after["description"]) == (theirs.description,
                                                                               "Alice's wording")
        assert bob.load_activity(activity_id) == mine
        assert alice.version("activity", activity_id) == bob.version("activity", activity_id) == 3

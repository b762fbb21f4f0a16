"""Two clients on one server register: a stale save is a conflict, never an overwrite; a restart loses nothing."""

from __future__ import annotations

import copy
import statistics
import time

import psycopg
import pytest

from ropa_desktop.domain.model import Activity
from ropa_desktop.services.seeding import seed_register
from ropa_desktop.storage.errors import StaleWriteError, StorageError
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def seeded_url(pg_url: str) -> str:
    with RegisterStore.open(pg_url) as store:
        store.write_register(seed_register())
    return pg_url


def test_the_second_save_of_the_same_activity_is_a_conflict_and_nothing_is_lost(seeded_url: str) -> None:
    with RegisterStore.open(seeded_url) as alice, RegisterStore.open(seeded_url) as bob:
        org = alice.load().organizations[0]
        mine = copy.deepcopy(org.activities[0])
        theirs = copy.deepcopy(bob.load().organizations[0].activities[0])
        mine.description = "Alice's wording"
        theirs.notes = "Bob's note"
        alice.save_activity(org.id, mine)
        with pytest.raises(StaleWriteError) as conflict:
            bob.save_activity(org.id, theirs)
        # The conflict carries what the register holds now, for the review of both sides.
        assert conflict.value.current is not None
        assert conflict.value.current.description == "Alice's wording"  # type: ignore[attr-defined]
        assert (conflict.value.expected, conflict.value.found) == (1, 2)
        assert "someone else" in conflict.value.message("en")
        # Bob reloads, keeps Alice's change and adds his own: now it saves.
        fresh = bob.load_activity(mine.id)
        fresh.notes = "Bob's note"
        bob.save_activity(org.id, fresh)
        final = alice.load_activity(mine.id)
        assert (final.description, final.notes) == ("Alice's wording", "Bob's note")
        assert alice.version("activity", mine.id) == 3
        # A delete against a stale version is refused too.
        carol = RegisterStore.open(seeded_url)
        carol.load()
        bob.save_activity(org.id, _touched(bob.load_activity(mine.id)))
        with pytest.raises(StaleWriteError):
            carol.delete_activity(mine.id)
        carol.close()
        assert alice.load_activity(mine.id).notes == "touched"
        assert [e.user for e in alice.audit_log(mine.id)] == ["postgres"] * 4


def _touched(activity: Activity) -> Activity:
    activity.notes = "touched"
    return activity


def test_a_stale_organisation_or_recipient_save_is_refused(seeded_url: str) -> None:
    with RegisterStore.open(seeded_url) as alice, RegisterStore.open(seeded_url) as bob:
        a_org, b_org = alice.load().organizations[0], bob.load().organizations[0]
        a_org.notes, b_org.notes = "from Alice", "from Bob"
        alice.save_organization(a_org)
        with pytest.raises(StaleWriteError):
            bob.save_organization(b_org)
        assert bob.load_organization(b_org.id).notes == "from Alice"
        if a_org.recipients:
            a_rec, b_rec = a_org.recipients[0], copy.deepcopy(b_org.recipients[0])
            a_rec.details, b_rec.details = "Alice", "Bob"
            alice.save_recipient(a_org.id, a_rec)
            with pytest.raises(StaleWriteError):
                bob.save_recipient(b_org.id, b_rec)


def test_an_import_over_a_changed_activity_is_refused_whole(seeded_url: str) -> None:
    with RegisterStore.open(seeded_url) as alice, RegisterStore.open(seeded_url) as bob:
        register = alice.load()
        base = bob.load()
        changed = copy.deepcopy(register)
        changed.organizations[0].activities[0].name = "Alice renamed it"
        alice.save_activity(changed.organizations[0].id, changed.organizations[0].activities[0])
        incoming = copy.deepcopy(base)
        for activity in incoming.organizations[0].activities:
            activity.notes = "bulk"
        with pytest.raises(StaleWriteError):
            bob.write_register(incoming, base=base)
        after = alice.load()
        assert after.organizations[0].activities[0].name == "Alice renamed it"
        assert all(a.notes != "bulk" for a in after.organizations[0].activities)  # all or nothing


def test_the_audit_log_names_each_role_and_refuses_forgery(seeded_url: str, postgres_server: PostgresServer) -> None:
    with postgres_server.connect(seeded_url) as con:
        con.execute("CREATE ROLE clerk LOGIN")
        con.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clerk")
        con.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO clerk")
    try:
        with RegisterStore.open(seeded_url.replace("postgres@", "clerk@")) as clerk:
            org = clerk.load().organizations[0]
            activity = org.activities[0]
            activity.notes = "by the clerk"
            clerk.save_activity(org.id, activity)
            assert clerk.audit_log(activity.id)[-1].user == "clerk"
        database = seeded_url.split("@/", 1)[1].split("?", 1)[0]
        with psycopg.connect(host=str(postgres_server.socket_dir), dbname=database, user="clerk",
                             autocommit=True) as con:
            con.execute("""INSERT INTO audit_log (at, "user", action, entity, entity_id)
                           VALUES ('x', 'the boss', 'create', 'activity', 'forged')""")
            assert con.execute("""SELECT "user" FROM audit_log WHERE entity_id = 'forged'""").fetchone() == ("clerk",)
            for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    con.execute(statement)
    finally:
        with postgres_server.connect(seeded_url) as con:
            con.execute("DROP OWNED BY clerk")
            con.execute("DROP ROLE clerk")


@pytest.mark.slow
def test_a_server_restart_between_two_saves_loses_nothing_and_the_store_reconnects(
        seeded_url: str, postgres_server: PostgresServer) -> None:
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        first, second = org.activities[0], org.activities[1]
        first.notes = "saved before the restart"
        store.save_activity(org.id, first)
        postgres_server.restart()
        second.notes = "saved after the restart"
        store.save_activity(org.id, second)  # the pool's dead connection is replaced, the save goes through
    with RegisterStore.open(seeded_url, read_only=True) as reader:
        again = reader.load().organizations[0]
        assert again.activities[0].notes == "saved before the restart"
        assert again.activities[1].notes == "saved after the restart"


def test_a_save_while_the_server_is_down_is_a_clear_error_and_is_kept(seeded_url: str,
                                                                     postgres_server: PostgresServer) -> None:
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        activity.notes = "typed while the server was down"
        postgres_server._run(postgres_server.bindir / "pg_ctl", "-D", postgres_server.data, "-w", "-m", "fast",
                             "stop")
        try:
            with pytest.raises(StorageError) as down:
                store.save_activity(org.id, copy.deepcopy(activity))
            assert down.value.code == "server_unreachable"
        finally:
            postgres_server._pg_ctl("start")
        store.save_activity(org.id, activity)  # nothing was written, the version is unchanged: the retry saves
        assert store.load_activity(activity.id).notes == "typed while the server was down"


def test_single_save_latency(seeded_url: str) -> None:
    """p50/p95 of one activity save on the local server (printed; a generous bound catches a regression)."""
    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = org.activities[0]
        times = []
        for i in range(40):
            activity.notes = f"edit {i}"
            start = time.perf_counter()
            store.save_activity(org.id, activity)
            times.append(time.perf_counter() - start)
    p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
    print(f"single save on PostgreSQL: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    assert p95 < 2.0


def test_a_stale_client_or_processing_save_is_refused(pg_url: str) -> None:
    from tests.builders import processor_register

    with RegisterStore.open(pg_url) as store:
        store.write_register(processor_register())
    with RegisterStore.open(pg_url) as alice, RegisterStore.open(pg_url) as bob:
        a_org, b_org = alice.load().organizations[0], bob.load().organizations[0]
        a_org.clients[0].notes, b_org.clients[0].notes = "from Alice", "from Bob"
        alice.save_client(a_org.id, a_org.clients[0])
        with pytest.raises(StaleWriteError) as conflict:
            bob.save_client(b_org.id, b_org.clients[0])
        assert conflict.value.current.notes == "from Alice"  # type: ignore[attr-defined]
        a_proc, b_proc = a_org.processor_activities[0], b_org.processor_activities[0]
        a_proc.notes, b_proc.notes = "from Alice", "from Bob"
        alice.save_processor_activity(a_org.id, a_proc)
        with pytest.raises(StaleWriteError):
            bob.save_processor_activity(b_org.id, b_proc)
        with pytest.raises(StaleWriteError):
            bob.delete_processor_activity(b_proc.id)
        fresh = bob.load_processor_activity(b_proc.id)
        assert fresh.notes == "from Alice"
        fresh.name = "Bob's name"
        bob.save_processor_activity(b_org.id, fresh)
        assert alice.load_processor_activity(b_proc.id).notes == "from Alice"
        assert bob.load_client(b_org.clients[0].id).notes == "from Alice"


def test_the_audit_names_the_role_and_the_display_name_and_the_history_reads_it(seeded_url: str) -> None:
    from ropa_desktop.services.history import history

    with RegisterStore.open(seeded_url) as store:
        org = store.load().organizations[0]
        activity = store.load_activity(org.activities[0].id)
        store.display_name = "Alice Martin"
        activity.status = "validated"
        store.save_activity(org.id, activity)
        last = store.audit_log(activity.id)[-1]
        assert (last.user, last.display_name, last.organization_id) == ("postgres", "Alice Martin", org.id)
        events = history(store.audit_log(activity.id), "en")
        assert events[-1].who == "Alice Martin (postgres)"
        assert [(c.label, c.new) for c in events[-1].changes] == [("Status", "Validated")]

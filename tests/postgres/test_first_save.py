"""The first save after a load is one statement too, and so are a client's and a processing's own fields."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from ropa_desktop.domain.model import Client, ClientLink, ProcessorActivity
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.errors import StaleWriteError
from ropa_desktop.storage.repository import RegisterStore

pytestmark = pytest.mark.postgres


@pytest.fixture
def processor_url(pg_url: str) -> str:
    register = synthetic_register(3, organizations=1)
    org = register.organizations[0]
    client = Client(name="Acme SAS", city="Lyon")
    org.clients.append(client)
    org.processor_activities.append(ProcessorActivity(reference="ST-01", name="Payroll",
                                                      clients=[ClientLink(client.id, "")]))
    with RegisterStore.open(pg_url) as store:
        store.write_register(register)
    return pg_url


@contextmanager
def statements(store: RegisterStore) -> Iterator[list[str]]:
    """The SQL the store sends while in the block (each one a round trip)."""
    sent: list[str] = []

    def record(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(store._engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(store._engine, "before_cursor_execute", record)


def test_the_first_save_of_each_record_after_the_load_is_one_statement_audited_once(processor_url: str) -> None:
    """As the window saves: an edited copy, with the record as it holds it from the load (its base)."""
    with RegisterStore.open(processor_url) as store:
        org = store.load().organizations[0]
        held = (org.activities[1], org.clients[0], org.processor_activities[0])
        activity, client, processing = (copy.deepcopy(record) for record in held)
        lines = len(store.audit_log())
        activity.description, client.city, processing.name = "First save", "Grenoble", "Payroll and leave"
        for save in (lambda: store.save_activity(org.id, activity, base=held[0]),
                     lambda: store.save_client(org.id, client, base=held[1]),
                     lambda: store.save_processor_activity(org.id, processing, base=held[2])):
            with statements(store) as sent:
                save()
            assert len(sent) == 1 and sent[0].lstrip().startswith("WITH"), sent  # one round trip, no reload
        log = store.audit_log()[lines:]
        held[1].phone = "04 00 00 00 00"  # a base changed in place, the very record saved: read again, saved
        with statements(store) as sent:
            store.save_client(org.id, held[1], base=held[1])
        assert len(sent) == 1  # its picture from the save above: still one statement
    assert [(e.entity, e.action) for e in log] == [("activity", "update"), ("client", "update"),
                                                   ("processor_activity", "update")]
    assert (log[1].before["city"], log[1].after["city"]) == ("Lyon", "Grenoble")  # type: ignore[index]
    assert (log[2].before["name"], log[2].after["name"]) == ("Payroll", "Payroll and leave")  # type: ignore[index]
    with RegisterStore.open(processor_url, read_only=True) as reader:
        saved = reader.load().organizations[0]
    assert saved.activities[1] == activity and saved.processor_activities[0] == processing
    assert saved.clients[0].phone == "04 00 00 00 00" and saved.clients[0].city == "Lyon"  # held[1] is the old copy


def test_a_record_changed_in_place_and_saved_without_a_base_is_read_again_and_saved(processor_url: str) -> None:
    with RegisterStore.open(processor_url) as store:
        org = store.load().organizations[0]
        org.activities[0].name = "Changed in place"
        store.save_activity(org.id, org.activities[0], base=org.activities[0])  # no base of its own: not lost
    with RegisterStore.open(processor_url, read_only=True) as reader:
        assert reader.load().organizations[0].activities[0].name == "Changed in place"


def test_a_first_save_from_a_stale_load_is_refused_and_a_sub_list_takes_the_usual_path(processor_url: str) -> None:
    with RegisterStore.open(processor_url) as alice, RegisterStore.open(processor_url) as bob:
        mine, theirs = alice.load().organizations[0], bob.load().organizations[0]
        theirs.processor_activities[0].name = "Bob's name"
        bob.save_processor_activity(theirs.id, theirs.processor_activities[0])
        mine.processor_activities[0].description = "Alice's wording"
        with pytest.raises(StaleWriteError):  # what Alice loaded is no longer there: never overwritten
            alice.save_processor_activity(mine.id, mine.processor_activities[0])
        theirs.clients[0].contact.name = "Jeanne Martin"  # a contact is a row of another table
        with statements(bob) as sent:
            bob.save_client(theirs.id, theirs.clients[0])
        assert len(sent) > 1
        theirs.clients[0].email = "dpo@acme.example"  # then its own field again: one statement from that save
        with statements(bob) as sent:
            bob.save_client(theirs.id, theirs.clients[0])
        assert len(sent) == 1
    with RegisterStore.open(processor_url, read_only=True) as reader:
        saved = reader.load().organizations[0]
    assert saved.processor_activities[0].name == "Bob's name" and saved.processor_activities[0].description == ""
    assert saved.clients[0] == theirs.clients[0]


def test_the_saving_connection_kept_between_saves_survives_a_server_restart(
    processor_url: str, postgres_server: object
) -> None:
    """No ping before each save: a connection the restart dropped is replaced, the save sent once and audited once."""
    with RegisterStore.open(processor_url) as store:
        org_id = store.load().organizations[0].id
        activity = store.load_activity(store.load().organizations[0].activities[0].id)
        lines = len(store.audit_log(activity.id))
        activity.notes = "before the restart"
        store.save_activity(org_id, activity)
        postgres_server.restart()  # type: ignore[attr-defined]
        activity.notes = "after the restart"
        with statements(store) as sent:
            store.save_activity(org_id, activity)
        assert len(sent) == 2 and all(s.lstrip().startswith("WITH") for s in sent)  # the dropped one, then anew
        log = store.audit_log(activity.id)[lines:]
        assert [e.after["notes"] for e in log] == ["before the restart", "after the restart"]  # type: ignore[index]
    with RegisterStore.open(processor_url, read_only=True) as reader:
        assert reader.load_activity(activity.id).notes == "after the restart"

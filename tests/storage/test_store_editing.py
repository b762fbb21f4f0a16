"""Every user action is one durable, audited transaction; reopening the file finds exactly what was written."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from ropa_desktop.domain.model import Activity, ActivityRecipient, Purpose, Recipient
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.backup import list_backups, make_backup, restore_backup
from ropa_desktop.storage.errors import RecipientInUseError, StorageError
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import write_register


@pytest.fixture
def store(tmp_path: Path) -> RegisterStore:
    s = RegisterStore.open(tmp_path / "r.ropa", create=True)
    s.write_register(synthetic_register(30, organizations=2))
    yield s
    s.close()


def reopened(store: RegisterStore) -> RegisterStore:
    path = store.path
    store.close()
    return RegisterStore.open(path)


def test_whole_register_round_trips_exactly(tmp_path: Path) -> None:
    register = synthetic_register(60, organizations=3, seed=7)
    path = tmp_path / "r.ropa"
    write_register(path, register)
    with RegisterStore.open(path) as store:
        assert store.load() == register
        assert store.load_organization(register.organizations[1].id) == register.organizations[1]


def test_edit_survives_reopening(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    activity = org.activities[4]
    activity.name = "Gestion des élèves – café «crème»"
    activity.purposes.append(Purpose("Statistiques", False, "legitimate_interests", "amélioration du service"))
    saved = store.save_activity(org.id, activity)
    assert saved.updated is not None
    store = reopened(store)
    try:
        assert store.load_activity(activity.id) == activity
        assert store.load().organizations[0].activities[4].id == activity.id  # kept its place
    finally:
        store.close()


def test_insert_at_position_and_delete(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    new = Activity(reference="NEW-1", name="Inserted")
    store.save_activity(org.id, new, position=2)
    ids = [a.id for a in store.load().organizations[0].activities]
    assert ids[2] == new.id and ids[3] == org.activities[2].id
    assert store.activity_position(new.id) == 2
    store.delete_activity(org.activities[0].id)
    assert store.load().organizations[0].activities[0].id == org.activities[1].id
    with pytest.raises(StorageError):
        store.load_activity(org.activities[0].id)


def test_undo_can_restore_an_exact_snapshot(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    before = copy.deepcopy(org.activities[1])
    edited = copy.deepcopy(before)
    edited.data_categories.clear()
    store.save_activity(org.id, edited)
    store.save_activity(org.id, before, touch=False)
    assert store.load_activity(before.id) == before


def test_recipient_rename_shows_everywhere_and_in_use_cannot_be_deleted(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    used = next(r for r in org.recipients if any(link.recipient_id == r.id for a in org.activities
                                                 for link in a.recipients))
    used.name = "AWS Europe (renamed)"
    store.save_recipient(org.id, used)
    assert store.load().organizations[0].recipient(used.id).name == "AWS Europe (renamed)"
    with pytest.raises(RecipientInUseError) as info:
        store.delete_recipient(used.id)
    assert info.value.activities and "GEN-" in info.value.message("fr")
    spare = Recipient(name="Unused Ltd", type="partner", country="FR")
    store.save_recipient(org.id, spare)
    store.delete_recipient(spare.id)
    assert store.load().organizations[0].recipient(spare.id) is None


def test_a_link_to_an_unknown_recipient_is_refused_and_nothing_changes(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    activity = copy.deepcopy(org.activities[0])
    activity.recipients.append(ActivityRecipient("no-such-recipient", ""))
    with pytest.raises(StorageError) as raised:
        store.save_activity(org.id, activity)
    assert raised.value.code == "constraint"
    for lang in ("fr", "en"):
        assert "FOREIGN KEY" not in raised.value.message(lang)  # no SQLite text for people
    assert store.load() .organizations[0].activities[0] == org.activities[0]


def test_every_change_is_audited_and_the_audit_log_is_append_only(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    activity = org.activities[0]
    old_name = activity.name
    activity.name = "Renamed"
    store.save_activity(org.id, activity)
    entry = store.audit_log(activity.id)[-1]
    assert entry.action == "update" and entry.before["name"] == old_name and entry.after["name"] == "Renamed"
    path = store.path
    store.close()
    con = sqlite3.connect(path)
    for statement in ("UPDATE audit_log SET user = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(statement)
    con.close()


def test_an_imported_activity_is_audited_by_name_and_its_first_change_keeps_the_whole_before(tmp_path: Path) -> None:
    register = synthetic_register(3)
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        store.write_register(register)  # a bulk write (an import into an empty register)
        activity = register.organizations[0].activities[1]
        [created] = store.audit_log(activity.id)
        assert created.action == "create" and created.before is None
        assert created.after == {"id": activity.id, "reference": activity.reference, "name": activity.name}
        edited = copy.deepcopy(activity)
        edited.description = "Revu"
        store.save_activity(register.organizations[0].id, edited)
        updated = store.audit_log(activity.id)[-1]
        assert updated.action == "update" and updated.before["description"] == activity.description
        assert updated.before["purposes"] and updated.after["description"] == "Revu"  # whole pictures
        activities = [e for e in store.audit_log() if e.entity == "activity"]
        assert [e.action for e in activities] == ["create"] * 3 + ["update"]


def test_disk_full_rolls_back_with_a_clear_error(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    before = store.load()

    # SQLite reports a full disk as SQLITE_FULL; capping the page count produces exactly that error.
    @event.listens_for(store._engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    activity = copy.deepcopy(org.activities[0])
    activity.description = "x" * 2_000_000
    with pytest.raises(StorageError) as info:
        store.save_activity(org.id, activity)
    assert info.value.code == "disk_full"
    assert "rien n'est perdu" in info.value.message("fr")
    event.remove(store._engine, "connect", _cap)
    assert store.load() == before


def test_backups_rotate_verify_and_restore_identical_content(store: RegisterStore, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    for _ in range(11):
        make_backup(store.path, backups)
    assert len(list_backups(store.path, backups)) == 10
    snapshot = store.load()
    kept = make_backup(store.path, backups)
    assert list_backups(store.path, backups)[0] == kept
    store.delete_activity(snapshot.organizations[0].activities[0].id)
    path = store.path
    store.close()
    with pytest.raises(StorageError):
        restore_backup(backups / "missing.sqlite", path)
    restore_backup(kept, path)
    with RegisterStore.open(path) as again:
        assert again.load() == snapshot


def test_organisation_edits_are_audited_once_and_leave_activities_alone(store: RegisterStore) -> None:
    org = store.load().organizations[0]
    identity = copy.deepcopy(org)
    identity.activities, identity.recipients = [], []
    identity.phone = "+33 1 23 45 67 89"
    before = len(store.audit_log(org.id))
    store.save_organization(identity)
    store.save_organization(identity)  # unchanged: nothing to record
    entries = store.audit_log(org.id)
    assert len(entries) == before + 1
    assert entries[-1].before["phone"] == org.phone and entries[-1].after["phone"] == "+33 1 23 45 67 89"
    again = store.load().organizations[0]
    assert again.phone == "+33 1 23 45 67 89" and again.activities == org.activities

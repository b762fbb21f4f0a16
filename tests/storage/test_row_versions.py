"""Row versions on a register file: bumped on every write, kept through undo and redo, never on a failed write."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Activity, Organization, Register
from ropa_desktop.storage.errors import StaleWriteError, StorageError
from ropa_desktop.storage.repository import RegisterStore


def _register() -> Register:
    return Register([Organization(name="Acme", activities=[Activity(reference="A-1", name="Payroll")])])


def _row_version(path: Path, table: str, row_id: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT version FROM {table} WHERE id = ?", (row_id,)).fetchone()[0])
    finally:
        con.close()


def test_versions_are_bumped_on_every_write_and_not_by_an_unchanged_save(tmp_path: Path) -> None:
    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(_register())
        org = store.load().organizations[0]
        activity = org.activities[0]
        assert store.version("activity", activity.id) == 1
        store.save_activity(org.id, activity, touch=False)  # nothing changed: not rewritten, not bumped
        assert _row_version(path, "activities", activity.id) == 1
        activity.name = "Payroll and expenses"
        store.save_activity(org.id, activity)
        org.notes = "changed"
        store.save_organization(org)
        assert store.version("activity", activity.id) == _row_version(path, "activities", activity.id) == 2
        assert store.version("organization", org.id) == _row_version(path, "organizations", org.id) == 2


def test_a_row_changed_behind_the_store_is_a_conflict_not_an_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(_register())
        org = store.load().organizations[0]
        activity = copy.deepcopy(org.activities[0])
    # Another program (or a copy moved back from a server) changed the row meanwhile.
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE activities SET name = 'Theirs', version = version + 1")
    con.close()
    with RegisterStore.open(path) as store:
        store.load()
        con = sqlite3.connect(path)  # not under the lock, as a stand-in for the other writer
        with con:
            con.execute("UPDATE activities SET name = 'Theirs again', version = version + 1")
        con.close()
        activity.name = "Mine"
        with pytest.raises(StaleWriteError) as conflict:
            store.save_activity(org.id, activity)
        assert conflict.value.current.name == "Theirs again"  # type: ignore[attr-defined]
        assert store.version("activity", activity.id) == 2  # what this store read; the failed write changed nothing
        assert store.load_activity(activity.id).name == "Theirs again"
        activity.name = "Mine, after seeing theirs"
        store.save_activity(org.id, activity)
        assert store.version("activity", activity.id) == 4


def test_an_organisation_deleted_and_put_back_saves_again(tmp_path: Path) -> None:
    """Undo and redo of an import that added an organisation: the same ids come and go."""
    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(_register())
        before = store.load()
        after = copy.deepcopy(before)
        after.organizations.append(Organization(name="New", activities=[Activity(reference="N-1")]))
        store.write_register(after, exact=True)
        store.write_register(before, exact=True)
        store.write_register(after, exact=True)
        assert store.load() == after


def test_a_failed_write_leaves_the_versions_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(_register())
        org = store.load().organizations[0]
        activity = org.activities[0]
        activity.name = "Renamed"
        with pytest.raises(StorageError):
            store.save_activity("no such organisation", activity)
        assert store.version("activity", activity.id) == 1
        store.save_activity(org.id, activity)
        assert store.version("activity", activity.id) == 2


@pytest.mark.parametrize("table", ["clients", "processor_activities"])
def test_a_stale_client_or_processing_save_or_delete_is_refused(tmp_path: Path, table: str) -> None:
    from tests.builders import processor_register

    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(processor_register())
    with RegisterStore.open(path) as store:
        org = store.load().organizations[0]
        client, processing = copy.deepcopy(org.clients[2]), copy.deepcopy(org.processor_activities[1])
        row_id = client.id if table == "clients" else processing.id
        con = sqlite3.connect(path)  # not under the lock, as a stand-in for the other writer
        with con:
            con.execute(f"UPDATE {table} SET name = 'Theirs', version = version + 1 WHERE id = ?", (row_id,))
        con.close()
        client.name = processing.name = "Mine"
        with pytest.raises(StaleWriteError) as conflict:
            if table == "clients":
                store.save_client(org.id, client)
            else:
                store.save_processor_activity(org.id, processing)
        assert conflict.value.current.name == "Theirs"  # type: ignore[attr-defined]
        with pytest.raises(StaleWriteError):
            store.delete_processor_activity(row_id) if table != "clients" else store.delete_client(row_id)
        assert _row_version(path, table, row_id) == 2
        # Seen (reloaded), the user's own change saves on top of theirs.
        if table == "clients":
            fresh_client = store.load_client(row_id)
            fresh_client.notes = "mine"
            store.save_client(org.id, fresh_client)
            assert store.load_client(row_id).name == "Theirs"
        else:
            fresh = store.load_processor_activity(row_id)
            fresh.notes = "mine"
            store.save_processor_activity(org.id, fresh)
            assert store.load_processor_activity(row_id).name == "Theirs"
        assert _row_version(path, table, row_id) == 3
        assert store.version({"clients": "client"}.get(table, "processor_activity"), row_id) == 3


def test_a_save_in_place_rewrites_exactly_the_lists_that_changed(tmp_path: Path) -> None:
    """The save path updates the row and only the changed sub-lists: every field still reads back as saved."""
    from tests.builders import filled_register

    filled = filled_register()
    path = tmp_path / "r.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(filled.register)
        org_id, activity_id = filled.org.id, filled.activity.id
        activity = filled.activity
        for step in range(4):
            if step % 2 == 0:
                activity = store.load_activity(activity_id)
            if step == 0:
                activity.notes = "only the row"
            elif step == 1:  # saved again from what this store wrote, without reading it back
                activity.purposes[0].description = "a list item changed"
                activity.sources = activity.sources[:1]
            elif step == 2:
                activity.data_subjects.append(copy.deepcopy(activity.data_subjects[0]))
                activity.dpia.required = not activity.dpia.required
            else:
                activity.retention.clear()
                activity.recipients.reverse()
            store.save_activity(org_id, activity)
            with RegisterStore.open(path, read_only=True) as reader:
                assert reader.load_activity(activity_id) == activity, step
        assert store.version("activity", activity_id) == 5
        assert [e.action for e in store.audit_log(activity_id)] == ["create"] + ["update"] * 4

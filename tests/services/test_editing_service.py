"""The editing service without Qt: references, copies of organisations, what an import touched."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ropa_desktop.domain.model import (
    Activity,
    ActivityRecipient,
    Client,
    ClientLink,
    Organization,
    ProcessorActivity,
    Recipient,
    Register,
    SecurityMeasure,
    SubProcessor,
)
from ropa_desktop.services.editing import (
    RegisterEditor,
    copy_organization,
    into_organization,
    next_processor_reference,
    next_reference,
    stamp_applied,
)
from ropa_desktop.storage.errors import ClientInUseError
from ropa_desktop.storage.repository import RegisterStore


def test_next_reference_follows_the_prefix_and_padding() -> None:
    org = Organization(name="LaserSeven", activities=[Activity(reference=f"LS-{i:02d}") for i in range(1, 11)])
    assert next_reference(org) == "LS-11"
    assert next_reference(Organization(name="Enlaps", activities=[Activity(reference="EN-3")])) == "EN-4"
    assert next_reference(Organization(name="Boulangerie Martin")) == "BM-01"
    gap = Organization(name="X", activities=[Activity(reference="T-009"), Activity(reference="t-010")])
    assert next_reference(gap) == "T-011"


def test_a_copied_organisation_has_its_own_ids_and_links() -> None:
    recipient = Recipient(name="AWS")
    org = Organization(name="A", recipients=[recipient],
                       activities=[Activity(name="x", recipients=[ActivityRecipient(recipient.id, "hosting")])])
    twin = copy_organization(org, "B")
    assert twin.name == "B" and twin.id != org.id
    assert twin.recipients[0].id != recipient.id
    assert twin.activities[0].recipients[0].recipient_id == twin.recipients[0].id
    assert org.activities[0].recipients[0].recipient_id == recipient.id  # the original is untouched


def test_organisations_inserted_and_removed_where_asked(tmp_path: Path) -> None:
    path = tmp_path / "r.ropa"
    first, second = Organization(name="First"), Organization(name="Second")
    with RegisterStore.open(path, create=True) as store:
        store.write_register(Register([first, second]))
        editor = RegisterEditor(store, store.load())
        change = editor.insert_organization(Organization(name="Between"), 1)
        assert change.kind == "organizations"
        assert [o.name for o in store.load().organizations] == ["First", "Between", "Second"]
        index, removed, _ = editor.remove_organization(first.id)
        assert (index, removed.name) == (0, "First")
        assert [o.name for o in store.load().organizations] == ["Between", "Second"]
        assert editor.register == store.load()


def test_an_import_stamps_what_it_changed_and_can_target_an_organisation() -> None:
    kept, changed = Activity(name="kept"), Activity(name="before")
    before = Register([Organization(name="Org", activities=[kept, changed])])
    after = copy.deepcopy(before)
    after.organizations[0].activities[1].name = "after"
    now = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    assert stamp_applied(before, after, now) == [(before.organizations[0].id, changed.id)]
    assert after.organizations[0].activities[1].updated == now and after.organizations[0].activities[0].updated is None
    incoming = Register([Organization(name="Elsewhere", activities=[Activity(name="n")])])
    aimed = into_organization(incoming, before.organizations[0])
    assert (aimed.organizations[0].id, aimed.organizations[0].name) == (before.organizations[0].id, "Org")
    assert incoming.organizations[0].name == "Elsewhere"


# --- the processor's register (Art. 30(2)) -----------------------------------------------------------------

def test_processing_for_clients_takes_its_own_prefix() -> None:
    org = Organization(name="Hosting Co", activities=[Activity(reference="HC-07")])
    assert next_processor_reference(org) == "ST-01"
    org.processor_activities = [ProcessorActivity(reference="PR-009"), ProcessorActivity(reference="PR-010")]
    assert next_processor_reference(org) == "PR-011"
    assert next_reference(org) == "HC-08"  # the controller's numbering is its own


def test_clients_and_processing_are_added_changed_duplicated_and_removed(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        org = Organization(name="Hosting Co")
        store.save_organization(org)
        editor = RegisterEditor(store, store.load())
        acme, globex = Client(name="Acme"), Client(name="Globex")
        assert editor.put_client(org.id, acme).kind == "clients"
        editor.put_client(org.id, globex)
        twin = editor.duplicate_client_of(org.id, acme.id, "(copy)")
        assert (twin.name, twin.id != acme.id) == ("Acme (copy)", True)
        editor.put_client(org.id, twin, index=1)
        assert [c.name for c in store.load_organization(org.id).clients] == ["Acme", "Acme (copy)", "Globex"]

        first = editor.blank_processor_activity(org.id)
        assert first.reference == "ST-01" and first.status == "draft"
        first.name, first.clients = "Hosting", [ClientLink(acme.id)]
        written, change = editor.put_processor_activity(org.id, first, touch=True)
        assert (change.kind, change.index, written.updated is not None) == ("processor_activity_inserted", 0, True)
        second = editor.duplicate_processor_activity_of(org.id, first.id, "(copy)")
        assert (second.reference, second.name, second.clients) == ("ST-02", "Hosting (copy)", first.clients)
        index, position = editor.processor_placement(org.id, None)
        editor.put_processor_activity(org.id, second, touch=True, index=index, store_position=position)
        second.sub_processors.append(SubProcessor("Cloud Inc", "US", "hosting", "general"))
        _, change = editor.put_processor_activity(org.id, second, touch=True)
        assert change.kind == "processor_activity_changed"
        assert editor.register == store.load()

        with pytest.raises(ClientInUseError):
            editor.remove_client(org.id, acme.id)
        assert editor.register == store.load()  # refused: memory as it was
        index, position, change = editor.remove_processor_activity(org.id, first.id)
        assert (index, position, change.kind) == (0, 0, "processor_activity_removed")
        editor.remove_processor_activity(org.id, second.id)
        index, removed, _ = editor.remove_client(org.id, acme.id)
        assert (index, removed.name) == (0, "Acme")
        editor.put_client(org.id, removed, index=index)  # undo puts it back where it was
        assert [c.name for c in store.load_organization(org.id).clients] == ["Acme", "Acme (copy)", "Globex"]
        assert editor.register == store.load()


def test_saving_the_organisation_keeps_its_clients_and_saves_its_security_description(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        org = Organization(name="Hosting Co")
        store.save_organization(org)
        editor = RegisterEditor(store, store.load())
        editor.put_client(org.id, Client(name="Acme"))
        edited = copy.deepcopy(editor.organization(org.id))
        edited.security_measures = [SecurityMeasure("encryption", "AES-256")]
        edited.clients = []  # the organisation's form does not hold them: they are kept
        editor.put_organization(edited)
        assert [c.name for c in editor.organization(org.id).clients] == ["Acme"]
        assert editor.register == store.load()
        assert store.load().organizations[0].security_measures == edited.security_measures


def test_a_copied_organisation_has_its_own_clients_and_links() -> None:
    client = Client(name="Acme")
    org = Organization(name="A", clients=[client],
                       processor_activities=[ProcessorActivity(name="x", clients=[ClientLink(client.id)])])
    twin = copy_organization(org, "B")
    assert twin.clients[0].id != client.id and twin.processor_activities[0].id != org.processor_activities[0].id
    assert twin.processor_activities[0].clients[0].client_id == twin.clients[0].id
    assert org.processor_activities[0].clients[0].client_id == client.id


def test_an_import_stamps_the_processing_it_changed() -> None:
    kept, changed = ProcessorActivity(name="kept"), ProcessorActivity(name="before")
    before = Register([Organization(name="Org", processor_activities=[kept, changed])])
    after = copy.deepcopy(before)
    after.organizations[0].processor_activities[1].name = "after"
    now = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    stamp_applied(before, after, now)
    assert [a.updated for a in after.organizations[0].processor_activities] == [None, now]

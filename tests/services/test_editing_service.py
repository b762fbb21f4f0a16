"""The editing service without Qt: references, copies of organisations, what an import touched."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

from ropa_desktop.domain.model import Activity, ActivityRecipient, Organization, Recipient, Register
from ropa_desktop.services.editing import (
    RegisterEditor,
    copy_organization,
    into_organization,
    next_reference,
    stamp_applied,
)
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

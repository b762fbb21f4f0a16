"""The history of an entity from its audit lines: who, when, each field's old and new value in words."""

from __future__ import annotations

import copy
from pathlib import Path

from ropa_desktop.domain.model import Activity, Client, Organization, Register
from ropa_desktop.services.history import history
from ropa_desktop.storage.repository import RegisterStore


def test_a_created_activity_shows_its_first_content_then_each_change(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        store.write_register(Register([Organization(name="Acme", activities=[
            Activity(reference="A-1", name="Payroll", status="draft")])]))
        org = store.load().organizations[0]
        activity = copy.deepcopy(org.activities[0])
        # Never changed since its creation: its first content is the row as written (the caller's current copy).
        [created] = history(store.audit_log(activity.id), "en", current=activity)
        assert created.action == "create"
        assert ("Name of the processing", "∅", "Payroll") in [(c.label, c.old, c.new) for c in created.changes]
        store.display_name = "Alice Martin"
        activity.status, activity.dpia.required = "validated", True
        store.save_activity(org.id, activity)
        created, changed = history(store.audit_log(activity.id), "fr")
        # Without the caller's copy, the creation is read from the next change's "before".
        assert ("Statut", "∅", "Brouillon") in [(c.label, c.old, c.new) for c in created.changes]
        assert changed.who.startswith("Alice Martin (") and changed.role == store.audit_log()[-1].user
        assert [(c.label, c.old, c.new) for c in changed.changes] == [
            ("Statut", "Brouillon", "Validé"), ("Analyse d'impact (AIPD) – AIPD requise", "∅", "oui")]
        store.delete_activity(activity.id)
        assert history(store.audit_log(activity.id), "en")[-1].action == "delete"


def test_a_client_history_names_its_fields(tmp_path: Path) -> None:
    with RegisterStore.open(tmp_path / "r.ropa", create=True) as store:
        store.write_register(Register([Organization(name="Acme")]))
        org_id = store.load().organizations[0].id
        client = Client(name="Beta", country="DE")
        store.save_client(org_id, client)
        client.country = "FR"
        store.save_client(org_id, client)
        created, changed = history(store.audit_log(client.id), "en")
        assert ("Country", "∅", "Germany") in [(c.label, c.old, c.new) for c in created.changes]
        assert [(c.label, c.old, c.new) for c in changed.changes] == [("Country", "Germany", "France")]

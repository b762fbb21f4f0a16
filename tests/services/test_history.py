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


def test_a_line_the_server_wrote_for_a_psql_change_reads_in_the_field_tables_words() -> None:
    """Migration 0009's lines picture a table's raw row: named by the field table, values in words, FR and EN."""
    from ropa_desktop.storage.repository import AuditEntry

    contact = AuditEntry("2026-11-28T03:00:00.000000+00:00", "alice", "update", "organization", "org-1",
                         {"table": "contacts", "row": {"organization_id": "org-1", "kind": "dpo", "email": "a@x.fr"}},
                         {"table": "contacts", "row": {"organization_id": "org-1", "kind": "dpo", "email": "b@x.fr"}})
    purpose = AuditEntry("2026-11-28T03:00:01.000000+00:00", "alice", "update", "activity", "act-1", None,
                         {"table": "purposes", "row": {"id": 41, "activity_id": "act-1", "position": 2,
                                                       "description": "Newsletter", "main": False,
                                                       "legal_basis": "consent", "legal_basis_details": ""}})
    status = AuditEntry("2026-11-28T03:00:02.000000+00:00", "alice", "update", "activity", "act-1",
                        {"table": "activities", "row": {"id": "act-1", "status": "draft", "version": 3}},
                        {"table": "activities", "row": {"id": "act-1", "status": "validated", "version": 4}})
    french = history([contact, purpose, status], "fr")
    assert [(c.label, c.old, c.new) for c in french[0].changes] == [
        ("Délégué à la protection des données (DPO) – Adresse mél", "a@x.fr", "b@x.fr")]
    # a purpose added in psql: its fields (not its surrogate id, place or owner), the code in words
    assert [(c.label, c.new) for c in french[1].changes] == [
        ("Finalité(s) du traitement – Finalité", "Newsletter"),
        ("Finalité(s) du traitement – Finalité principale", "non"),
        ("Finalité(s) du traitement – Base légale", "Consentement (art. 6(1)(a))")]
    assert [(c.path, c.label, c.old, c.new) for c in french[2].changes] == [("status", "Statut", "Brouillon",
                                                                             "Validé")]
    english = history([contact, purpose, status], "en")
    assert [c.label for c in english[0].changes] == ["Data protection officer (DPO) – Email"]
    assert [(c.label, c.old, c.new) for c in english[2].changes] == [("Status", "Draft", "Validated")]

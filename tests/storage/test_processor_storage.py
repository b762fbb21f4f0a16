"""The processor's register (Art. 30(2)) in a real register file: saved, loaded, imported exactly, audited, migrated."""

from __future__ import annotations

import copy
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from ropa_desktop.domain.model import (
    Client,
    ClientLink,
    Organization,
    ProcessorActivity,
    Recipient,
    SecurityMeasure,
    SubProcessor,
    Transfer,
)
from ropa_desktop.storage.errors import ClientInUseError, StorageError
from ropa_desktop.storage.integrity import foreign_objects
from ropa_desktop.storage.migrate import MIGRATIONS
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.builders import filled_processor_register


def _store(tmp_path: Path) -> RegisterStore:
    return RegisterStore.open(tmp_path / "processor.ropa", create=True)


def test_a_fully_filled_processor_register_is_written_and_read_back_exactly(tmp_path: Path) -> None:
    filled = filled_processor_register()
    with _store(tmp_path) as store:
        store.write_register(filled.register)
        assert store.load() == filled.register
        assert store.load_organization(filled.org.id) == filled.org
        assert store.load_client(filled.client.id) == filled.client
        assert store.load_processor_activity(filled.activity.id) == filled.activity
        entities = {(e.entity, e.action) for e in store.audit_log()}
        assert {("client", "create"), ("processor_activity", "create"), ("recipient", "create")} <= entities
        # Written again unchanged: nothing is rewritten, nothing audited.
        count = len(store.audit_log())
        store.write_register(copy.deepcopy(filled.register))
        assert len(store.audit_log()) == count
    with RegisterStore.open(tmp_path / "processor.ropa", read_only=True) as store:
        assert store.load() == filled.register
    con = sqlite3.connect(tmp_path / "processor.ropa")
    assert foreign_objects(con) == [] and con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_an_import_deletes_what_the_register_lacks_and_audits_it(tmp_path: Path) -> None:
    filled = filled_processor_register()
    with _store(tmp_path) as store:
        store.write_register(filled.register)
        register = store.load()
        org = register.organizations[0]
        org.processor_activities.clear()
        org.clients = org.clients[:1]
        org.clients[0].name = "Renamed client"
        org.security_measures.append(SecurityMeasure("backup", "nightly"))
        org.recipients[0].sub_processors.clear()
        org.recipients[0].transfers[0].country = "BR"
        store.write_register(register)
        assert store.load() == register
        log = store.audit_log()
        actions = [(e.entity, e.action) for e in log]
        assert ("processor_activity", "delete") in actions and ("client", "delete") in actions
        assert ("client", "update") in actions and ("recipient", "update") in actions
        update = next(e for e in log if e.entity == "client" and e.action == "update")
        assert update.before is not None and update.after is not None
        assert (update.before["name"], update.after["name"]) == (filled.client.name, "Renamed client")
        organization = [e for e in log if e.entity == "organization"][-1]
        assert organization.after is not None and organization.after["security_measures"][-1]["type"] == "backup"


def _processing(client: Client, reference: str) -> ProcessorActivity:
    return ProcessorActivity(reference=reference, name=f"Processing {reference}", clients=[ClientLink(client.id)])


def test_a_client_linked_to_a_processing_cannot_be_deleted_and_is_named(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        org = Organization(name="Hosting Co")
        store.save_organization(org)
        client = Client(name="Acme", contract_reference="DPA-1")
        store.save_client(org.id, client)
        store.save_processor_activity(org.id, _processing(client, "ST-1"))
        store.save_processor_activity(org.id, _processing(client, "ST-2"))
        assert store.client_usage(client.id) == [("ST-1", "Processing ST-1"), ("ST-2", "Processing ST-2")]
        with pytest.raises(ClientInUseError) as refused:
            store.delete_client(client.id)
        assert refused.value.activities == ["ST-1 Processing ST-1", "ST-2 Processing ST-2"]
        assert "Acme" in refused.value.message("en") and "ST-2" in refused.value.message("fr")
        assert store.load_client(client.id) == client
        for activity in store.load_organization(org.id).processor_activities:
            store.delete_processor_activity(activity.id)
        store.delete_client(client.id)
        assert store.load_organization(org.id).clients == []
        with pytest.raises(StorageError):
            store.delete_client(client.id)
        actions = [(e.entity, e.action) for e in store.audit_log()]
        assert actions.count(("processor_activity", "delete")) == 2 and ("client", "delete") in actions


def test_a_renamed_client_keeps_its_links_and_its_place(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        org = Organization(name="Hosting Co")
        store.save_organization(org)
        first, second = Client(name="First"), Client(name="Second")
        store.save_client(org.id, first)
        store.save_client(org.id, second)
        store.save_processor_activity(org.id, _processing(first, "ST-1"))
        first.name, first.dpo.email = "First, renamed", "dpo@first.example"
        store.save_client(org.id, first)
        loaded = store.load_organization(org.id)
        assert [c.name for c in loaded.clients] == ["First, renamed", "Second"]
        assert loaded.clients[0].dpo.email == "dpo@first.example"
        assert loaded.processor_activities[0].clients[0].client_id == first.id
        third = Client(name="Third")
        store.save_client(org.id, third, position=0)
        assert [c.name for c in store.load_organization(org.id).clients] == ["Third", "First, renamed", "Second"]


def test_processor_activities_keep_their_order_and_a_position_inserts(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        org = Organization(name="Hosting Co")
        store.save_organization(org)
        client = Client(name="Acme")
        store.save_client(org.id, client)
        a, b = _processing(client, "ST-1"), _processing(client, "ST-2")
        store.save_processor_activity(org.id, a)
        store.save_processor_activity(org.id, b)
        c = store.save_processor_activity(org.id, _processing(client, "ST-3"), position=1)
        assert c.updated is not None
        refs = [x.reference for x in store.load_organization(org.id).processor_activities]
        assert refs == ["ST-1", "ST-3", "ST-2"]
        assert store.processor_activity_position(b.id) == 2
        a.sub_processors.append(SubProcessor("Cloud Inc", "US", "hosting", "general", date(2025, 3, 1)))
        store.save_processor_activity(org.id, a)
        assert store.load_processor_activity(a.id).sub_processors[0].authorised_on == date(2025, 3, 1)
        assert store.processor_activity_position(a.id) == 0
        other = Organization(name="Other")
        store.save_organization(other)
        with pytest.raises(StorageError):
            store.save_processor_activity(other.id, a)


def test_the_general_security_description_is_saved_with_the_organisation(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        org = Organization(name="Hosting Co", security_measures=[SecurityMeasure("encryption", "AES-256 at rest")])
        store.save_organization(org)
        org.security_measures.append(SecurityMeasure("logging", "365 days"))
        store.save_organization(org)
        assert store.load_organization(org.id).security_measures == org.security_measures
        last = [e for e in store.audit_log() if e.entity == "organization"][-1]
        assert last.before is not None and len(last.before["security_measures"]) == 1


def test_a_recipients_imported_statement_is_kept_and_deleted_with_it(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        org = Organization(name="Controller")
        store.save_organization(org)
        recipient = Recipient(name="Payroll Ltd", type="processor", statement_date=date(2026, 10, 1),
                              sub_processors=[SubProcessor("Cloud Inc", "US", "hosting", "general")],
                              transfers=[Transfer("Cloud Inc", "US", "scc", "DPA annex 3")])
        store.save_recipient(org.id, recipient)
        assert store.load_organization(org.id).recipients == [recipient]
        recipient.transfers.clear()
        store.save_recipient(org.id, recipient)
        assert store.load_organization(org.id).recipients[0].transfers == []
        store.delete_recipient(recipient.id)
        deleted = store.audit_log()[-1]
        assert deleted.before is not None and deleted.before["sub_processors"][0]["name"] == "Cloud Inc"
    con = sqlite3.connect(tmp_path / "processor.ropa")
    assert con.execute("SELECT count(*) FROM recipient_sub_processors").fetchone()[0] == 0
    con.close()


def test_deleting_an_organisation_takes_its_processor_side_with_it(tmp_path: Path) -> None:
    filled = filled_processor_register()
    with _store(tmp_path) as store:
        store.write_register(filled.register)
        store.delete_organization(filled.org.id)
        assert store.load().organizations == []
    con = sqlite3.connect(tmp_path / "processor.ropa")
    for table in ("clients", "client_contacts", "processor_activities", "processor_sub_processors",
                  "organization_security_measures", "recipient_transfers"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    con.close()


def _schema_3_file(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA user_version = 3")
    con.close()


def test_a_schema_3_register_migrates_with_everything_kept(tmp_path: Path) -> None:
    path = tmp_path / "v3.ropa"
    _schema_3_file(path)
    # Written through the version-3 columns only: what a file of the previous release holds.
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO organizations (id, position, name, legal_form, registration_number, address, "
                    "postal_code, city, country, phone, email, website, dpo_is_contact_point, notes) "
                    "VALUES ('o', 0, 'Acme', '', '', '', '', '', 'FR', '', '', '', 0, '')")
        con.execute("INSERT INTO recipients (id, organization_id, position, name, type, country, details, "
                    "contract_reference) VALUES ('r', 'o', 0, 'Payroll Ltd', 'processor', 'FR', '', 'DPA-9')")
        con.execute("INSERT INTO activities (id, organization_id, position, reference, name, description, role, "
                    "joint_controllers, status, owner_department, tools, data_source, dpia_required, "
                    "dpia_reference, automated_decision_details, consent_withdrawal, notes, validated_by) "
                    "VALUES ('a', 'o', 0, 'A-1', 'Payroll', '', 'controller', '', 'draft', '', '', '', 1, "
                    "'AIPD-1', '', '', '', '')")
        con.execute("INSERT INTO activity_recipients (activity_id, position, recipient_id, details) "
                    "VALUES ('a', 0, 'r', 'payslips')")
    con.close()
    with RegisterStore.open(path, backup_dir=tmp_path / "backups") as store:
        org = store.load().organizations[0]
        assert (org.name, org.recipients[0].contract_reference) == ("Acme", "DPA-9")
        assert (org.activities[0].reference, org.activities[0].recipients[0].recipient_id) == ("A-1", "r")
        assert (org.recipients[0].statement_date, org.recipients[0].sub_processors) == (None, [])
        assert (org.clients, org.processor_activities, org.security_measures) == ([], [], [])
        # The migrated file takes the new data like a new one.
        whole = filled_processor_register()
        whole.org.id = org.id
        whole.org.recipients.append(org.recipients[0])
        whole.org.activities = org.activities
        store.write_register(whole.register)
        assert store.load() == whole.register
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == f"{SCHEMA_VERSION:04d}"
    assert foreign_objects(con) == []
    con.close()

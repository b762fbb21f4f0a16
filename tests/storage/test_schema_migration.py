"""A register written at schema 1 opens at schema 2 with its content intact and the new fields defaulted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from ropa_desktop.storage.migrate import MIGRATIONS
from ropa_desktop.storage.repository import RegisterStore
from ropa_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION


def _schema_1_file(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute("PRAGMA user_version = 1")
        con.execute("INSERT INTO organizations (id, position, name, legal_form, registration_number, address, "
                    "postal_code, city, country, phone, email, website, dpo_is_contact_point, notes) "
                    "VALUES ('o', 0, 'Acme', '', '', '', '', '', 'FR', '', '', '', 0, '')")
        con.execute("INSERT INTO activities (id, organization_id, position, reference, name, description, role, "
                    "joint_controllers, status, owner_department, tools, data_source, dpia_required, "
                    "dpia_reference, automated_decision_details, consent_withdrawal, notes) VALUES ('a', 'o', 0, "
                    "'A-1', 'Payroll', '', 'controller', '', 'draft', '', '', '', 1, 'AIPD-1', '', '', '')")
        con.execute("INSERT INTO retention_rules (activity_id, position, applies_to, categories, duration_value, "
                    "duration_unit, criterion, start, legal_reference, phase, final_fate) "
                    "VALUES ('a', 0, 'Payslips', '[]', 5, 'years', '', '', '', '', '')")
        con.execute("INSERT INTO sources (organization_id, activity_id, position, document, section, excerpt) "
                    "VALUES ('o', 'a', 0, 'Notice', 'Art. 1', 'kept 5 years')")
    con.close()


def test_schema_1_register_migrates(tmp_path: Path) -> None:
    path = tmp_path / "old.ropa"
    _schema_1_file(path)
    with RegisterStore.open(path, backup_dir=tmp_path / "backups") as store:
        register = store.load()
        # Rows written before versions existed start at version 1 (0005).
        assert store.version("activity", "a") == store.version("organization", "o") == 1
    org = register.organizations[0]
    activity = org.activities[0]
    assert (org.name, activity.reference, activity.dpia.required, activity.dpia.reference) == (
        "Acme", "A-1", True, "AIPD-1")
    assert activity.retention[0].minimum is False and activity.retention[0].duration is not None
    assert (activity.dpia.screened, activity.dpia.criteria, activity.dpia.cnil_list) == (False, [], [])
    assert activity.sources[0].field == "" and org.public_body is None
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()

"""On a server a record's id never changes (0014): psql changing one is refused, every other change still passes."""

from __future__ import annotations

import psycopg
import pytest

from ropa_desktop.domain.model import Client, ProcessorActivity, Recipient
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

_TABLES = ("organizations", "activities", "recipients", "clients", "processor_activities")


def test_changing_a_record_s_id_in_psql_is_refused_and_its_other_columns_still_change(
        pg_url: str, postgres_server: PostgresServer) -> None:
    register = synthetic_register(2, organizations=1)
    org = register.organizations[0]
    org.recipients.append(Recipient(name="Payroll provider"))
    org.clients.append(Client(name="Client A"))
    org.processor_activities.append(ProcessorActivity(reference="ST-01", name="Payroll"))
    with RegisterStore.open(pg_url) as store:
        store.write_register(register)
        before = store.load()
    with postgres_server.connect(pg_url) as con:
        for table in _TABLES:
            (record_id,) = con.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()  # type: ignore[misc]
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="id never changes"):
                con.execute(f"UPDATE {table} SET id = 'mal-2' WHERE id = %s", (record_id,))
            con.execute(f"UPDATE {table} SET id = id WHERE id = %s", (record_id,))  # (the same id: not a change)
        con.execute("UPDATE activities SET name = 'Renamed in psql' WHERE id = %s", (org.activities[0].id,))
    with RegisterStore.open(pg_url, read_only=True) as store:
        after = store.load()
    assert [a.id for a in after.organizations[0].activities] == [a.id for a in before.organizations[0].activities]
    assert after.organizations[0].activities[0].name == "Renamed in psql"

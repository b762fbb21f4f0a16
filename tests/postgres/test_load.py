"""The load test's core, small: three client processes editing a few shared activities; nothing lost, all audited."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.domain.model import Activity, Organization, Register
from ropa_desktop.storage.repository import RegisterStore
from tests.postgres.pg_server import PostgresServer

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def core(monkeypatch: pytest.MonkeyPatch) -> Any:
    """bench/pg_load_core.py, importable by the client processes too (spawned: they get this sys.path)."""
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("pg_load_core")


@pytest.mark.slow
def test_three_clients_lose_nothing_and_every_save_has_its_audit_row(
        core: Any, pg_url: str, postgres_server: PostgresServer) -> None:
    org = Organization(name="Load", activities=[Activity(reference=f"A{n}", name=f"Activity {n}") for n in range(12)])
    with RegisterStore.open(pg_url) as store:
        store.write_register(Register([org]))
    ids = [a.id for a in org.activities]
    before = core.baseline(pg_url)
    # Three shared activities and a pause between opening and saving: saves collide and some are refused.
    plan = core.Plan(pg_url, org.id, ids, ids[:3], seconds=3.0, start_at=time.time() + 1.0, think=(0.0, 0.03))
    edits = [e for log in core.run_clients(plan, 3, start="fork") for e in log.edits]

    verdict = core.verify(pg_url, edits, before)
    assert verdict.problems == []
    assert verdict.lost == 0
    assert verdict.saves > 10 and verdict.audit_rows == verdict.saves
    assert {e.outcome for e in edits} <= {"saved", "conflict"}  # no restart: nothing cut
    assert verdict.saves + verdict.refused == len(edits)  # every edit saved or shown as a conflict

    # The re-reading is no formality: a value changed behind the clients' backs is found.
    changed = next(e for e in edits if e.outcome == "saved")
    with postgres_server.connect(pg_url) as con:
        con.execute("UPDATE activities SET notes = 'overwritten' WHERE id = %s", (changed.activity_id,))
    problems = core.verify(pg_url, edits, before).problems
    assert any(changed.activity_id in problem for problem in problems)

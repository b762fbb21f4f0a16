"""Every acknowledged commit survives a kill -9 of the writer, and the file stays sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.paths import REPO

WRITER = """
import sys
from pathlib import Path
from ropa_desktop.domain.model import Activity, Organization, Purpose
from ropa_desktop.storage.repository import RegisterStore
store = RegisterStore.open(Path(sys.argv[1]))
org_id = store.list_organizations()[0][0]
start = int(sys.argv[2])
i = start
while True:
    activity = Activity(reference=f"K-{i}", name="kill test " * 20,
                        purposes=[Purpose("purpose " * 30, True, "contract")] * 5)
    store.save_activity(org_id, activity)
    print(f"ACK {i}", flush=True)
    i += 1
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_acknowledged_commits_survive_kill_9(tmp_path: Path) -> None:
    from ropa_desktop.domain.model import Organization

    path = tmp_path / "durable.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.save_organization(Organization(name="Kill test"))
    rng = random.Random(30)
    acknowledged: set[str] = set()
    next_index = 0
    for _round in range(6):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(next_index)], cwd=REPO,
                                stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert proc.stdout is not None
        # Wait for the writer to have acknowledged a few commits (however loaded the machine is), then kill it at
        # a random moment mid-stream.
        for _ in range(4):
            line = proc.stdout.readline()
            assert line.startswith("ACK"), line
            acknowledged.add(f"K-{line.split()[1]}")
        time.sleep(rng.uniform(0.01, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        lines = [line for line in out.splitlines() if line.startswith("ACK ")]
        acknowledged |= {f"K-{line.split()[1]}" for line in lines}
        next_index = max(int(r.split("-")[1]) for r in acknowledged) + 1000

        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute("SELECT reference FROM activities")}
        con.close()
        missing = acknowledged - stored
        assert not missing, f"acknowledged but lost after kill -9: {sorted(missing)[:5]}"
    assert len(acknowledged) > 20
    # The killed writer's lock was stale: the register opens normally.
    with RegisterStore.open(path) as store:
        assert store.count_activities() >= len(acknowledged)

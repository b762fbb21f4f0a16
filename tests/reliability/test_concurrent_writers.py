"""Writers released at the same instant: exactly one holds the register at a time and no reported change is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Organization
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, cli_env
from tests.paths import REPO

ROUNDS = int(os.environ.get("ROPA_STRESS_ROUNDS", "10"))  # instants at which all writers are released together
WRITERS = 3
ROUND_SECONDS = 0.3

# In each round every writer waits for the round's common instant, then opens the register for writing, reads
# it, adds one activity to the whole register (write_register deletes what it does not hold: a lost update
# would show as a missing activity), and reports it only after the store acknowledged the write.
WRITER = """
import sys, time
from pathlib import Path
from ropa_desktop.domain.model import Activity
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
path, name = Path(sys.argv[1]), sys.argv[2]
start, rounds, step = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
for i in range(rounds):
    while time.time() < start + i * step:
        time.sleep(0.0005)
    try:
        store = RegisterStore.open(path, lock_wait=30)
    except StorageError as error:
        print("REFUSED", error.code, flush=True)
        continue
    try:
        register = store.load()
        register.organizations[0].activities.append(Activity(reference=f"{name}-{i}", name=name))
        store.write_register(register)
    finally:
        store.close()
    print("ACK", f"{name}-{i}", flush=True)
"""


@pytest.mark.slow
def test_concurrent_writers_never_lose_a_reported_change(tmp_path: Path) -> None:
    path = tmp_path / "contended.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.save_organization(Organization(name="Contended"))
    acknowledged: list[str] = []
    refusals = 0
    start = time.time() + 4  # every writer is started and waiting before the first instant
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"W{w}", str(start), str(ROUNDS),
                               str(ROUND_SECONDS)], cwd=REPO, env=cli_env(tmp_path), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for w in range(WRITERS)]
    for proc in procs:
        out, err = proc.communicate(timeout=60 + ROUNDS * 5)
        assert proc.returncode == 0, err
        acknowledged += [line.split()[1] for line in out.splitlines() if line.startswith("ACK ")]
        refusals += sum(1 for line in out.splitlines() if line.startswith("REFUSED"))
    with RegisterStore.open(path, read_only=True) as store:
        found = [a.reference for a in store.load().organizations[0].activities]
        deletions = [e for e in store.audit_log() if e.action == "delete"]
    assert sorted(found) == sorted(acknowledged), "a reported change was lost (or an unreported one written)"
    assert len(acknowledged) + refusals == ROUNDS * WRITERS
    assert len(acknowledged) >= ROUNDS * WRITERS // 2
    print(f"{ROUNDS} rounds x {WRITERS} writers: {len(acknowledged)} acknowledged, all found; {refusals} refused")
    assert deletions == [], "the audit log records a delete no writer asked for"


@pytest.mark.slow
def test_two_simultaneous_imports_each_land_or_the_second_is_refused(tmp_path: Path) -> None:
    """The reported attack: two ``import`` commands at once, each adding one activity."""
    path = tmp_path / "imports.ropa"
    assert cli("init", "--db", path, "--empty", home=tmp_path).returncode == 0
    with RegisterStore.open(path) as store:
        org = Organization(name="Imports")
        store.save_organization(org)
    documents = []
    for name in ("first", "second"):
        doc = {"format": "ropa-desktop-register", "version": 1,
               "organizations": [{"id": org.id, "name": "Imports",
                                  "activities": [{"id": f"id-{name}", "reference": name, "name": name}]}]}
        documents.append(tmp_path / f"{name}.json")
        documents[-1].write_text(json.dumps(doc), "utf-8")
    for round_ in range(1):
        procs = [subprocess.Popen([sys.executable, "-m", "ropa_desktop", "import", "--db", str(path), str(doc)],
                                  cwd=REPO, env=cli_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for doc in documents]
        outputs = [proc.communicate(timeout=120) for proc in procs]
        results = [(proc.returncode, err) for proc, (_out, err) in zip(procs, outputs, strict=True)]
        with RegisterStore.open(path, read_only=True) as store:
            found = {a.reference for a in store.load().organizations[0].activities}
            deletions = [e for e in store.audit_log() if e.action == "delete"]
        for (code, err), name in zip(results, ("first", "second"), strict=True):
            assert "Traceback" not in err
            assert code in (0, 2), err
            if code == 0:
                assert name in found, f"round {round_}: {name} reported applied but missing"
        assert deletions == []

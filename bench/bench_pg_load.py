"""Team register load test: concurrent client processes editing one PostgreSQL register; nothing lost, all audited.

    python bench/bench_pg_load.py [--url postgresql://user@host/db] [--activities 10000] [--clients 20]
                                  [--seconds 30] [--hot 40]

Without ``--url`` a throw-away server is started from Debian's ``postgresql`` binaries in a temporary folder (as
the test suite does). Each client is a process with its own store: it opens an activity (reads it, as the form
does), changes its notes to a marker of its own and saves, again and again for ``--seconds``; half of the edits
go to ``--hot`` activities every client shares, so saves collide. Each client logs every save: saved (with the
version it wrote) or refused as a conflict. Then the log is compared with the database:

- every activity's version is its first version plus the number of saves logged for it, and the versions
  written are distinct and consecutive (no save overwrote another silently);
- its notes are the marker of the save that wrote its last version (no lost edit);
- the audit log holds exactly one update line per logged save, with that save's marker (audit rows = edits).

It prints saves per second, p50/p95 save latency (target p95 < 50 ms), conflicts, and exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.errors import StaleWriteError
from ropa_desktop.storage.repository import RegisterStore

Outcome = tuple[str, str, str, int | None, float]  # (activity id, marker, "saved" | "conflict", version, seconds)


def _client(url: str, org_id: str, ids: list[str], hot: list[str], seconds: float, number: int,
            start_at: float, queue: Any) -> None:
    """One person editing: open an activity, change it, save; log every outcome."""
    chooser = random.Random(number)
    log: list[Outcome] = []
    with RegisterStore.open(url) as store:
        while time.time() < start_at:
            time.sleep(0.01)
        end = time.time() + seconds
        edit = 0
        while time.time() < end:
            activity_id = chooser.choice(hot) if chooser.random() < 0.5 else chooser.choice(ids)
            activity = store.load_activity(activity_id)
            edit += 1
            marker = f"client {number} edit {edit}"
            activity.notes = marker
            started = time.perf_counter()
            try:
                store.save_activity(org_id, activity)
            except StaleWriteError:
                log.append((activity_id, marker, "conflict", None, time.perf_counter() - started))
                continue
            log.append((activity_id, marker, "saved", store.version("activity", activity_id),
                        time.perf_counter() - started))
    queue.put(log)


def _prepare(url: str, activities: int) -> tuple[str, list[str], dict[str, int], int]:
    started = time.perf_counter()
    with RegisterStore.open(url, create=True) as store:
        if store.is_empty():
            store.write_register(synthetic_register(activities))
        print(f"register of {activities} activities written in {time.perf_counter() - started:.1f} s")
        snapshot, versions, audit = store.snapshot()
    org = snapshot.organizations[0]
    return (org.id, [a.id for a in org.activities],
            {key: v for (table, key), v in versions.items() if table == "activities"}, len(audit))


def run(url: str, activities: int, clients: int, seconds: float, hot_count: int) -> int:
    org_id, ids, first_versions, audit_before = _prepare(url, activities)
    hot = random.Random(0).sample(ids, min(hot_count, len(ids)))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    start_at = time.time() + 3.0 + clients * 0.3  # every client connected before the clock starts
    processes = [context.Process(target=_client, args=(url, org_id, ids, hot, seconds, n, start_at, queue))
                 for n in range(clients)]
    for process in processes:
        process.start()
    logs = [queue.get(timeout=seconds + 300) for _ in processes]
    for process in processes:
        process.join()
    outcomes = [o for log in logs for o in log]
    saved = [o for o in outcomes if o[2] == "saved"]
    conflicts = len(outcomes) - len(saved)
    latencies = sorted(o[4] * 1000 for o in saved)
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else max(latencies, default=0)
    print(f"{clients} clients for {seconds:.0f} s on {activities} activities ({len(hot)} shared by all): "
          f"{len(saved)} saves ({len(saved) / seconds:.1f}/s), {conflicts} conflicts refused")
    print(f"save latency: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
          if latencies else "no save")
    problems = _verify(url, saved, first_versions, audit_before)
    for problem in problems[:20]:
        print("MISMATCH:", problem)
    print("verified: no lost or silently overwritten edit, one audit line per save" if not problems
          else f"{len(problems)} mismatches")
    return 1 if problems else 0


def _verify(url: str, saved: list[Outcome], first_versions: dict[str, int], audit_before: int) -> list[str]:
    problems = []
    by_activity: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in saved:
        by_activity[outcome[0]].append(outcome)
    with RegisterStore.open(url, read_only=True) as store:
        register, versions, audit = store.snapshot()
    now = {a.id: a for a in register.organizations[0].activities}
    for activity_id, saves in by_activity.items():
        written = sorted(o[3] or 0 for o in saves)
        first = first_versions[activity_id]
        if written != list(range(first + 1, first + 1 + len(saves))):
            problems.append(f"{activity_id}: versions written {written} from {first} (a save overwrote another)")
        if versions[("activities", activity_id)] != first + len(saves):
            problems.append(f"{activity_id}: version {versions[('activities', activity_id)]}, "
                            f"expected {first + len(saves)}")
        last = max(saves, key=lambda o: o[3] or 0)
        if now[activity_id].notes != last[1]:
            problems.append(f"{activity_id}: notes {now[activity_id].notes!r}, last save wrote {last[1]!r}")
    lines = audit[audit_before:]
    audited = sorted((row["entity_id"], _notes(row["after"])) for row in lines
                     if row["entity"] == "activity" and row["action"] == "update")
    expected = sorted((o[0], o[1]) for o in saved)
    if audited != expected:
        problems.append(f"audit: {len(audited)} update lines for {len(expected)} saves "
                        f"({len(set(expected) - set(audited))} saves without a line)")
    return problems


def _notes(after: str | None) -> str:
    import json

    return str(json.loads(after or "{}").get("notes"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a register database (empty, or holding a register); default: a local server")
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--hot", type=int, default=40, help="activities every client edits half the time")
    args = parser.parse_args()
    if args.url:
        return run(args.url, args.activities, args.clients, args.seconds, args.hot)
    from tests.postgres.pg_server import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found (Debian package postgresql)")
        return 2
    server = PostgresServer(bindir)
    server.start()
    try:
        server.sql("CREATE DATABASE ropa_load")
        return run(server.url("ropa_load"), args.activities, args.clients, args.seconds, args.hot)
    finally:
        server.stop()


if __name__ == "__main__":
    os.environ.setdefault("ROPA_DESKTOP_HOME", tempfile.mkdtemp(prefix="ropa-bench-"))
    sys.exit(main())

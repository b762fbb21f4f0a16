"""Team register load test: concurrent client processes editing one PostgreSQL register; nothing lost, all audited.

    python bench/bench_pg_load.py [--url postgresql://user@host/db] [--activities 10000] [--clients 20]
                                  [--seconds 30] [--hot 40] [--think 0.2 0.5] [--restart-after 10]

Without ``--url`` a throw-away server is started from Debian's ``postgresql`` binaries in a temporary folder (as
the test suite does). Each client is a process with its own store: it opens an activity (reads it, as the form
does), changes its notes to a marker of its own and saves, again and again for ``--seconds``; half of the edits
go to ``--hot`` activities every client shares, so saves collide. Each client logs every save: saved (with the
version it wrote) or refused as a conflict. Then the log is compared with the database:

- every activity's version is its first version plus the number of saves logged for it, and the versions
  written are distinct and consecutive (no save overwrote another silently);
- its notes are the marker of the save that wrote its last version (no lost edit);
- the audit log holds exactly one update line per logged save, with that save's marker (audit rows = edits).

With ``--restart-after`` the server is restarted mid-run: a client whose save the restart cut reconnects, reads
back (from the audit log) whether it committed, and goes on; the counts are printed and the checks above still
hold. ``--think`` paces each client like a person typing (a save every few hundred ms) instead of saturating.

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
from ropa_desktop.storage.errors import StaleWriteError, StorageError
from ropa_desktop.storage.repository import RegisterStore

# (activity id, marker, outcome, version, seconds): "saved" (version known), "conflict" (refused), or "committed"
# (the connection was lost during the save and the read-back after reconnecting found it committed: version unknown).
Outcome = tuple[str, str, str, int | None, float]
_RETRY_PAUSE = 0.2  # seconds between attempts while the server is away


def _client(url: str, org_id: str, ids: list[str], hot: list[str], seconds: float, number: int,
            start_at: float, think: tuple[float, float], queue: Any) -> None:
    """One person editing: open an activity, change it, save; log every outcome; pause ``think`` between saves.

    A lost connection (the server restarted) never ends the client: it waits for the server, reads back whether
    the interrupted save committed (its marker is unique), and goes on; each such event is counted.
    """
    chooser = random.Random(number)
    log: list[Outcome] = []
    lost = 0
    with RegisterStore.open(url) as store:
        while time.time() < start_at:
            time.sleep(0.01)
        end = time.time() + seconds
        edit = 0
        while time.time() < end:
            if think[1] > 0:
                time.sleep(chooser.uniform(*think))
            activity_id = chooser.choice(hot) if chooser.random() < 0.5 else chooser.choice(ids)
            activity = _retrying(lambda a=activity_id: store.load_activity(a), end)
            if activity is None:
                break
            edit += 1
            marker = f"client {number} edit {edit}"
            activity.notes = marker
            started = time.perf_counter()
            try:
                store.save_activity(org_id, activity)
            except StaleWriteError:
                log.append((activity_id, marker, "conflict", None, time.perf_counter() - started))
                continue
            except StorageError as exc:
                if exc.code not in _AWAY:
                    raise
                lost += 1
                if _committed(store, activity_id, marker, end + 60):
                    log.append((activity_id, marker, "committed", None, time.perf_counter() - started))
                continue
            log.append((activity_id, marker, "saved", store.version("activity", activity_id),
                        time.perf_counter() - started))
    queue.put((log, lost))


_AWAY = ("server_unreachable", "busy", "io_error")


def _retrying(action: Any, until: float) -> Any:
    """``action()`` again and again while the server is away (None once ``until`` has passed)."""
    while True:
        try:
            return action()
        except StorageError as exc:
            if exc.code not in _AWAY:
                raise
            if time.time() > until:
                return None
            time.sleep(_RETRY_PAUSE)


def _committed(store: RegisterStore, activity_id: str, marker: str, until: float) -> bool:
    """Whether a save cut by a lost connection committed: an audit line of the activity carries its marker."""
    lines = _retrying(lambda: store.audit_log(activity_id), until)
    return any((line.after or {}).get("notes") == marker for line in lines or [])


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


def run(url: str, activities: int, clients: int, seconds: float, hot_count: int, *,
        think: tuple[float, float] = (0.0, 0.0), restart: Any = None, restart_after: float = 0.0) -> int:
    """Run the clients; ``think``: a pause between saves (min, max s); ``restart``: called ``restart_after`` s in."""
    org_id, ids, first_versions, audit_before = _prepare(url, activities)
    hot = random.Random(0).sample(ids, min(hot_count, len(ids)))
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    start_at = time.time() + 3.0 + clients * 0.3  # every client connected before the clock starts
    processes = [context.Process(target=_client, args=(url, org_id, ids, hot, seconds, n, start_at, think, queue))
                 for n in range(clients)]
    for process in processes:
        process.start()
    if restart is not None:
        time.sleep(max(0.0, start_at - time.time()) + restart_after)
        began = time.perf_counter()
        restart()
        print(f"server restarted {restart_after:.0f} s into the run (down for {time.perf_counter() - began:.1f} s)")
    results = [queue.get(timeout=seconds + 300) for _ in processes]
    logs = [log for log, _ in results]
    lost = sum(count for _, count in results)
    for process in processes:
        process.join()
    outcomes = [o for log in logs for o in log]
    saved = [o for o in outcomes if o[2] == "saved"]
    committed = [o for o in outcomes if o[2] == "committed"]
    conflicts = sum(1 for o in outcomes if o[2] == "conflict")
    latencies = sorted(o[4] * 1000 for o in saved)
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else max(latencies, default=0)
    print(f"{clients} clients for {seconds:.0f} s on {activities} activities ({len(hot)} shared by all): "
          f"{len(saved)} saves ({len(saved) / seconds:.1f}/s), {conflicts} conflicts refused"
          + (f", think time {think[0] * 1000:.0f}-{think[1] * 1000:.0f} ms" if think[1] else ", no think time"))
    if restart is not None:
        print(f"connection lost during {lost} saves: {len(committed)} had committed (read back), "
              f"{lost - len(committed)} had not (nothing written)")
    print(f"save latency: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
          if latencies else "no save")
    problems = _verify(url, saved + committed, first_versions, audit_before)
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
        written = sorted(o[3] for o in saves if o[3] is not None)
        first = first_versions[activity_id]
        if len(set(written)) != len(written) or not set(written) <= set(range(first + 1, first + 1 + len(saves))):
            problems.append(f"{activity_id}: versions written {written} from {first} (a save overwrote another)")
        if versions[("activities", activity_id)] != first + len(saves):
            problems.append(f"{activity_id}: version {versions[('activities', activity_id)]}, "
                            f"expected {first + len(saves)}")
        top = first + len(saves)  # the last version: its save is logged with it, or is the one read back
        known = [o for o in saves if o[3] == top] or [o for o in saves if o[3] is None]
        if now[activity_id].notes not in {o[1] for o in known}:
            problems.append(f"{activity_id}: notes {now[activity_id].notes!r}, not the last save's")
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
    parser.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0), metavar=("MIN", "MAX"),
                        help="each client's pause between saves, in seconds (people typing: 0.2 0.5)")
    parser.add_argument("--restart-after", type=float, default=None, metavar="S",
                        help="restart the local server S seconds into the run (not with --url)")
    args = parser.parse_args()
    think = (args.think[0], args.think[1])
    if args.url:
        return run(args.url, args.activities, args.clients, args.seconds, args.hot, think=think)
    from tests.postgres.pg_server import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found (Debian package postgresql)")
        return 2
    server = PostgresServer(bindir)
    server.start()
    try:
        server.sql("CREATE DATABASE ropa_load")
        restart = server.restart if args.restart_after is not None else None
        return run(server.url("ropa_load"), args.activities, args.clients, args.seconds, args.hot, think=think,
                   restart=restart, restart_after=args.restart_after or 0.0)
    finally:
        server.stop()


if __name__ == "__main__":
    os.environ.setdefault("ROPA_DESKTOP_HOME", tempfile.mkdtemp(prefix="ropa-bench-"))
    sys.exit(main())

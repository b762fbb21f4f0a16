"""Team register load test: concurrent client processes editing one PostgreSQL register; nothing lost, all audited.

    python bench/bench_pg_load.py [--url postgresql://user@host/db] [--activities 10000] [--clients 20]
                                  [--seconds 30] [--hot 40] [--think 0.2 0.5] [--seed 0]
                                  [--restart-after S [--restart-cmd CMD]] [--stats] [--set NAME=VALUE]

Without ``--url`` a throw-away server is started from Debian's ``postgresql`` binaries in a temporary folder (as
the test suite does). The clients (pg_load_core.py) open an activity, wait ``--think`` (a person typing), change
its notes and save, again and again; half of the edits go to ``--hot`` activities every client shares, chosen in
a seeded random order, so saves collide and some are refused as conflicts.

``--restart-after S`` kills the server S seconds into the run and starts it again: the throw-away server with
``pg_ctl restart -m immediate`` (a crash: no clean shutdown), a ``--url`` server with ``--restart-cmd`` (a shell
command, e.g. ``pg_ctlcluster 15 main restart -m immediate``). Each edit the restart cut is counted: committed
(read back after), sent again and saved or refused, or kept by the client.

Then the server is re-read: every save's value is there, each activity's version moved once per save, the audit
log holds exactly one line per save; a save missing is counted as lost (must be 0). It prints saves per second,
p50/p95/max save latency (target p95 < 50 ms), the clients' CPU time per save, and exits 1 on any mismatch.

``--stats`` also samples what the server's backends are doing during the run (waiting for their client, running,
or waiting on a lock, the WAL...) and prints pg_stat_statements' and the trigger functions' times (the throw-away
server is restarted with the extension loaded). ``--set NAME=VALUE`` changes a server setting for the run
(ALTER SYSTEM, as a superuser: e.g. synchronous_commit=off to see what the commit's flush costs); ``--no-notify``
disables the change notifications' trigger on activities: both are for measuring, never for a team's server.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg_load_core import SAVES, Baseline, ClientLog, Edit, Plan, activity_ids, baseline, run_clients, verify
from pg_server_stats import ServerStats

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore


def prepare(url: str, activities: int) -> tuple[str, list[str]]:
    """The register's organisation and activity ids, after writing a synthetic register into an empty database."""
    started = time.perf_counter()
    with RegisterStore.open(url, create=True) as store:
        if store.is_empty():
            store.write_register(synthetic_register(activities))
            print(f"register of {activities} activities written in {time.perf_counter() - started:.1f} s")
        org_id, _ = store.list_organizations()[0]
    return org_id, activity_ids(url, org_id)


def run(url: str, activities: int, clients: int, seconds: float, hot_count: int, *,
        think: tuple[float, float] = (0.0, 0.0), seed: int = 0, restart: Any = None, restart_after: float = 0.0,
        stats: ServerStats | None = None) -> int:
    """Run the clients and report; 1 when the server does not hold what the clients saved."""
    org_id, ids = prepare(url, activities)
    before = baseline(url)
    hot = random.Random(seed).sample(ids, min(hot_count, len(ids)))
    plan = Plan(url, org_id, ids, hot, seconds, time.time() + 3.0 + clients * 0.4, think, seed)
    if stats is not None:
        stats.start(plan.start_at, plan.start_at + seconds)
    logs = run_clients(plan, clients, restart, restart_after)
    if stats is not None:
        stats.stop()
    edits = [e for log in logs for e in log.edits]
    report(plan, clients, logs, edits, restart is not None)
    if stats is not None:
        stats.report()
    return check(url, edits, before)


def report(plan: Plan, clients: int, logs: list[ClientLog], edits: list[Edit], restarted: bool) -> None:
    outcomes = {name: sum(1 for e in edits if e.outcome == name)
                for name in ("saved", "conflict", "cut_committed", "cut_retried", "cut_conflict", "kept")}
    print(f"{clients} clients for {plan.seconds:.0f} s on {len(plan.ids)} activities ({len(plan.hot)} shared by "
          "all), " + (f"think time {plan.think[0] * 1000:.0f}-{plan.think[1] * 1000:.0f} ms" if plan.think[1]
                      else "no think time") + f", seed {plan.seed}")
    saves = sum(outcomes[name] for name in SAVES)
    print(f"edits: {len(edits)} = {outcomes['saved']} saved + {outcomes['conflict']} refused as conflicts"
          + (f" + {sum(log.connections_lost for log in logs)} cut by the restart ({outcomes['cut_committed']} "
             f"had committed, {outcomes['cut_retried']} sent again and saved, {outcomes['cut_conflict']} sent "
             f"again and refused as conflicts, {outcomes['kept']} kept by the client)" if restarted else ""))
    print(f"saves: {saves} ({saves / plan.seconds:.1f}/s)")
    timed = [e for e in edits if e.outcome == "saved"]
    latencies = sorted(e.seconds * 1000 for e in timed)
    if latencies:
        p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else latencies[-1]
        cpu = statistics.mean(e.cpu * 1000 for e in timed)
        print(f"save latency (saves not cut): p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
              f"max {latencies[-1]:.1f} ms; the client's own CPU per save {cpu:.1f} ms")
    refused = sorted(e.seconds * 1000 for e in edits if e.outcome == "conflict")
    if refused:
        print(f"conflict refusal latency: p50 {statistics.median(refused):.1f} ms, max {refused[-1]:.1f} ms")
    client_cpu = sum(log.cpu for log in logs)
    print(f"client processes' CPU over the run: {client_cpu:.1f} s ({client_cpu / plan.seconds:.2f} cores); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def check(url: str, edits: list[Edit], before: Baseline) -> int:
    verdict = verify(url, edits, before)
    for problem in verdict.problems[:20]:
        print("MISMATCH:", problem)
    print(f"re-read: {verdict.saves} saves, {verdict.audit_rows} audit rows, {verdict.lost} lost, "
          f"{verdict.refused} refused (shown), {verdict.kept} kept by their client: "
          + ("every saved value is there, one audit row per save" if not verdict.problems
             else f"{len(verdict.problems)} mismatches"))
    return 1 if verdict.problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a register database (empty, or holding a register); default: a local server")
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--hot", type=int, default=40, help="activities every client edits half the time")
    parser.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0), metavar=("MIN", "MAX"),
                        help="each client's pause between opening and saving, in seconds (people typing: 0.2 0.5)")
    parser.add_argument("--seed", type=int, default=0, help="the clients' random order of activities")
    parser.add_argument("--restart-after", type=float, default=None, metavar="S",
                        help="restart the server S seconds into the run")
    parser.add_argument("--restart-cmd", help="with --url: the shell command that restarts the server")
    parser.add_argument("--stats", action="store_true", help="sample the server's backends; pg_stat_statements")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a server setting for the run (ALTER SYSTEM; needs a superuser)")
    parser.add_argument("--no-notify", action="store_true", help="disable the notifications' trigger (measuring)")
    args = parser.parse_args()
    if args.url and args.restart_after is not None and not args.restart_cmd:
        parser.error("--restart-after with --url needs --restart-cmd")
    options = {"activities": args.activities, "clients": args.clients, "seconds": args.seconds,
               "hot_count": args.hot, "think": (args.think[0], args.think[1]), "seed": args.seed,
               "restart_after": args.restart_after or 0.0}
    settings = dict(item.split("=", 1) for item in args.set)
    if args.url:
        stats = ServerStats(args.url) if args.stats else None
        restart = (lambda: subprocess.run(args.restart_cmd, shell=True, check=True)) \
            if args.restart_after is not None else None
        with ServerStats.tuned(args.url, settings, args.no_notify):
            return run(args.url, **options, restart=restart, stats=stats)
    return _on_a_throw_away_server(args.stats, settings, args.no_notify, args.restart_after is not None, options)


def _on_a_throw_away_server(with_stats: bool, settings: dict[str, str], no_notify: bool, restarting: bool,
                            options: dict[str, Any]) -> int:
    from tests.postgres.pg_server import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found (Debian package postgresql)")
        return 2
    server = PostgresServer(bindir)
    server.start()

    def pg_ctl(mode: str) -> None:  # restart with the options it was started with (postmaster.opts)
        server._run(bindir / "pg_ctl", "-D", server.data, "-l", server.log, "-w", "-t", "60", "-m", mode, "restart")

    try:
        if with_stats:
            server.sql("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
            server.sql("ALTER SYSTEM SET track_functions = 'pl'")
            server.sql("ALTER SYSTEM SET track_wal_io_timing = on")
            pg_ctl("fast")
        server.sql("CREATE DATABASE ropa_load")
        url = server.url("ropa_load")
        stats = ServerStats(url) if with_stats else None
        restart = (lambda: pg_ctl("immediate")) if restarting else None
        prepare(url, options["activities"])  # before any measuring setting: writing the register is not measured
        with ServerStats.tuned(url, settings, no_notify):
            return run(url, **options, restart=restart, stats=stats)
    finally:
        server.stop()


if __name__ == "__main__":
    os.environ.setdefault("ROPA_DESKTOP_HOME", tempfile.mkdtemp(prefix="ropa-bench-"))
    sys.exit(main())

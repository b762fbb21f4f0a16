"""Live refresh of a team register's window at 10,000 activities: the GUI time one remote write costs.

    python bench/bench_team_refresh.py [--activities 10000] [--profile]

A throw-away server is started from Debian's ``postgresql`` binaries; another client writes one row of each
kind (activity, organisation, recipient, new activity, deleted activity) and the window's handling of the
notification is timed (target < 100 ms), with the longest stall of the event loop in the second after. The
whole-register reload the window used to do is timed beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import select
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ropa_desktop.domain.model import Activity
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore

TARGET_MS = 100.0


def _drain(app: Any, seconds: float) -> float:
    """Run the event loop for ``seconds``; the longest single pass (ms): what the user would feel as a stall."""
    worst, end = 0.0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        app.processEvents()
        worst = max(worst, time.perf_counter() - start)
        time.sleep(0.002)
    return worst * 1000


def _timed_poll(window: Any, profile: cProfile.Profile | None) -> float:
    """Wait until the notification is on the socket, then time the window's handling of it (ms)."""
    link = window.team
    select.select([link._listener.fileno()], [], [], 5)
    start = time.perf_counter()
    if profile is not None:
        profile.enable()
    link._poll()
    if profile is not None:
        profile.disable()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the handling of the writes")
    args = parser.parse_args()
    from tests.postgres.pg_server import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL binaries not found (Debian package postgresql)")
        return 2
    server = PostgresServer(bindir)
    server.start()
    try:
        server.sql("CREATE DATABASE ropa_refresh")
        url = server.url("ropa_refresh")
        with RegisterStore.open(url, create=True) as store:
            store.write_register(synthetic_register(args.activities, organizations=1))
        from PySide6.QtWidgets import QApplication

        from ropa_desktop.gui.application import build_main_window

        app = QApplication.instance() or QApplication([])
        window = build_main_window(url)
        window.resize(1280, 800)
        window.show()
        window.list.finish_indexing()
        _drain(app, 0.5)
        org_id = window.org_id
        profile = cProfile.Profile() if args.profile else None
        results: list[tuple[str, float, float]] = []
        with RegisterStore.open(url) as other:
            register = other.load()
            org = register.organizations[0]
            target = org.activities[len(org.activities) // 2]

            def write_activity() -> None:
                target.name += " (edited)"
                other.save_activity(org_id, target)

            def write_organization() -> None:
                org.address += " (moved)"
                other.save_organization(org)

            def write_notes() -> None:  # activity checks read the notes: every activity is checked again
                org.notes += " edited"
                other.save_organization(org)

            def write_recipient() -> None:
                org.recipients[0].name += " (renamed)"
                other.save_recipient(org_id, org.recipients[0])

            added = Activity(reference="ZZ-1", name="Added elsewhere")

            def write_new() -> None:
                other.save_activity(org_id, added)

            def write_delete() -> None:
                other.delete_activity(added.id)

            for label, write in (("activity edited", write_activity), ("organisation edited", write_organization),
                                 ("organisation notes", write_notes),
                                 ("recipient renamed", write_recipient), ("activity added", write_new),
                                 ("activity deleted", write_delete)):
                write()
                handled = _timed_poll(window, profile)
                results.append((label, handled, _drain(app, 1.0)))
        before = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if before is not None:
            before.enable()
        window.session.reload()  # what every remote organisation, recipient or new activity cost before
        if before is not None:
            before.disable()
        reload_ms = (time.perf_counter() - start) * 1000
        stall = _drain(app, 1.0)
        print(f"{args.activities} activities; target < {TARGET_MS:.0f} ms of GUI time per remote write")
        for label, handled, worst in results:
            print(f"  {label:22} handled in {handled:7.1f} ms; longest stall after {worst:7.1f} ms")
        print(f"  {'whole reload (before)':22} {reload_ms:7.1f} ms; longest stall after {stall:7.1f} ms")
        if profile is not None and before is not None:
            print("--- profile: the whole reload (before) ---")
            pstats.Stats(before).sort_stats("tottime").print_stats(12)
            print("--- profile: the writes above, handled in place (after) ---")
            pstats.Stats(profile).sort_stats("tottime").print_stats(12)
        window.close()
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())

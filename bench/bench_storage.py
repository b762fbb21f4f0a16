"""Storage figures: one durable edit, loading and writing a 10,000-activity register, peak memory."""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore


def main(activities: int = 10_000) -> None:
    register = synthetic_register(activities)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.ropa"
        with RegisterStore.open(path, create=True) as store:
            started = time.perf_counter()
            store.write_register(register)
            print(f"write_register({activities}): {time.perf_counter() - started:.2f} s "
                  f"({path.stat().st_size / 1e6:.0f} MB file)")
        started = time.perf_counter()
        store = RegisterStore.open(path)
        print(f"open (vet, lock, schema check): {(time.perf_counter() - started) * 1000:.1f} ms")
        started = time.perf_counter()
        loaded = store.load()
        print(f"load({activities}): {time.perf_counter() - started:.2f} s")
        org = loaded.organizations[0]
        timings = []
        for i in range(200):
            activity = org.activities[i]
            activity.name = f"{activity.name} *"
            started = time.perf_counter()
            store.save_activity(org.id, activity)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"one durable edit (save_activity, WAL + synchronous=FULL): median {statistics.median(timings):.1f} ms, "
              f"p90 {sorted(timings)[179]:.1f} ms over 200 edits")
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

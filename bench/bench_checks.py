"""Time the checks on generated registers: check_activity per activity, and check_register as a whole."""

from __future__ import annotations

import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ropa_desktop.domain.checks import check_activity, check_register
from ropa_desktop.services.synthetic import synthetic_register

TODAY = date(2026, 1, 1)


def main() -> None:
    for size in (1_000, 10_000):
        register = synthetic_register(size, seed=1)
        org = register.organizations[0]
        check_register(register, TODAY)  # warm caches (country lookups)
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for activity in org.activities:
                check_activity(activity, org, TODAY)
            best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        findings = check_register(register, TODAY)
        whole = time.perf_counter() - start
        print(f"{size:>6} activities: check_activity {best / size * 1e6:7.1f} µs/activity (best of 5), "
              f"check_register {whole * 1e3:7.1f} ms, {len(findings)} findings")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""PDF export benchmark: pages, seconds and peak memory for a seeded-size and a 1,000-activity register.

Run from the repository root: python bench/bench_pdf.py [--sizes 20,1000] [--lang fr]
Targets: 1,000 activities under 5 s, the seeded size (about 20 activities) under 1 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.synthetic import synthetic_register


def peak_mib() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="20,1000")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--profile", default="full")
    args = parser.parse_args()
    try:
        import _rl_accel  # noqa: F401
        accel = "yes"
    except ImportError:
        accel = "no (pip install 'reportlab[accel]')"
    print(f"reportlab C accelerator: {accel}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            register = synthetic_register(size)
            out = Path(folder) / f"register-{size}.pdf"
            start, cpu = time.perf_counter(), time.process_time()
            result = build_pdf(register, out, lang=args.lang, profile=args.profile, today=date(2026, 11, 22))
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            # CPU time too: on a shared machine wall time varies with the neighbours' load.
            print(f"{size:>6} activities: {result.pages:>5} pages, {seconds:6.2f} s ({cpu:5.2f} s CPU), "
                  f"{out.stat().st_size / 1e6:6.1f} MB, peak RSS so far {peak_mib():7.1f} MiB")


if __name__ == "__main__":
    main()

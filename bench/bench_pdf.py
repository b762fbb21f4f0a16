"""PDF export benchmark: the real command as a process, its pages, seconds and peak memory, beside the targets.

Run from the repository root: python bench/bench_pdf.py [--sizes 1000,10000] [--lang fr] [--in-process]
[--profile 25]
Targets (issue 13): 1,000 activities in under 3 s end to end (`ropa-desktop export --format pdf`, process wall
time); 10,000 with flat memory (the peak grows far less than the register: fiches are laid out as they are
reached) and a cancel that takes effect within a second. ``--in-process`` also times ``build_pdf`` alone
(wall and CPU: on a shared machine wall time varies with the neighbours' load); ``--profile N`` prints the
top N lines (own time) of a cProfile of that in-process build, to see where the time goes before optimising.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ropa_desktop.services.errors import Cancelled
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = {1_000: 3.0}
CANCEL_TARGET = 1.0


def run(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB, from GNU time where installed) and CPU seconds of one process run to its end.

    The CPU seconds count the process and the child that makes the fiches ahead (see report/ahead.py); on a
    shared machine they vary less than the wall time.
    """
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        command = [timer, "-f", "%M %U %S", "-o", rss.name, *argv] if timer else argv
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
        seconds = time.perf_counter() - start
        lines = [line.split() for line in rss.read().splitlines() if line.strip()[:1].isdigit()]
    if not lines:
        return seconds, 0.0, 0.0
    return seconds, int(lines[-1][0]) / 1024, float(lines[-1][1]) + float(lines[-1][2])


def cancel_latency(size: int, lang: str, folder: Path) -> float:
    """Seconds from asking to cancel (a third of the way through) to ``build_pdf`` giving up."""
    register = synthetic_register(size)
    asked: list[float] = []
    flag = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= total // 3 and not flag.is_set():
            asked.append(time.perf_counter())
            flag.set()

    try:
        build_pdf(register, folder / "cancelled.pdf", lang=lang, today=date(2026, 11, 22), progress=progress,
                  cancel=flag.is_set)
    except Cancelled:
        return time.perf_counter() - asked[0]
    raise SystemExit("the build was not cancelled")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--report-profile", dest="profile_name", default="full", choices=("full", "public"))
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="with --in-process: print the top N lines of a profile of build_pdf")
    args = parser.parse_args()
    try:
        import _rl_accel  # noqa: F401
        accel = "yes"
    except ImportError:
        accel = "no (pip install 'reportlab[accel]')"
    print(f"reportlab C accelerator: {accel}")
    peaks: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ROPA_DESKTOP_CONFIG"] = str(folder / "config")
        os.environ["ROPA_DESKTOP_HOME"] = str(folder / "home")
        for size in (int(s) for s in args.sizes.split(",")):
            db, out = folder / f"register-{size}.ropa", folder / f"register-{size}.pdf"
            with RegisterStore.open(db, create=True) as store:
                store.write_register(synthetic_register(size))
            seconds, peak, cpu = run([sys.executable, "-m", "ropa_desktop", "export", "--db", str(db), "--format",
                                      "pdf", "--lang", args.lang, "--output", str(out)])
            peaks[size] = peak
            target = TARGET_SECONDS.get(size)
            verdict = f" (target < {target:g} s {'✓' if seconds < target else '✗'})" if target else ""
            print(f"{size:>6} activities: export --format pdf {seconds:6.2f} s{verdict} ({cpu:5.2f} s CPU), "
                  f"peak {peak:6.0f} MB, {out.stat().st_size / 1e6:6.1f} MB written")
            if args.in_process:
                with RegisterStore.open(db, read_only=True) as store:
                    register = store.load()
                profiler = cProfile.Profile() if args.profile else None
                start, cpu = time.perf_counter(), time.process_time()
                if profiler is not None:
                    profiler.enable()
                result = build_pdf(register, out, lang=args.lang, profile=args.profile_name,
                                   today=date(2026, 11, 22))
                if profiler is not None:
                    profiler.disable()
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{size:>6} activities: build_pdf alone {seconds:6.2f} s ({cpu:5.2f} s CPU), "
                      f"{result.pages} pages, peak RSS so far {rss:7.0f} MB")
                if profiler is not None:
                    print(f"profile (under the profiler, {size:,} activities), top {args.profile} by own time:")
                    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
        if len(peaks) > 1:
            small, large = min(peaks), max(peaks)
            growth = peaks[large] / peaks[small] if peaks[small] else 0.0
            print(f"peak memory {large:,} / {small:,} activities: {growth:.1f}× for {large / small:.0f}× the "
                  f"activities")
        largest = max(int(s) for s in args.sizes.split(","))
        latency = cancel_latency(largest, args.lang, folder)
        print(f"{largest:>6} activities: cancel takes effect after {latency:.2f} s (target < {CANCEL_TARGET:g} s "
              f"{'✓' if latency < CANCEL_TARGET else '✗'})")


if __name__ == "__main__":
    main()

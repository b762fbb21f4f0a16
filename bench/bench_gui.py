"""GUI benchmark (offscreen, generated registers): cold start, filter keystroke, selection, edit, memory.

Run from the repository root: ``python bench/bench_gui.py [--activities 10000]``.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

COLD_START = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ropa_desktop.gui.application import build_main_window, prepare_application
prepare_application(app)
window = build_main_window(Path(sys.argv[1]))
window.resize(1280, 800)
window.show()
app.processEvents()
assert window.list.model.rowCount() > 0
print("READY", flush=True)
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
window.close()
"""


def make_register(directory: Path, activities: int) -> Path:
    from ropa_desktop.services.synthetic import synthetic_register
    from ropa_desktop.storage.repository import RegisterStore

    path = directory / f"bench-{activities}.ropa"
    store = RegisterStore.open(path, create=True)
    store.write_register(synthetic_register(activities))
    store.close()
    return path


def cold_start(path: Path, config: Path, runs: int = 3, best: bool = True) -> tuple[float, int]:
    """Seconds from spawning the process to a shown, populated window (best of ``runs``, else their median),

    And its peak RSS (KiB).
    """
    env = dict(os.environ, ROPA_DESKTOP_CONFIG=str(config), PYTHONPATH=str(REPO))
    times, rss = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", COLD_START, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        times.append(time.perf_counter() - start)
        assert line.strip() == "READY", line
        rss = max(rss, int(child.stdout.readline()))
        child.wait()
    return (min(times) if best else statistics.median(times)), rss


def in_process(path: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ropa_desktop.gui.application import build_main_window, prepare_application

    prepare_application(app)
    window = build_main_window(path)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    start = time.perf_counter()
    window.list.finish_indexing()
    indexing = time.perf_counter() - start
    results = {"background checks + search index (s)": indexing}

    search = window.ui.activityFilter
    timings = []
    for word in ("payroll", "café", "gen-0042", "amazon", "xyz"):
        for i in range(1, len(word) + 1):
            start = time.perf_counter()
            search.setText(word[:i])
            app.processEvents()
            timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        search.clear()
        app.processEvents()
        timings.append(time.perf_counter() - start)
    results["filter keystroke median (ms)"] = statistics.median(timings) * 1000
    results["filter keystroke max (ms)"] = max(timings) * 1000

    activities = window.session.organization(window.org_id).activities
    rng = random.Random(1)
    timings = []
    for activity in rng.sample(activities, 40):
        start = time.perf_counter()
        window.list.select(activity.id)
        app.processEvents()
        timings.append(time.perf_counter() - start)
    results["select activity to filled form median (ms)"] = statistics.median(timings) * 1000

    timings = []
    for i, activity in enumerate(rng.sample(activities, 40)):
        after = copy.deepcopy(window.session.activity(window.org_id, activity.id))
        assert after is not None
        after.tools = f"edited {i}"
        start = time.perf_counter()
        window.editing.edit_activity(window.org_id, after, "tools", False)
        timings.append(time.perf_counter() - start)
    results["one edit committed durably median (ms)"] = statistics.median(timings) * 1000
    results["peak memory in process (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        os.environ["ROPA_DESKTOP_CONFIG"] = str(directory / "config")
        os.environ["ROPA_DESKTOP_HOME"] = str(directory / "home")
        for size in (20, args.activities):
            start = time.perf_counter()
            path = make_register(directory, size)
            print(f"[{size} activities] register generated in {time.perf_counter() - start:.1f} s")
            seconds, rss = cold_start(path, directory / "config")
            print(
                f"[{size} activities] cold start to shown, populated window: {seconds:.2f} s "
                f"(peak {rss / 1024:.0f} MB)"
            )
        from ropa_desktop.storage.repository import RegisterStore

        store = RegisterStore.open(path, read_only=True)
        start = time.perf_counter()
        store.load()
        print(f"[{args.activities} activities] store.load(): {time.perf_counter() - start:.2f} s")
        store.close()
        for name, value in in_process(path).items():
            print(f"[{args.activities} activities] {name}: {value:.1f}")


if __name__ == "__main__":
    main()

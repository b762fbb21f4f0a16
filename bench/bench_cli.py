"""End-to-end benchmark: the real commands as processes, timed as the user waits for them, beside LibreOffice.

Run from the repository root: ``python bench/bench_cli.py [--sizes 1000 10000 50000] [--runs 3] [--seed 7]``.
Each figure is the median wall time of ``--runs`` runs of a fresh ``python -m ropa_desktop ...`` process (start,
parsing, the change set and the durable commit), with the largest peak memory of those runs; LibreOffice
(``soffice --headless --convert-to csv``) opens the same XLSX in the same run. The registers are generated
(``services/synthetic.py``); ``--seed``, ``--words`` and ``--scale`` give other vocabularies and text lengths. The
table is printed and written as Markdown to ``--markdown`` (default ``bench/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

# (work, target in seconds at 1k/10k/50k or None, how the target reads)
TARGETS: dict[str, dict[int, float]] = {
    "import JSON into an empty register": {10_000: 1.5, 50_000: 8.0},
    "re-import unchanged XLSX (--dry-run)": {10_000: 1.5},
    "re-import unchanged JSON (--dry-run)": {10_000: 1.5},
    "re-import unchanged JSON": {10_000: 1.5},
    "re-import unchanged JSON export (--dry-run)": {10_000: 1.5},
    "re-import XLSX, 100 changed cells (--dry-run)": {10_000: 2.0},
    "export XLSX": {10_000: 2.0},
    "export PDF": {1_000: 3.0},
    "check": {50_000: 2.0},
    "check again, register unchanged": {50_000: 2.0},
    "GUI cold start to a populated window": {50_000: 3.0},
}
MEMORY_TARGET_MB = 800
WORKS = ("json", "xlsx", "pdf", "gui")
README_START, README_END = "<!-- performance-table -->", "<!-- /performance-table -->"


@dataclass
class Figure:
    """One measured work at one size."""

    work: str
    size: int
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(argv: Sequence[str], *, env: dict[str, str], ok: Sequence[int] = (0,)) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one process run to its end.

    The peak comes from GNU time where it is installed: a child forked from this (large) process would
    otherwise report this process's memory as its own.
    """
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        command = [timer, "-f", "%M", "-o", rss.name, *argv] if timer else list(argv)
        start = time.perf_counter()
        child = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        seconds = time.perf_counter() - start
        if child.returncode not in ok:
            errors = child.stderr.decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(map(str, argv))} exited {child.returncode}: {errors[-2000:]}")
        lines = [line for line in rss.read().splitlines() if line.strip().isdigit()]
    return seconds, (int(lines[-1]) / 1024 if lines else 0.0)


def ropa(*args: object) -> list[str]:
    return [sys.executable, "-m", "ropa_desktop", *map(str, args)]


def measure(figure: Figure, runs: int, make: Callable[[], list[str]], env: dict[str, str],
            prepare: Callable[[], None] | None = None, ok: Sequence[int] = (0,)) -> Figure:
    for _ in range(runs):
        if prepare is not None:
            prepare()
        seconds, peak = run(make(), env=env, ok=ok)
        figure.seconds.append(seconds)
        figure.peak_mb = max(figure.peak_mb, peak)
    return figure


def fresh_db(path: Path, env: dict[str, str]) -> Callable[[], None]:
    def prepare() -> None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        subprocess.run(ropa("init", "--db", path, "--empty"), env=env, check=True, capture_output=True)

    return prepare


def edit_cells(source: Path, target: Path, cells: int) -> None:
    """A copy of an exported workbook with ``cells`` names changed on the Register sheet (counsel's edits)."""
    import openpyxl

    wb = openpyxl.load_workbook(source)
    ws = wb["Register"]
    header = [c.value for c in ws[1]]
    column = header.index("Name of the processing") + 1
    step = max(1, (ws.max_row - 1) // cells)
    for i in range(cells):
        cell = ws.cell(2 + i * step, column)
        cell.value = f"{cell.value} (edited)"
    wb.save(target)


def bench_size(size: int, args: argparse.Namespace, directory: Path, env: dict[str, str]) -> list[Figure]:
    from ropa_desktop.services.json_format import dumps
    from ropa_desktop.services.synthetic import synthetic_register
    from ropa_desktop.storage.repository import RegisterStore

    runs = args.runs
    register = synthetic_register(size, seed=args.seed, words=args.words, scale=args.scale)
    source_json = directory / f"r{size}.json"
    source_json.write_text(dumps(register), "utf-8")
    db = directory / f"r{size}.ropa"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(register)
    del register
    figures: list[Figure] = []
    target_db = directory / f"t{size}.ropa"

    figures.append(measure(Figure("import JSON into an empty register", size), runs,
                           lambda: ropa("import", "--db", target_db, source_json), env, fresh_db(target_db, env)))
    if "json" in args.works:
        figures.append(measure(Figure("re-import unchanged JSON (--dry-run)", size), runs,
                               lambda: ropa("import", "--db", db, source_json, "--dry-run"), env))
        figures.append(measure(Figure("re-import unchanged JSON", size), runs,
                               lambda: ropa("import", "--db", db, source_json), env))
        # Our own export back as written: known unchanged by its SHA-256 without decoding (services/json_unchanged.py).
        exported_json = directory / f"e{size}.json"
        run(ropa("export", "--db", db, "--format", "json", "--output", exported_json), env=env)
        figures.append(measure(Figure("re-import unchanged JSON export (--dry-run)", size), runs,
                               lambda: ropa("import", "--db", db, exported_json, "--dry-run"), env))
        figures.append(measure(Figure("check", size), runs, lambda: ropa("check", "--db", db), env, ok=(0, 1)))
        # The file as the first check left it: its integrity check is remembered (storage/sound_files.py).
        figures.append(measure(Figure("check again, register unchanged", size), runs,
                               lambda: ropa("check", "--db", db), env, ok=(0, 1)))
    if "xlsx" in args.works:
        figures += bench_xlsx(size, args, directory, env, db, target_db)
    if size <= args.pdf_limit and "pdf" in args.works:
        pdf = directory / f"r{size}.pdf"
        figures.append(measure(Figure("export PDF", size), 1 if size > 1000 else runs,
                               lambda: ropa("export", "--db", db, "--format", "pdf", "--output", pdf), env))
    if not args.no_gui and "gui" in args.works:
        from bench_gui import cold_start

        seconds, rss = cold_start(db, directory / "config", runs=runs, best=False)
        gui = Figure("GUI cold start to a populated window", size, [seconds], rss / 1024)
        figures.append(gui)
    return figures


def bench_xlsx(size: int, args: argparse.Namespace, directory: Path, env: dict[str, str], db: Path,
               target_db: Path) -> list[Figure]:
    """Our own workbook exported, imported, opened by LibreOffice and re-imported (unchanged, then edited)."""
    runs = args.runs
    figures: list[Figure] = []
    xlsx = directory / f"r{size}.xlsx"
    figures.append(measure(Figure("export XLSX", size), runs, lambda: ropa("export", "--db", db, "--format", "xlsx",
                                                                          "--output", xlsx), env))
    figures.append(measure(Figure("import own XLSX into an empty register", size), runs,
                           lambda: ropa("import", "--db", target_db, xlsx), env, fresh_db(target_db, env)))
    soffice = shutil.which("soffice")
    if soffice:
        out = directory / "csv"
        profile = directory / "lo-profile"
        libre = measure(Figure("LibreOffice opening the XLSX (--convert-to csv)", size), runs,
                        lambda: [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                 "--convert-to", "csv", "--outdir", str(out), str(xlsx)], env)
        figures.append(libre)
    figures.append(measure(Figure("re-import unchanged XLSX (--dry-run)", size), runs,
                           lambda: ropa("import", "--db", db, xlsx, "--dry-run"), env))
    edited = directory / f"r{size}-edited.xlsx"
    edit_cells(xlsx, edited, 100)
    figures.append(measure(Figure("re-import XLSX, 100 changed cells (--dry-run)", size), runs,
                           lambda: ropa("import", "--db", db, edited, "--dry-run"), env))
    return figures


def verdict(figure: Figure, libre: dict[int, float]) -> str:
    target = TARGETS.get(figure.work, {}).get(figure.size)
    if figure.work == "import own XLSX into an empty register" and figure.size in libre:
        target = 0.5 * libre[figure.size]
        return f"< {target:.2f} (0.5 × LibreOffice) {'✓' if figure.median < target else '✗'}"
    if target is None:
        return ""
    return f"< {target:g} {'✓' if figure.median < target else '✗'}"


def table(figures: list[Figure], runs: int) -> str:
    libre = {f.size: f.median for f in figures if f.work.startswith("LibreOffice")}
    lines = [f"Median of {runs} runs; each a separate process, wall time from start to exit.", "",
             "| work | activities | seconds (median) | target | peak MB |", "|---|---:|---:|---|---:|"]
    for f in figures:
        memory = f"{f.peak_mb:.0f}" + (" ✗" if f.size >= 50_000 and f.peak_mb > MEMORY_TARGET_MB else "")
        lines.append(f"| {f.work} | {f.size:,} | {f.median:.2f} | {verdict(f, libre)} | {memory} |")
    growth = []
    by_work: dict[str, dict[int, float]] = {}
    for f in figures:
        by_work.setdefault(f.work, {})[f.size] = f.median
    for work, sizes in by_work.items():
        if 10_000 in sizes and 50_000 in sizes and not work.startswith("LibreOffice"):
            ratio = sizes[50_000] / sizes[10_000]
            growth.append(f"| {work} | {ratio:.1f} {'✓' if ratio <= 6 else '✗'} |")
    if growth:
        lines += ["", "| work | time(50k) / time(10k) (target ≤ 6) |", "|---|---:|", *growth]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", nargs="*", default=None, help="another vocabulary for the generated texts")
    parser.add_argument("--scale", type=float, default=1.0, help="text length factor")
    parser.add_argument("--pdf-limit", type=int, default=10_000)
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--works", nargs="+", choices=WORKS, default=list(WORKS),
                        help="which works to time (json: the JSON import, its re-imports and check)")
    parser.add_argument("--markdown", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--readme", action="store_true", help="also put the table in the README's performance section")
    args = parser.parse_args()
    # An installed application has its bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would compile every
    # module again in each timed process.
    import compileall

    compileall.compile_dir(REPO / "ropa_desktop", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(REPO), ROPA_DESKTOP_HOME=str(directory / "home"),
                   ROPA_DESKTOP_CONFIG=str(directory / "config"), ROPA_DESKTOP_LANG="en")
        os.environ.update(ROPA_DESKTOP_CONFIG=env["ROPA_DESKTOP_CONFIG"], ROPA_DESKTOP_HOME=env["ROPA_DESKTOP_HOME"])
        figures: list[Figure] = []
        for size in args.sizes:
            for figure in bench_size(size, args, directory, env):
                figures.append(figure)
                each = ", ".join(f"{s:.2f}" for s in figure.seconds)
                libre = {f.size: f.median for f in figures if f.work.startswith("LibreOffice")}
                target = verdict(figure, libre)
                target = f", target {target}" if target else ""
                print(f"[{size:>6}] {figure.work}: {figure.median:.2f} s (runs {each}){target}, "
                      f"peak {figure.peak_mb:.0f} MB", flush=True)
        text = table(figures, args.runs)
        print(text)
        args.markdown.write_text("# Benchmark results (bench/bench_cli.py)\n\n" + text, "utf-8")
        if args.readme:
            readme = REPO / "README.md"
            head, rest = readme.read_text("utf-8").split(README_START, 1)
            _, tail = rest.split(README_END, 1)
            readme.write_text(f"{head}{README_START}\n{text}{README_END}{tail}", "utf-8")


if __name__ == "__main__":
    main()

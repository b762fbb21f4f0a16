"""XLSX exchange benchmark: the real export and import commands as processes, each beside its target and LibreOffice.

Usage: ``python bench/bench_xlsx.py [--sizes 1000 10000] [--runs 1] [--seed 0] [--profile DIR]``.
For each size a register is generated (``services/synthetic.py``) and these are timed, each a fresh
``python -m ropa_desktop ...`` process, wall time from start to exit (parsing, the change set, the durable commit):
``export --format xlsx``; LibreOffice opening the same file (``soffice --headless --convert-to csv``) in the same
run; ``import`` of that file into an empty register; its re-import unchanged and with 100 names changed on the
Register sheet (``--dry-run``). Each figure is printed beside its target and as a ratio to LibreOffice.
``--profile DIR`` also writes a cProfile of each command (``DIR/<size>-<work>.prof``) and prints its top lines.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_cli import Figure, edit_cells, fresh_db, measure, ropa  # noqa: E402

# work -> target in seconds at 10,000 activities (issue 13), or a fraction of LibreOffice's time
TARGETS: dict[str, float] = {
    "export XLSX": 2.0,
    "re-import unchanged XLSX (--dry-run)": 1.5,
    "re-import XLSX, 100 changed cells (--dry-run)": 2.0,
}
LIBRE_FRACTION = {"import own XLSX into an empty register": 0.5}
LIBRE = "LibreOffice opening the XLSX (--convert-to csv)"
PROFILE = "import cProfile, sys\nfrom ropa_desktop.app import main\ncProfile.run('main(sys.argv[2:])', sys.argv[1])\n"


def target_text(figure: Figure, libre: float | None) -> str:
    if figure.work in LIBRE_FRACTION and libre:
        target = LIBRE_FRACTION[figure.work] * libre
        return f"target < {target:.2f} s ({LIBRE_FRACTION[figure.work]:g} x LibreOffice) " + (
            "met" if figure.median < target else "NOT met")
    target = TARGETS.get(figure.work) if figure.size == 10_000 else None
    if target is None:
        return "no target at this size" if figure.work != LIBRE else "reference"
    return f"target < {target:g} s " + ("met" if figure.median < target else "NOT met")


def line(figure: Figure, libre: float | None) -> str:
    ratio = f"{figure.median / libre:.2f} x LibreOffice" if libre and figure.work != LIBRE else ""
    return (f"[{figure.size:>6}] {figure.work:<46} {figure.median:6.2f} s  peak {figure.peak_mb:4.0f} MB  "
            f"{target_text(figure, libre):<44} {ratio}")


def profile(directory: Path | None, name: str, argv: list[str], env: dict[str, str],
            prepare: Callable[[], None] | None, top: int) -> None:
    """The command once more under cProfile (not timed), its top lines by cumulative time printed."""
    if directory is None:
        return
    if prepare is not None:
        prepare()
    out = directory / f"{name}.prof"
    subprocess.run([sys.executable, "-c", PROFILE, str(out), *argv[3:]], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if out.exists():
        text = io.StringIO()
        pstats.Stats(str(out), stream=text).sort_stats("cumulative").print_stats(top)
        print(f"--- profile of {name} (cumulative, top {top}) ---")
        print("\n".join(text.getvalue().splitlines()[6:]), flush=True)


def bench_size(size: int, args: argparse.Namespace, directory: Path, env: dict[str, str]) -> list[Figure]:
    from ropa_desktop.services.synthetic import synthetic_register
    from ropa_desktop.storage.repository import RegisterStore

    register = synthetic_register(size, seed=args.seed)
    db = directory / f"r{size}.ropa"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(register)
    del register
    xlsx, edited, empty = directory / f"r{size}.xlsx", directory / f"r{size}-edited.xlsx", directory / f"e{size}.ropa"
    commands: list[tuple[str, Callable[[], list[str]], Callable[[], None] | None]] = [
        ("export XLSX", lambda: ropa("export", "--db", db, "--format", "xlsx", "--output", xlsx), None),
        ("import own XLSX into an empty register", lambda: ropa("import", "--db", empty, xlsx), fresh_db(empty, env)),
        ("re-import unchanged XLSX (--dry-run)", lambda: ropa("import", "--db", db, xlsx, "--dry-run"), None),
        ("re-import XLSX, 100 changed cells (--dry-run)", lambda: ropa("import", "--db", db, edited, "--dry-run"),
         None),
    ]
    figures: list[Figure] = []
    libre: float | None = None
    for work, make, prepare in commands:
        figure = measure(Figure(work, size), args.runs, make, env, prepare)
        figures.append(figure)
        if work == "export XLSX":
            soffice = shutil.which("soffice")
            if soffice:
                profile_dir = directory / "lo-profile"
                convert = [soffice, f"-env:UserInstallation={profile_dir.as_uri()}", "--headless",
                           "--convert-to", "csv", "--outdir", str(directory / "csv"), str(xlsx)]
                lo = measure(Figure(LIBRE, size), args.runs, lambda convert=convert: convert, env)
                libre = lo.median
                figures.append(lo)
            else:
                print("soffice not installed: no LibreOffice comparison")
            print(line(figure, libre), flush=True)
            if libre is not None:
                print(line(figures[-1], libre), flush=True)
            edit_cells(xlsx, edited, 100)
        else:
            print(line(figure, libre), flush=True)
        slug = work.split(" (")[0].replace(" ", "-").replace(",", "")
        profile(args.profile, f"{size}-{slug}", make(), env, prepare, args.top)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=Path, default=None, help="write and summarise a cProfile per command")
    parser.add_argument("--top", type=int, default=25, help="lines of each profile printed")
    args = parser.parse_args()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(REPO), ROPA_DESKTOP_HOME=str(directory / "home"),
                   ROPA_DESKTOP_CONFIG=str(directory / "config"), ROPA_DESKTOP_LANG="en")
        os.environ.update(ROPA_DESKTOP_CONFIG=env["ROPA_DESKTOP_CONFIG"], ROPA_DESKTOP_HOME=env["ROPA_DESKTOP_HOME"])
        print(f"median of {args.runs} run(s); each a separate process, wall time from start to exit")
        for size in args.sizes:
            bench_size(size, args, directory, env)


if __name__ == "__main__":
    main()

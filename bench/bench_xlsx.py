"""XLSX exchange benchmark: export and re-import of a generated register, beside LibreOffice's own reading.

Usage: python bench/bench_xlsx.py [ACTIVITIES]  (default 10,000; targets: export < 3 s, import < 2 s).
Fiche sheets (one per activity) are only written up to FICHE_LIMIT activities; the Register sheet is complete.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ropa_desktop.services.spreadsheet import FICHE_LIMIT, export_xlsx, read_spreadsheet
from ropa_desktop.services.synthetic import synthetic_register


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    register = synthetic_register(count)
    print(
        f"register: {count} activities (fiche sheets {'on' if count <= FICHE_LIMIT else 'off'}, "
        f"limit {FICHE_LIMIT}); peak memory after generation {peak_mb():.0f} MB"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "register.xlsx"
        start = time.perf_counter()
        export_xlsx(register, path, lang="fr")
        export_s = time.perf_counter() - start
        print(f"export:  {export_s:6.2f} s  ({path.stat().st_size / 2**20:.1f} MB on disk; target < 3 s)")
        start = time.perf_counter()
        result = read_spreadsheet(path)
        import_s = time.perf_counter() - start
        activities = sum(len(o.activities) for o in result.register.organizations)
        print(
            f"import:  {import_s:6.2f} s  ({activities} activities, {len(result.warnings)} warnings; "
            "target < 2 s)"
        )
        print(f"peak memory: {peak_mb():.0f} MB")
        soffice = shutil.which("soffice")
        if soffice is None:
            print("soffice: not installed, LibreOffice comparison skipped")
            return
        start = time.perf_counter()
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp / 'profile'}",
                "--headless",
                "--convert-to",
                "csv",
                "--outdir",
                str(tmp / "csv"),
                str(path),
            ],
            capture_output=True,
            timeout=600,
            check=False,
        )
        soffice_s = time.perf_counter() - start
        state = "ok" if done.returncode == 0 and (tmp / "csv" / "register.csv").exists() else "FAILED"
        print(f"soffice --convert-to csv: {soffice_s:6.2f} s ({state}; includes LibreOffice start-up)")
        print(
            f"ratio: import {import_s / soffice_s:.2f}x soffice, export+import "
            f"{(export_s + import_s) / soffice_s:.2f}x soffice"
        )


if __name__ == "__main__":
    main()

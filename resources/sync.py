"""Copy resources/ (the source) into ropa_desktop/resources/ so wheels and frozen builds ship them.

Run from the repository root: ``python resources/sync.py``. Translations are compiled separately
(``pyside6-lrelease resources/translations/ropa_desktop_fr.ts
-qm ropa_desktop/resources/translations/ropa_desktop_fr.qm``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCE = Path(__file__).resolve().parent
TARGET = SOURCE.parent / "ropa_desktop" / "resources"
COPIED = ("style.qss", "icons")


def sync() -> list[Path]:
    written: list[Path] = []
    for name in COPIED:
        source = SOURCE / name
        for file in sorted(source.rglob("*") if source.is_dir() else [source]):
            if file.is_file():
                target = TARGET / file.relative_to(SOURCE)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
                written.append(target)
    return written


if __name__ == "__main__":
    for path in sync():
        print(path.relative_to(SOURCE.parent))

"""The Register rows built half by a forked child: the same workbook, the same notices in order, or built here."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.services.spreadsheet import export_xlsx, halves
from ropa_desktop.services.spreadsheet.parts import untouched_meta
from tests.services.spreadsheet.test_fast_rows import _register

_STAMPED = re.compile(rb"\d{4}-\d\d-\d\dT[0-9:.+Z-]+|digest\.parts</t></is></c><c [^>]*><is><t>[0-9a-f]+")


def _parts(path: Path) -> dict[str, bytes]:
    """Every part of the workbook, the export's time (and the parts digest holding it) left out."""
    with zipfile.ZipFile(path) as archive:
        return {i.filename: _STAMPED.sub(b"", archive.read(i)) for i in archive.infolist()}


def _export(register: Any, path: Path) -> list[tuple[str, dict[str, str]]]:
    report = export_xlsx(register, path, lang="en", fiches=False)
    return [(w.code, w.params) for w in report.warnings]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
@pytest.mark.parametrize("child_fails", [False, True])
def test_forked_half_writes_the_same_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              child_fails: bool) -> None:
    register = _register()  # odd texts (notices) in both halves; the same ids in both workbooks
    alone = _export(register, tmp_path / "alone.xlsx")
    forks: list[int] = []
    real = halves.Half.__init__

    def counted(self: halves.Half, build: object) -> None:
        forks.append(1)
        real(self, (lambda: 1 / 0) if child_fails else build)  # type: ignore[arg-type]

    monkeypatch.setattr(halves, "MIN_ROWS", 2)
    monkeypatch.setattr(halves, "can_fork", lambda rows: rows >= 2)  # pytest-qt's threads aside: this test forks
    monkeypatch.setattr(halves.Half, "__init__", counted)
    forked = _export(register, tmp_path / "forked.xlsx")
    assert forks == [1]
    assert _parts(tmp_path / "forked.xlsx") == _parts(tmp_path / "alone.xlsx")
    assert forked == alone and any(code == "control_characters" for code, _ in forked)
    assert untouched_meta(tmp_path / "forked.xlsx") is not None  # the parts digest covers the rows as written


def test_no_fork_for_a_small_register_or_beside_threads() -> None:
    assert not halves.can_fork(halves.MIN_ROWS - 1)
    import threading

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not halves.can_fork(halves.MIN_ROWS * 10)  # another thread: a forked copy could inherit its locks
    finally:
        stop.set()
        worker.join()

"""The Register rows shared with a forked child: the same workbook, the same notices in order, or built here."""

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
    real = halves.Shared.__init__
    taken: list[int] = []

    def counted(self: halves.Shared, count: int, build: Any) -> None:
        forks.append(count)
        real(self, count, (lambda number: 1 / 0) if child_fails else build)
        # One chunk taken here at once (the child keeps the others), built after the other sheets as usual.
        first = halves.Shared.take(self)
        taken.append(first)
        mine = iter([] if first is None else [first])
        self.take = lambda: next(mine, None)  # type: ignore[method-assign]

    monkeypatch.setattr(halves, "MIN_ROWS", 2)
    monkeypatch.setattr(halves, "CHUNKS", 3)
    monkeypatch.setattr(halves, "can_fork", lambda rows: rows >= 2)  # pytest-qt's threads aside: this test forks
    monkeypatch.setattr(halves.Shared, "__init__", counted)
    forked = _export(register, tmp_path / "forked.xlsx")
    assert forks == [3] and len(taken) == 1
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

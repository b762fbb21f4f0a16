"""Exports are written atomically: an error or a kill mid-save leaves the previous file byte-identical."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa_desktop.services.atomic import TEMP_PREFIX, atomic_output, clean_stale_temp_files, write_bytes_atomic
from tests.paths import REPO


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_an_error_mid_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the good file")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"half a fi")
        raise RuntimeError("exporter failed")
    assert target.read_bytes() == b"the good file"
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_new_files_are_owner_only_and_replaced_ones_keep_their_permissions(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.json"
    write_bytes_atomic(fresh, b"{}")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600  # exports hold personal data
    plain = tmp_path / "plain.json"
    plain.write_bytes(b"{}")
    plain.chmod(0o640)
    write_bytes_atomic(plain, b"[]")
    assert stat.S_IMODE(plain.stat().st_mode) == 0o640  # a replaced file keeps its permissions


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_kill_mid_save_leaves_the_previous_file_and_its_temp_is_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "register.pdf"
    target.write_bytes(b"previous export")
    writer = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from ropa_desktop.services.atomic import atomic_output\n"
        "with atomic_output(Path(sys.argv[1])) as handle:\n"
        "    while True:\n"
        "        handle.write(b'x' * 65536); handle.flush(); print('chunk', flush=True); time.sleep(0.01)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", writer, str(target)], cwd=REPO, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.stdout is not None and proc.stdout.readline().strip() == "chunk"
    time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps it and closes its pipe
    assert target.read_bytes() == b"previous export"
    leftovers = list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    assert leftovers, "the killed writer's temporary file should still be there"
    assert clean_stale_temp_files(tmp_path) == leftovers
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_an_old_leftover_is_cleaned_by_the_next_export_but_a_fresh_one_is_not(tmp_path: Path) -> None:
    old, fresh = tmp_path / f"{TEMP_PREFIX}old.pdf", tmp_path / f"{TEMP_PREFIX}fresh.pdf"
    old.write_bytes(b"killed long ago")
    fresh.write_bytes(b"another export in progress")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    write_bytes_atomic(tmp_path / "out.pdf", b"%PDF")
    assert not old.exists() and fresh.exists()

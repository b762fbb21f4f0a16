"""Stale locks are recovered (dead process, reused PID); another host's lock is only broken with consent."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Organization
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.lock import lock_path, process_start
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli_env, one_line, run_main
from tests.paths import REPO


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "locked.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.save_organization(Organization(name="Lock test"))
    return path


def plant_lock(path: Path, **holder: object) -> None:
    lock_path(path).write_text(json.dumps({"user": "dpo", "since": "2026-11-01T09:30:00+00:00", **holder}))


def test_a_pid_reused_by_an_unrelated_process_is_a_stale_lock(register: Path) -> None:
    # PID 1 is alive, but it is not the process that wrote this lock: its start time differs.
    assert process_start(1), "needs /proc"
    plant_lock(register, host=socket.gethostname(), pid=1, started="another-boot:12345")
    with RegisterStore.open(register) as store:
        assert store.load().organizations[0].name == "Lock test"
    assert not lock_path(register).exists()


def test_a_lock_of_a_dead_process_is_recovered(register: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    plant_lock(register, host=socket.gethostname(), pid=int(dead.stdout), started="x")
    RegisterStore.open(register).close()


def test_another_hosts_lock_is_refused_naming_it_and_broken_only_with_consent(
        register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant_lock(register, host="dpo-laptop", pid=4242, started="b:1")
    before = register.read_bytes()
    document = tmp_path / "one.json"
    document.write_text(json.dumps({"format": "ropa-desktop-register", "version": 1, "organizations": [
        {"name": "Another", "activities": [{"reference": "X-1", "name": "taken over"}]}]}))
    line = one_line(*run_main(capsys, "import", "--db", register, document)[::2])
    assert "dpo-laptop" in line and "4242" in line and "2026-11-01" in line and "--break-lock" in line
    assert register.read_bytes() == before
    with pytest.raises(StorageError) as info:
        RegisterStore.open(register)
    assert info.value.code == "locked_elsewhere"
    code, _out, err = run_main(capsys, "import", "--db", register, document, "--break-lock")
    assert code == 0, err
    with RegisterStore.open(register, read_only=True) as store:
        assert "taken over" in [a.name for o in store.load().organizations for a in o.activities]
    assert not lock_path(register).exists()


def test_a_live_writer_makes_the_second_wait_then_refuses_it(register: Path, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from ropa_desktop.storage.repository import RegisterStore; "
         "s = RegisterStore.open(Path(sys.argv[1])); print('HELD', flush=True); time.sleep(60)", str(register)],
        cwd=REPO, env=cli_env(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        started = time.monotonic()
        with pytest.raises(StorageError) as info:
            RegisterStore.open(register, lock_wait=0.5)
        assert time.monotonic() - started >= 0.5
        assert info.value.code == "locked"
        assert str(holder.pid) in info.value.message("fr")
        # The kernel lock is held: even consent does not let a second writer in beside a live one.
        with pytest.raises(StorageError):
            RegisterStore.open(register, lock_wait=0.1, break_lock=True)
    finally:
        holder.kill()
        holder.communicate()
    # Killed: the kernel released its lock, and the file it left names a dead process.
    RegisterStore.open(register).close()


def test_lock_content_is_complete_once_visible(register: Path) -> None:
    with RegisterStore.open(register):
        holder = json.loads(lock_path(register).read_text())
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert holder["started"] == process_start(os.getpid()) and holder["since"]
        assert oct(lock_path(register).stat().st_mode & 0o777) == oct(0o600)

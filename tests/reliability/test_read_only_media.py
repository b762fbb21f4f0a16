"""A register on read-only media opens read-only: check and export work, writing says why not."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_desktop.app import create_register
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import listing, one_line, run_main


def _mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A real read-only filesystem holding a register (a tmpfs remounted read-only), or a skip saying why not."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a filesystem needs root and mount(8)")
    point = tmp_path / "media"
    point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(point)):
        pytest.skip("mounting is not allowed here (no CAP_SYS_ADMIN)")
    try:
        create_register(point / "register.ropa", seeded=True)
        if not _mount("-o", "remount,ro", str(point)):
            pytest.skip("remounting read-only is not allowed here")
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=20)


def test_a_register_on_a_read_only_filesystem_is_read_checked_and_exported(
        read_only_mount: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = read_only_mount / "register.ropa"
    files = listing(read_only_mount)
    code, _out, err = run_main(capsys, "check", "--db", register)
    assert code in (0, 1), err
    assert re.search(r"\d+ errors?, ", err), err
    for fmt in ("json", "pdf"):
        pick = ["--organization", "Enlaps"] if fmt == "pdf" else []
        code, _out, err = run_main(capsys, "export", "--db", register, "--format", fmt, "-o", tmp_path / f"o.{fmt}",
                                   *pick)
        assert code == 0, err
    with RegisterStore.open(register, read_only=True) as store:
        assert len(store.load().organizations) == 2
    with pytest.raises(StorageError) as info:
        RegisterStore.open(register)
    assert info.value.code == "read_only"
    document = tmp_path / "o.json"
    assert "read-only" in one_line(*run_main(capsys, "import", "--db", register, document)[::2])
    assert listing(read_only_mount) == files


def test_a_register_in_a_folder_nobody_may_write_opens_read_only(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; the read-only mount test covers this case")
    folder = tmp_path / "locked"
    folder.mkdir()
    create_register(folder / "register.ropa", seeded=True)
    folder.chmod(0o555)
    try:
        with RegisterStore.open(folder / "register.ropa", read_only=True) as store:
            assert len(store.load().organizations) == 2
        with pytest.raises(StorageError):
            RegisterStore.open(folder / "register.ropa")
    finally:
        folder.chmod(0o755)

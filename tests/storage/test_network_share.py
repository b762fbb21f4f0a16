"""A register on a network share is refused for writing (SQLite's WAL and locks are unsafe there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.storage import filesystem, store_base
from ropa_desktop.storage.errors import StorageError
from ropa_desktop.storage.repository import RegisterStore

MOUNTS = """\
/dev/vda1 / ext4 rw,relatime 0 0
server:/export /mnt/team nfs4 rw,relatime 0 0
//nas/dpo /mnt/nas\\040share cifs rw 0 0
tmpfs /mnt/team/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/dpo/register.ropa", None),
    ("/mnt/team/register.ropa", "nfs4"),
    ("/mnt/team/sub/dir/register.ropa", "nfs4"),
    ("/mnt/nas share/register.ropa", "cifs"),
    ("/mnt/team/local/register.ropa", None),  # the deepest mount point wins
    ("/mnt/teamwork/register.ropa", None),  # a prefix of the name is not a parent folder
])
def test_network_filesystems_are_recognised_from_the_mount_table(path: str, expected: str | None) -> None:
    assert filesystem.network_filesystem(Path(path), filesystem.mount_table(MOUNTS)) == expected


def test_opening_on_a_share_is_refused_for_writing_but_allowed_read_only(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "shared.ropa"
    RegisterStore.open(path, create=True).close()
    before = path.read_bytes()
    monkeypatch.setattr(store_base, "network_filesystem", lambda _path: "nfs4")
    with pytest.raises(StorageError) as info:
        RegisterStore.open(path)
    assert info.value.code == "network_share" and "nfs4" in info.value.message("fr")
    assert path.read_bytes() == before and not path.with_name(path.name + ".lock").exists()
    with RegisterStore.open(path, read_only=True) as store:
        assert store.load().organizations == []


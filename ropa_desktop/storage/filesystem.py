"""Is a register on a network share? SQLite's WAL and locks are unsafe there, so writing is refused."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Filesystem types (as the kernel names them in /proc/self/mounts) where SQLite's locking cannot be trusted.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "fuse.rclone", "davfs",
    "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre", "gpfs",
})
MOUNTS = Path("/proc/self/mounts")


def _unescape(field: str) -> str:
    # /proc/mounts escapes spaces, tabs, newlines and backslashes as octal.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_table(text: str | None = None) -> list[tuple[str, str]]:
    """(mount point, filesystem type) pairs from /proc/self/mounts (or ``text``); [] where unavailable."""
    if text is None:
        try:
            text = MOUNTS.read_text("utf-8", errors="replace")
        except OSError:
            return []
    table = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            table.append((_unescape(parts[1]), parts[2]))
    return table


def network_filesystem(path: Path, table: list[tuple[str, str]] | None = None) -> str | None:
    """The network filesystem type holding ``path``, or None when it is local (or cannot be told)."""
    resolved = Path(os.path.abspath(path)).parent.resolve() if not path.is_dir() else path.resolve()
    if sys.platform == "win32":
        return "smb" if str(resolved).startswith("\\\\") else None
    best: tuple[int, str] | None = None
    for mount_point, fstype in table if table is not None else mount_table():
        mount = Path(mount_point)
        if resolved == mount or mount in resolved.parents:
            depth = len(mount.parts)
            if best is None or depth >= best[0]:
                best = (depth, fstype)
    if best is None:
        return None
    return best[1] if best[1] in NETWORK_FILESYSTEMS else None

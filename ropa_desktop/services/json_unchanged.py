"""Our JSON export re-imported byte for byte into the register as exported: "no change" without decoding it.

A whole-register JSON export is lossless: importing it back into the register it came from, while that register is
as it was at the export, changes nothing. The export remembers, in the per-user data folder, the SHA-256 of the
bytes it wrote beside the register's state when it read it (``state``: its id, the digest of every record's id and
version, its audit log's tip). A re-import of the same bytes into a register whose state is still that one is said
at once; any other file, or any save since (ours or anyone's: versions move whoever changes a row, and the audit log
grows), takes the full import, which then explains itself. Reading the memo costs nothing for a file of a size not
remembered; hashing 55 MB costs about a tenth of a second, decoding it ten times that.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import paths
from ..storage.private import FILE_MODE, private_dir

if TYPE_CHECKING:
    from ..storage.store_base import StoreBase

_MEMO_NAME = "exported-json.json"
_KEEP = 32  # exports remembered (the most recent ones)


def state(store: StoreBase) -> str:
    """The register's state as a JSON export depends on it; "" when it has no identity yet (no history)."""
    from ..storage.ids import history_tip, register_id, stamp

    ident = register_id(store)
    if ident is None:
        return ""
    return "\x1e".join((ident, stamp(store).digest, history_tip(store)))


def _memo_path() -> Path:
    return paths.data_dir() / _MEMO_NAME


def _read_memo() -> dict[str, list[object]]:
    try:
        data = json.loads(_memo_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember_export(data: bytes, register_state: str) -> None:
    """Record that ``data`` is the whole register as it was in ``register_state``; a failure only costs a decode."""
    if not register_state:
        return
    memo = _read_memo()
    key = hashlib.sha256(data).hexdigest()
    memo.pop(key, None)
    memo[key] = [len(data), register_state]
    kept = dict(list(memo.items())[-_KEEP:])
    target = _memo_path()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        private_dir(target.parent)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(kept, handle)
        os.replace(temporary, target)  # readers see the old memo or the new one, never half of one
    with contextlib.suppress(OSError):
        temporary.unlink(missing_ok=True)


def exported_state(path: Path) -> str | None:
    """The register state a remembered export of exactly these bytes was taken in; None for any other file."""
    memo = _read_memo()
    try:
        size = os.stat(path).st_size
    except OSError:
        return None  # the full import says why it cannot read it
    if not any(isinstance(entry, list) and entry[:1] == [size] for entry in memo.values()):
        return None
    try:
        with open(path, "rb") as handle:
            key = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    entry = memo.get(key)
    if not isinstance(entry, list) or len(entry) != 2 or entry[0] != size or not isinstance(entry[1], str):
        return None
    return entry[1]


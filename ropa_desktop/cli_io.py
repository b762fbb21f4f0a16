"""What every command shares: where the register is, opening it, and printing to a terminal safely."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .cli_text import terminal_safe
from .cli_text import text as text_for
from .storage import paths

if TYPE_CHECKING:
    from .storage.repository import RegisterStore


def print_safe(*values: object, file: TextIO | None = None, end: str = "\n") -> None:
    """``print``, with control characters from register content shown, never sent to the terminal as they are.

    A name holding ESC, BEL or a bidi override could retitle, clear or reorder the user's terminal.
    """
    print(*(terminal_safe(str(v)) for v in values), file=file, end=end)


def register_path(args: argparse.Namespace) -> Path | str:
    """``--db`` (a file or a server URL), or the per-user register."""
    return args.db if args.db else paths.default_register_path()


# A command's large objects (the registers read and planned), kept until the process leaves with ``os._exit``:
# freed object by object when the command returned, they cost a tenth of a large import after its work was done.
# ``app.main`` empties it when it starts, so a caller running commands in one process keeps one command's at most.
KEPT: list[object] = []


def keep_until_exit(*objects: object) -> None:
    KEPT.extend(objects)


# A second writer waits this long for the first (an import takes about a second), then is refused (exit 2).
LOCK_WAIT_SECONDS = 5.0


def open_store(path: Path | str, *, read_only: bool, break_lock: bool = False) -> RegisterStore:
    from .storage.repository import RegisterStore  # here: a command that opens no register does not load SQLAlchemy

    # A server register has no file backups (the server's own) and no lock (row versions guard each save).
    backups = None if read_only or not isinstance(path, Path) else paths.backup_dir()
    return RegisterStore.open(path, read_only=read_only, backup_dir=backups, break_lock=break_lock,
                              lock_wait=LOCK_WAIT_SECONDS, backup_on_write=True)


def refuse_a_reader(path: Path | str) -> None:
    """A server register whose role may only read: StorageError ``role_reads_only`` before anything is read."""
    if isinstance(path, Path):
        return
    from .storage.errors import StorageError
    from .storage.server import parse_server_url, read_privileges

    privileges = read_privileges(parse_server_url(path))
    if not privileges.can_edit:
        raise StorageError("role_reads_only", path=parse_server_url(path).shown, role=privileges.role)


def say(key: str, lang: str, **params: object) -> None:
    print_safe(text_for(key, lang, **params), file=sys.stderr)

"""A real PostgreSQL server for the tests: Debian's binaries, a temporary directory, a Unix socket, no TCP.

PostgreSQL refuses to run as root, and tests (and CI) often do: then every server command runs as the
``postgres`` system user (``runuser``) in a directory it owns. Otherwise the current user runs it directly.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SUPERUSER = "postgres"  # the database superuser initdb creates (trust authentication on the socket only)


def find_bindir() -> Path | None:
    """The newest Debian PostgreSQL ``bin`` directory (or ``ROPA_PG_BINDIR``), or None when not installed."""
    given = os.environ.get("ROPA_PG_BINDIR")
    candidates = [given] if given else sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                              key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                                              else 0, reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file() and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    return None


class PostgresServer:
    """initdb + pg_ctl in a temporary directory; ``url(db)`` names a database on its socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        # Under /tmp itself: pytest's own temporary folders are root-only, and the postgres user must reach this one.
        self.root = Path(tempfile.mkdtemp(prefix="ropa-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        if self.as_root:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *command: str | Path) -> subprocess.CompletedProcess[str]:
        argv: Sequence[str] = [str(c) for c in command]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, capture_output=True, text=True, check=True, timeout=120)

    def start(self) -> None:
        self._run(self.bindir / "initdb", "-D", self.data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self._pg_ctl("start")

    def _pg_ctl(self, action: str) -> None:
        options = f"-k {self.socket_dir} -c listen_addresses='' -c max_connections=60 -c shared_buffers=32MB"
        self._run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-m", "fast",
                  "-o", options, action)

    def restart(self) -> None:
        """A clean restart (pg_ctl restart -m fast): every open connection is cut."""
        self._pg_ctl("restart")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(self.bindir / "pg_ctl", "-D", self.data, "-w", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), dbname=database, user=SUPERUSER, autocommit=True) as con:
            con.execute(statement.encode())

    def connect(self, url: str) -> Any:
        """An autocommit superuser connection to the database ``url`` names (to look behind the application)."""
        import psycopg

        database = url.split("@/", 1)[1].split("?", 1)[0]
        return psycopg.connect(host=str(self.socket_dir), dbname=database, user=SUPERUSER, autocommit=True)

"""Where a load test's time goes on the server: backends sampled during the run, statements' and triggers' times."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

_SAMPLE_EVERY = 0.01  # seconds between two looks at pg_stat_activity
_BACKENDS = """SELECT state, wait_event_type, wait_event FROM pg_stat_activity
WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()"""


def _connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


class ServerStats:
    """Samples the clients' backends (idle: waiting for their client; active: running or waiting on something)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples: Counter[str] = Counter()
        self.looks = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.statements = False
        self._commits = 0

    def start(self, from_time: float, until: float) -> None:
        with _connect(self.url) as con:
            self.statements = bool(con.execute("SELECT count(*) FROM pg_extension "
                                               "WHERE extname = 'pg_stat_statements'").fetchone()[0])
            if not self.statements:
                with contextlib.suppress(Exception):
                    con.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                    self.statements = True
            if self.statements:
                con.execute("SELECT pg_stat_statements_reset()")
            con.execute("SELECT pg_stat_reset()")
            con.execute("SELECT pg_stat_reset_shared('wal')")
        self._thread = threading.Thread(target=self._sample, args=(from_time, until), daemon=True)
        self._thread.start()

    def _sample(self, from_time: float, until: float) -> None:
        while time.time() < from_time:
            time.sleep(0.01)
        con = None
        while time.time() < until and not self._stop.is_set():
            try:
                con = con or _connect(self.url)
                rows = con.execute(_BACKENDS).fetchall()
            except Exception:  # the server restarting: look again later
                con = None
                time.sleep(0.2)
                continue
            self.looks += 1
            for state, wait_type, wait in rows:
                if state != "active":
                    self.samples["idle: waiting for the client" if state == "idle" else f"{state}"] += 1
                else:
                    self.samples["active: running (CPU)" if wait_type is None else f"active: {wait_type}/{wait}"] += 1
            time.sleep(_SAMPLE_EVERY)
        if con is not None:
            con.close()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def report(self) -> None:
        total = sum(self.samples.values())
        if total:
            print(f"server backends, {self.looks} looks ({total} backend samples):")
            for what, count in self.samples.most_common(12):
                print(f"  {100 * count / total:5.1f} %  {what}")
        with _connect(self.url) as con:
            commits, rollbacks = con.execute("SELECT xact_commit, xact_rollback FROM pg_stat_database "
                                             "WHERE datname = current_database()").fetchone()
            print(f"transactions: {commits} committed, {rollbacks} rolled back")
            syncs, sync_ms, timed = con.execute("SELECT wal_sync, wal_sync_time, "
                                                "current_setting('track_wal_io_timing') FROM pg_stat_wal").fetchone()
            print(f"WAL flushes: {syncs}" + (f", {sync_ms / syncs:.2f} ms each" if syncs and timed == "on" else ""))
            if self.statements:
                print("statements by total time (pg_stat_statements): calls, mean ms, total ms")
                for calls, mean, total_ms, query in con.execute(
                        "SELECT calls, mean_exec_time, total_exec_time, query FROM pg_stat_statements "
                        "ORDER BY total_exec_time DESC LIMIT 8"):
                    print(f"  {calls:7d} {mean:7.2f} {total_ms:9.0f}  {' '.join(query.split())[:110]}")
            functions = con.execute("SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions "
                                    "ORDER BY total_time DESC LIMIT 8").fetchall()
            if functions:
                print("functions (track_functions): calls, total ms, self ms")
                for name, calls, total_ms, self_ms in functions:
                    print(f"  {calls:7d} {total_ms:9.1f} {self_ms:9.1f}  {name}")

    @staticmethod
    @contextlib.contextmanager
    def tuned(url: str, settings: dict[str, str], no_notify: bool) -> Iterator[None]:
        """The server with ``settings`` (and no notification trigger on activities) for the run; then as before."""
        if not settings and not no_notify:
            yield
            return
        with _connect(url) as con:
            for name, value in settings.items():
                con.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            con.execute("SELECT pg_reload_conf()")
            if no_notify:
                con.execute("ALTER TABLE activities DISABLE TRIGGER ropa_notify_change")
            print("measuring with " + ", ".join([*(f"{k}={v}" for k, v in settings.items()),
                                                *(["no notification trigger"] if no_notify else [])]))
        try:
            yield
        finally:
            with _connect(url) as con:
                for name in settings:
                    con.execute(f"ALTER SYSTEM RESET {name}")
                con.execute("SELECT pg_reload_conf()")
                if no_notify:
                    con.execute("ALTER TABLE activities ENABLE TRIGGER ropa_notify_change")

"""The load test's core: client processes editing one server register, and the re-reading that checks nothing was lost.

Each client is a process with its own store. It opens an activity (as the form does), waits ``think`` (a person
typing: others' saves land meanwhile), sets the notes to a marker no other edit of any run uses and saves. Every
edit ends in exactly one outcome, logged with its marker:

- ``saved``: the save returned; the version it wrote is known;
- ``conflict``: refused as stale (someone saved the activity since it was opened): shown, nothing written;
- ``cut_committed``: the connection died during the save (a server restart) and, once back, the audit log holds
  the marker: it had committed;
- ``cut_retried``: it had not committed; the client kept the edit and saved it again once the server was back;
- ``cut_conflict``: it had not committed, and the save sent again was refused as stale (shown, as above);
- ``kept``: it had not committed and the server was not back before the end: the client still holds it (not
  saved, not lost).

``verify`` then re-reads the server: each activity's version moved once per save, its notes are its last save's
marker, the audit log holds exactly one line per save (and none for a refused or kept edit).
"""

from __future__ import annotations

import multiprocessing
import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ropa_desktop.storage.errors import StaleWriteError, StorageError
from ropa_desktop.storage.repository import RegisterStore

SAVES = ("saved", "cut_committed", "cut_retried")  # the outcomes that wrote the edit
REFUSED = ("conflict", "cut_conflict")
_AWAY = ("server_unreachable", "busy", "io_error")  # the server is away (restarting): wait and try again
_RETRY_PAUSE = 0.1  # seconds between attempts while the server is away
_GRACE = 60.0  # how long after the run's end a client waits for a server still away


@dataclass
class Edit:
    """One edit and how it ended; ``seconds``/``cpu``: the save's wall-clock and this process's CPU time."""

    activity_id: str
    marker: str
    outcome: str
    version: int | None
    seconds: float
    cpu: float


@dataclass
class ClientLog:
    """What one client did: its edits, and its process's CPU time over the run."""

    number: int
    edits: list[Edit] = field(default_factory=list)
    cpu: float = 0.0
    connections_lost: int = 0


@dataclass
class Plan:
    """What every client edits: ``hot`` activities shared by all half the time, any of ``ids`` otherwise."""

    url: str
    org_id: str
    ids: list[str]
    hot: list[str]
    seconds: float
    start_at: float
    think: tuple[float, float] = (0.0, 0.0)
    seed: int = 0
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])  # in every marker: unique across runs too


def run_clients(plan: Plan, clients: int, restart: Any = None, restart_after: float = 0.0, *,
                start: str = "spawn") -> list[ClientLog]:
    """Start ``clients`` processes on ``plan``; ``restart()`` is called ``restart_after`` s into the run.

    ``start``: "spawn" (each client a fresh interpreter, as people's computers are), or "fork" (no import to
    wait for: a short test's clients, from a process holding no open connection).
    """
    context = multiprocessing.get_context(start)
    queue = context.Queue()
    processes = [context.Process(target=client, args=(plan, n, queue)) for n in range(clients)]
    for process in processes:
        process.start()
    if restart is not None:
        time.sleep(max(0.0, plan.start_at - time.time()) + restart_after)
        began = time.perf_counter()
        restart()
        print(f"server restarted {restart_after:.0f} s into the run (down for {time.perf_counter() - began:.1f} s)")
    logs = [queue.get(timeout=plan.seconds + 600) for _ in processes]
    for process in processes:
        process.join()
    failed = [log for log in logs if isinstance(log, str)]
    if failed:
        raise RuntimeError(f"{len(failed)} clients failed: {failed[0]}")
    return logs


def client(plan: Plan, number: int, queue: Any) -> None:
    """A process's body: edit for ``plan.seconds`` from ``plan.start_at``; put its log (or failure) on ``queue``."""
    try:
        queue.put(edit_for_a_while(plan, number))
    except Exception as exc:  # said, not waited for: the run stops with it
        queue.put(f"client {number}: {exc!r}")
        raise


def edit_for_a_while(plan: Plan, number: int) -> ClientLog:
    chooser = random.Random(f"{plan.seed}:{number}")
    log = ClientLog(number)
    # A client still starting when the server restarts waits for it, as the others do.
    opened = _retrying(lambda: RegisterStore.open(plan.url), plan.start_at + plan.seconds + _GRACE)
    if opened is None:
        raise RuntimeError("the server did not come back")
    with opened as store:
        while time.time() < plan.start_at:
            time.sleep(0.01)
        cpu_start = time.process_time()
        end = time.time() + plan.seconds
        while time.time() < end:
            activity_id = chooser.choice(plan.hot) if chooser.random() < 0.5 else chooser.choice(plan.ids)
            activity = _retrying(lambda a=activity_id: store.load_activity(a), end)
            if activity is None:
                break
            if plan.think[1] > 0:
                time.sleep(chooser.uniform(*plan.think))
            activity.notes = f"run {plan.run} client {number} edit {len(log.edits) + 1}"
            log.edits.append(_save(store, plan, activity, end, log))
        log.cpu = time.process_time() - cpu_start
    return log


def _save(store: RegisterStore, plan: Plan, activity: Any, end: float, log: ClientLog) -> Edit:
    started, cpu = time.perf_counter(), time.process_time()

    def edit(outcome: str) -> Edit:
        version = store.version("activity", activity.id) if outcome in SAVES else None
        return Edit(activity.id, activity.notes, outcome, version, time.perf_counter() - started,
                    time.process_time() - cpu)

    try:
        store.save_activity(plan.org_id, activity)
        return edit("saved")
    except StaleWriteError:
        return edit("conflict")
    except StorageError as exc:
        if exc.code not in _AWAY:
            raise
    log.connections_lost += 1
    found = _retrying(lambda: _committed(store, activity.id, activity.notes), end + _GRACE)
    if found:
        return Edit(activity.id, activity.notes, "cut_committed", None, time.perf_counter() - started,
                    time.process_time() - cpu)
    if found is None:
        return edit("kept")
    while True:  # the edit is still the client's: send it again once the server is back
        try:
            store.save_activity(plan.org_id, activity)
            return edit("cut_retried")
        except StaleWriteError:
            return edit("cut_conflict")
        except StorageError as exc:
            if exc.code not in _AWAY:
                raise
            if time.time() > end + _GRACE:
                return edit("kept")
            time.sleep(_RETRY_PAUSE)


def _retrying(action: Any, until: float) -> Any:
    """``action()`` again and again while the server is away (None once ``until`` has passed)."""
    while True:
        try:
            return action()
        except StorageError as exc:
            if exc.code not in _AWAY:
                raise
            if time.time() > until:
                return None
            time.sleep(_RETRY_PAUSE)


def _committed(store: RegisterStore, activity_id: str, marker: str) -> bool:
    """Whether a save cut by a lost connection committed: an audit line of the activity carries its marker."""
    return any((line.after or {}).get("notes") == marker for line in store.audit_log(activity_id))


@dataclass
class Baseline:
    """The register before the run: each activity's version, and the audit log's last line."""

    versions: dict[str, int]
    audit_id: int


def activity_ids(url: str, org_id: str) -> list[str]:
    """The organisation's activities, in their order (one query: loading 10,000 activities takes a while)."""
    with _connect(url) as con:
        return [row[0] for row in con.execute("SELECT id FROM activities WHERE organization_id = %s "
                                              "ORDER BY position", (org_id,))]


def baseline(url: str) -> Baseline:
    with _connect(url) as con:
        versions = dict(con.execute("SELECT id, version FROM activities").fetchall())
        audit_id = con.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    return Baseline(versions, audit_id)


@dataclass
class Verdict:
    """What the re-reading found; ``problems`` empty when every check holds."""

    saves: int
    refused: int
    kept: int
    audit_rows: int
    lost: int  # saves whose value or audit line is missing on the server
    problems: list[str]


def verify(url: str, edits: list[Edit], before: Baseline) -> Verdict:
    """Re-read the server and compare it with every client's log (see the module's docstring)."""
    saves = [e for e in edits if e.outcome in SAVES]
    unsaved = {(e.activity_id, e.marker) for e in edits if e.outcome not in SAVES}
    with _connect(url) as con:
        now = {row[0]: (row[1], row[2]) for row in con.execute("SELECT id, version, notes FROM activities")}
        lines = con.execute("SELECT entity_id, action, entity, after::jsonb->>'notes' FROM audit_log WHERE id > %s",
                            (before.audit_id,)).fetchall()
    problems: list[str] = []
    lost = 0
    by_activity: dict[str, list[Edit]] = defaultdict(list)
    for e in saves:
        by_activity[e.activity_id].append(e)
    for activity_id, mine in by_activity.items():
        first, (version, notes) = before.versions[activity_id], now[activity_id]
        written = sorted(e.version for e in mine if e.version is not None)
        if len(set(written)) != len(written) or not set(written) <= set(range(first + 1, first + 1 + len(mine))):
            problems.append(f"{activity_id}: versions written {written} from {first} (a save overwrote another)")
        if version != first + len(mine):
            problems.append(f"{activity_id}: version {version}, expected {first + len(mine)} after {len(mine)} saves")
        last = [e for e in mine if e.version == first + len(mine)] or [e for e in mine if e.version is None]
        if notes not in {e.marker for e in last}:
            lost += 1
            problems.append(f"{activity_id}: notes {notes!r} are not its last save's")
    audited = Counter((entity_id, notes) for entity_id, action, entity, notes in lines
                      if entity == "activity" and action == "update")
    others = len(lines) - sum(audited.values())
    expected = Counter((e.activity_id, e.marker) for e in saves)
    missing = expected - audited
    lost += sum(missing.values())
    if missing:
        problems.append(f"audit: {sum(missing.values())} saves without their line, e.g. {next(iter(missing))}")
    extra = audited - expected
    if extra:
        written_unsaved = sum(n for key, n in extra.items() if key in unsaved)
        problems.append(f"audit: {sum(extra.values())} lines without a logged save "
                        f"({written_unsaved} of them for an edit reported refused or kept)")
    if others:
        problems.append(f"audit: {others} lines other than activity updates")
    return Verdict(len(saves), sum(1 for e in edits if e.outcome in REFUSED),
                   sum(1 for e in edits if e.outcome == "kept"), len(lines), lost, problems)


def _connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)

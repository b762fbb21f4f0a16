"""The Register sheet's rows built by two processes on a multi-core machine: chunks shared with a forked child.

Building the rows (text of every cell, its digest, its XML) is pure Python, one core's work: at 10,000
activities it is most of the export. Where the process may fork safely (a POSIX system, more than one core,
one thread only: the command line, not the GUI with its Qt threads), the rows are cut into chunks whose numbers
wait in a pipe. A forked child takes chunks from it at once; this process writes the other sheets, then takes
what is left, so that both cores stay busy to the end whatever else runs on the machine (a fixed share left one
of them idle). The child sends its chunks back through a second pipe. Anything unexpected in the child (an
exception, a signal, a short read) and this process builds its chunks itself: the workbook is the same either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable
from typing import Any

MIN_ROWS = 4000  # below this the fork and the transfer cost more than the shared work saves
CHUNKS = 200  # about this many chunks: small enough for both processes to finish together, few enough to be cheap
_TOKEN = struct.Struct("<I")  # a chunk's number in the queue: reads this small from a pipe are never split


def can_fork(rows: int) -> bool:
    """True when a child may share ``rows`` rows: enough of them, several cores, this process alone."""
    if rows < MIN_ROWS or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    try:  # a forked copy of a process with other threads (the GUI's) may inherit a lock held forever
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # not Linux: no way to tell, so no fork
        return False


def chunk_size(rows: int) -> int:
    """Rows per chunk for ``rows`` rows."""
    return max(-(-rows // CHUNKS), 1)


class Shared:
    """Chunks ``0 .. count - 1`` taken in turn from one queue by this process (``take``) and a forked child.

    The child runs ``build(number)`` on each chunk it takes; ``results()`` waits for it and gives what it built by
    chunk number, None if it failed (its chunks are then this process's to build).
    """

    def __init__(self, count: int, build: Callable[[int], Any]) -> None:
        queue, fill = os.pipe()
        tokens = b"".join(_TOKEN.pack(number) for number in range(count))
        try:
            while tokens:  # a few hundred tokens: far less than a pipe holds, never blocks
                tokens = tokens[os.write(fill, tokens):]
        finally:
            os.close(fill)  # every token is in: a read of the emptied queue is its end, not a wait
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read)
                built: dict[int, Any] = {}
                while (number := _next(queue)) is not None:
                    built[number] = build(number)
                with os.fdopen(write, "wb") as out:
                    out.write(pickle.dumps(built, pickle.HIGHEST_PROTOCOL))
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read, self._queue = pid, read, queue

    def take(self) -> int | None:
        """The next chunk for this process to build, None once the queue is empty."""
        return _next(self._queue) if self._queue >= 0 else None

    def results(self) -> dict[int, Any] | None:
        try:
            with os.fdopen(self._read, "rb") as stream:
                data = stream.read()
        finally:
            self._read = -1
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
        if status != 0 or not data:
            return None
        try:
            built = pickle.loads(data)  # our own child's bytes, through our own pipe
        except Exception:
            return None
        return built if isinstance(built, dict) else None

    def discard(self) -> None:
        """Stop the child (a cancelled or failed export) and collect it; close the queue."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        for name in ("_read", "_queue"):
            if getattr(self, name) >= 0:
                with contextlib.suppress(OSError):
                    os.close(getattr(self, name))
                setattr(self, name, -1)


def _next(queue: int) -> int | None:
    token = os.read(queue, _TOKEN.size)
    return _TOKEN.unpack(token)[0] if len(token) == _TOKEN.size else None

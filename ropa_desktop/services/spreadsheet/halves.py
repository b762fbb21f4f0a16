"""The Register sheet's rows built by two processes on a multi-core machine: a forked child writes the second half.

Building the rows (text of every cell, its digest, its XML) is pure Python, one core's work: at 10,000
activities it is most of the export. Where the process may fork safely (a POSIX system, more than one core,
one thread only: the command line, not the GUI with its Qt threads), a child builds the second half's XML while
this process builds the first, and sends it back through a pipe. Anything unexpected in the child (an exception,
a signal, a short read) and the parent builds that half itself: the workbook is the same either way.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any

MIN_ROWS = 4000  # below this the fork and the transfer cost more than half the rows' work saves
# The child's share of the rows: meanwhile the parent builds its rows and then the sheets after the Register
CHILD_SHARE = 0.7  # measured: the parent has about half the Register's work to do besides its rows


def can_fork(rows: int) -> bool:
    """True when a child may build half of ``rows`` rows: enough of them, several cores, this process alone."""
    if rows < MIN_ROWS or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return False
    try:  # a forked copy of a process with other threads (the GUI's) may inherit a lock held forever
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # not Linux: no way to tell, so no fork
        return False


class Half:
    """A forked child running ``build`` (its result pickled back); ``result()`` waits for it, None if it failed."""

    def __init__(self, build: Callable[[], Any]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: build, send, and leave without running the parent's exit handlers
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    out.write(pickle.dumps(build(), pickle.HIGHEST_PROTOCOL))
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> Any | None:
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
            return pickle.loads(data)  # our own child's bytes, through our own pipe
        except Exception:
            return None

    def discard(self) -> None:
        """Stop the child (a cancelled or failed export) and collect it."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        if self._read >= 0:
            with contextlib.suppress(OSError):
                os.close(self._read)
            self._read = -1

"""Long jobs (exports, imports) on a worker thread, with progress and cancel, calling service functions."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..services.errors import Cancelled

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
JobFunction = Callable[[Progress, CancelCheck], Any]  # a services call with its progress/cancel callbacks


_pausing = threading.Lock()
_paused = 0  # jobs running with the cyclic collector off (two windows may each run one)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic collector off meanwhile (back on when no job needs it off any more)."""
    global _paused
    with _pausing:
        _paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _pausing:
            _paused -= 1
            if not _paused:
                gc.enable()


def without_collector(job: JobFunction) -> JobFunction:
    """``job`` with the cyclic collector off, the objects it made then set aside from later collections.

    A job that builds a whole register (reading a file, applying an import) makes millions of objects: the
    collector walked them again and again meanwhile, each pass holding the GIL for up to a second, and the
    window did not repaint. Set aside (``gc.freeze``) they are never walked again, as a register read at
    opening; what they drop is still freed by reference counting.
    """

    def paused(progress: Progress, cancel: CancelCheck) -> Any:
        with collector_paused():
            result = job(progress, cancel)
            gc.freeze()
            return result

    return paused


class _Thread(QThread):
    def __init__(self, job: JobFunction, runner: JobRunner) -> None:
        super().__init__(runner)
        self.job, self.runner = job, runner

    def run(self) -> None:
        runner = self.runner
        try:
            result = self.job(runner._report, runner._cancel.is_set)
        except Cancelled:
            runner.cancelled.emit()
        except Exception as error:
            runner.failed.emit(error)
        else:
            runner.succeeded.emit(result)


class JobRunner(QObject):
    """Runs one job at a time; signals arrive in the GUI thread (queued connections)."""

    progress = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the job's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # the thread has ended (after one of the three above): the runner may be deleted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread: _Thread | None = None

    def start(self, job: JobFunction) -> None:
        if self.is_running():
            raise RuntimeError("a job is already running")
        self._cancel.clear()
        self._thread = _Thread(job, self)
        self._thread.finished.connect(self.finished)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._thread.wait(msecs) if self._thread is not None else True

    def _report(self, done: int, total: int) -> None:
        self.progress.emit(done, total)


def run_with_progress(
    parent: QWidget,
    label: str,
    job: JobFunction,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> JobRunner:
    """Start ``job`` with a progress dialog whose Cancel button cancels it;

    Callbacks run in the GUI thread.
    """
    runner = JobRunner(parent)
    dialog = QProgressDialog(label, QCoreApplication.translate("QProgressDialog", "Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(runner.cancel)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def close_dialog() -> None:
        dialog.close()

    def succeeded(result: object) -> None:
        close_dialog()
        on_success(result)

    def failed(error: BaseException) -> None:
        close_dialog()
        on_failure(error)

    def cleanup() -> None:
        # Only once the thread has ended: deleting a running QThread aborts the process.
        dialog.deleteLater()
        runner.deleteLater()

    runner.progress.connect(progress)
    runner.succeeded.connect(succeeded)
    runner.failed.connect(failed)
    runner.cancelled.connect(close_dialog)
    runner.finished.connect(cleanup)
    runner.start(job)
    return runner

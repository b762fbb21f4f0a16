from __future__ import annotations

import time

from ropa_desktop.gui.jobs import JobRunner
from ropa_desktop.services.errors import Cancelled


def _counting_job(progress, cancel):
    for step in range(200):
        if cancel():
            raise Cancelled
        progress(step, 200)
        time.sleep(0.002)
    return "done"


def test_runner_reports_progress_and_the_result(qtbot) -> None:
    runner = JobRunner()
    seen: list[tuple[int, int]] = []
    runner.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(runner.succeeded, timeout=10_000) as blocker:
        runner.start(_counting_job)
    assert blocker.args == ["done"]
    qtbot.waitUntil(lambda: not runner.is_running())
    assert seen and seen[-1][1] == 200


def test_runner_cancels(qtbot) -> None:
    runner = JobRunner()
    with qtbot.waitSignal(runner.cancelled, timeout=10_000):
        runner.start(_counting_job)
        runner.cancel()
    assert runner.wait()


def test_runner_reports_failures(qtbot) -> None:
    def broken(progress, cancel):
        raise ValueError("bad input")

    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=10_000) as blocker:
        runner.start(broken)
    assert isinstance(blocker.args[0], ValueError)
    assert runner.wait()

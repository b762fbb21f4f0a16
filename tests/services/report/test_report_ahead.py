"""The fiches made ahead by a forked child: the same fiches, the same notes, the same PDF as made in one process."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from ropa_desktop.domain.model import Activity, Register
from ropa_desktop.services.report import ReportResult, build_pdf
from ropa_desktop.services.report.ahead import Ahead
from ropa_desktop.services.report.context import Ctx
from ropa_desktop.services.report.fiche import fiche
from ropa_desktop.services.report.flow import Grid, TextBlock
from ropa_desktop.services.report.fonts import register_fonts
from ropa_desktop.services.report.text import MAX_PRINTED, TextFilter
from tests.builders import TODAY, minimal_register


def _register() -> Register:
    """Three activities, one with a character the font lacks and one with a text too long to print whole."""
    register = minimal_register(3)
    activities = register.organizations[0].activities
    activities[0].name = "Vidéoprotection \U0001F4F9 des accès"
    activities[1].description = "lorem ipsum " * (MAX_PRINTED // 10)
    activities[2].description = "ligne\n\tavec une tabulation\x1d et un séparateur"
    return register


def _ctx(register: Register) -> Ctx:
    return Ctx("fr", False, register.organizations[0], TODAY, TextFilter(register_fonts(), "fr"))


def _described(flowable: Any) -> tuple[Any, ...]:
    if isinstance(flowable, Grid):
        caption = _described(flowable.caption) if flowable.caption is not None else None
        return ("grid", flowable.rows, flowable.header, flowable.heights, flowable.header_height,
                flowable.widths, flowable.label_column, caption, flowable.getSpaceBefore(), flowable.spaceAfter)
    assert isinstance(flowable, TextBlock)
    return ("text", flowable.text, flowable.font, flowable.size, flowable.leading, flowable.color,
            flowable.spaceBefore, flowable.spaceAfter, flowable.keepWithNext, flowable.max_lines)


def test_the_child_makes_the_fiches_and_notes_this_process_would_make() -> None:
    register = _register()
    here, there = _ctx(register), _ctx(register)
    activities = register.organizations[0].activities
    expected = [[_described(f) for f in fiche(here, a)] for a in activities]
    with Ahead(there, activities, fiche, first=lambda: "premier") as ahead:
        assert ahead.pid != 0  # forked: built from the main thread
        assert ahead.first() == "premier"
        made = [[_described(f) for f in flowables] for flowables in ahead]
    assert made == expected
    assert there.clean.missing == here.clean.missing and there.clean.missing[0].char == "\U0001F4F9"
    assert there.clean.truncated == here.clean.truncated and len(here.clean.truncated) == 1


def test_a_child_that_fails_leaves_the_fiches_to_this_process() -> None:
    register = _register()
    activities = register.organizations[0].activities
    parent = os.getpid()

    def fails_in_the_child(ctx: Ctx, activity: Activity) -> list[Any]:
        if os.getpid() != parent and activity is activities[1]:
            raise RuntimeError("the child's second fiche")
        return fiche(ctx, activity)

    here = _ctx(register)
    expected = [[_described(f) for f in fiche(here, a)] for a in activities]
    there = _ctx(register)
    with Ahead(there, activities, fails_in_the_child, first=lambda: "premier") as ahead:
        assert ahead.pid != 0
        made = [[_described(f) for f in flowables] for flowables in ahead]
        assert ahead.pid == 0  # stopped when it failed
    assert made == expected
    assert there.clean.missing == here.clean.missing


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_pdf_made_on_a_worker_thread_is_the_one_made_with_a_child(tmp_path: Path) -> None:
    """The window builds on a worker thread (nothing forked), the command line alone (the fiches made ahead)."""
    register = _register()
    alone = build_pdf(register, tmp_path / "alone.pdf", today=TODAY)
    on_thread: list[ReportResult] = []
    worker = threading.Thread(target=lambda: on_thread.append(
        build_pdf(register, tmp_path / "thread.pdf", today=TODAY)))
    worker.start()
    worker.join()
    assert on_thread == [alone]
    assert alone.missing_glyphs and alone.truncated
    assert _pages(tmp_path / "alone.pdf") == _pages(tmp_path / "thread.pdf")
    # No thread left behind: the pages' compression ends with the file.
    assert not [t for t in threading.enumerate() if t.name.startswith("pdf-pages")]

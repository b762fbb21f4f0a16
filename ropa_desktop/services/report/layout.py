"""Our own page layout: flowables placed top-down in the page's frame, page breaks decided here, no platypus."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from .flow import Grid, Hook, TextBlock
from .text import number

# The flowables that draw with raw operators only: placed with one "cm", without the canvas's state stack.
_RAW = (TextBlock, Grid)
_FUZZ = 1e-6  # heights summed row by row may exceed the room by a rounding error


class Frame:
    """The page's body: where the next flowable goes, and what a new page must do before and after."""

    def __init__(self, canv: Canvas, x: float, bottom: float, width: float, height: float, *,
                 on_page: Callable[[Canvas], None], on_page_end: Callable[[Canvas], None]) -> None:
        self.canv = canv
        self.x = x
        self.bottom = bottom
        self.width = width
        self.height = height
        self.on_page = on_page
        self.on_page_end = on_page_end
        self.y = bottom + height
        self.empty = True  # nothing drawn on this page yet (a page break here makes no blank page)
        self.at_top = True  # space before a flowable is dropped at the top of a page
        self.space_after = 0.0  # the previous flowable's space after, which the next one's space before overlaps
        self.started = False

    @property
    def room(self) -> float:
        return self.y - self.bottom

    def begin(self) -> None:
        self.y = self.bottom + self.height
        self.empty = self.at_top = True
        self.space_after = 0.0
        self.started = True
        self.on_page(self.canv)

    def end(self) -> None:
        self.on_page_end(self.canv)
        self.canv.showPage()
        self.started = False

    def new_page(self) -> None:
        if self.started:
            self.end()
        self.begin()

    def draw(self, flowable: Flowable, height: float) -> None:
        """Draw ``flowable`` (already wrapped to ``height``) at the current position and move below it."""
        canv = self.canv
        y = self.y - height
        if isinstance(flowable, _RAW):
            code = canv._code
            code.append(f"q 1 0 0 1 {number(self.x)} {number(y)} cm")
            flowable.canv = canv
            flowable.draw()
            code.append("Q")
        else:
            flowable.drawOn(canv, self.x, y)
        self.y = y - flowable.getSpaceAfter()
        self.space_after = flowable.getSpaceAfter()
        if height > 0 or not isinstance(flowable, Hook):
            self.empty = False
        if height > 0:
            self.at_top = False


def _space_before(frame: Frame, flowable: Flowable) -> float:
    if frame.at_top:
        return 0.0
    return max(float(flowable.getSpaceBefore()) - frame.space_after, 0.0)


def _least_height(flowable: Flowable, width: float) -> float:
    """The least of ``flowable`` that may start a page's foot: a table's caption, header and first row."""
    _, height = flowable.wrap(width, 1e9)
    if isinstance(flowable, Grid) and flowable.heights:
        return float(height - sum(flowable.heights) + flowable.heights[0])
    if isinstance(flowable, TextBlock):
        return min(float(height), 2 * flowable.leading)
    return float(height)


def lay_out(frame: Frame, flowables: Iterable[Flowable]) -> None:
    """Place every flowable, splitting those that run over a page; the last page is closed too."""
    pending: list[Flowable] = []  # pieces put back: a split's tail, the flowables looked ahead at
    source: Iterator[Flowable] = iter(flowables)
    width = frame.width

    def take() -> Flowable | None:
        if pending:
            return pending.pop()
        return next(source, None)

    if not frame.started:
        frame.begin()
    while (flowable := take()) is not None:
        if isinstance(flowable, PageBreak):
            if not frame.empty:
                frame.new_page()
            continue
        if getattr(flowable, "keepWithNext", False) and not frame.at_top:
            group = [flowable]
            while getattr(group[-1], "keepWithNext", False) and (following := take()) is not None:
                group.append(following)
                if isinstance(following, PageBreak):
                    break
            pending.extend(reversed(group[1:]))
            if not isinstance(group[-1], PageBreak) and len(group) > 1:
                need = sum(float(f.wrap(width, 1e9)[1]) + f.getSpaceAfter() for f in group[:-1])
                need += _least_height(group[-1], width) + _space_before(frame, flowable)
                if need > frame.room + _FUZZ and need <= frame.height:
                    frame.new_page()
        before = _space_before(frame, flowable)
        room = frame.room - before
        _, height = flowable.wrap(width, room)
        if height <= room + _FUZZ:
            frame.y -= before
            frame.draw(flowable, height)
            continue
        parts: list[Any] = flowable.split(width, room) if room > 0 else []
        if len(parts) >= 2:
            head = parts[0]
            _, head_height = head.wrap(width, room)
            if head_height <= room + _FUZZ:
                frame.y -= before
                frame.draw(head, head_height)
                pending.extend(reversed(parts[1:]))
                frame.new_page()
                continue
        if frame.at_top:  # taller than a page and unsplittable: drawn anyway rather than lost (clipped)
            frame.draw(flowable, height)
            continue
        frame.new_page()
        pending.append(flowable)
    frame.end()

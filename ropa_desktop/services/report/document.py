"""The page frame: header and footer on every page, and numbers known only at the end drawn through forms."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .flow import ACCENT, MUTED, RULE, wrapper
from .fonts import BOLD, REGULAR
from .text import TextOps

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
TOTAL_FORM = "ropaTotalPages"
# Flowables kept ahead of the one being laid out when the story is streamed (keep-with-next looks a few ahead).
LOOKAHEAD = 32


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that, just before saving, defines the forms (page numbers) the pages referred to."""

    late_forms: dict[str, tuple[str, bool]]  # form name -> (text, right-aligned)

    def save(self) -> None:
        for name, (value, right) in getattr(self, "late_forms", {}).items():
            # The bounding box is centred on the origin so right-aligned text is not clipped.
            self.beginForm(name, lowerx=-200, lowery=-20, upperx=200, uppery=20)
            self.setFont(REGULAR, 9.0 if right else 7.5)
            self.setFillColor(ACCENT if right else MUTED)
            (self.drawRightString if right else self.drawString)(0, 0, value)
            self.endForm()
        super().save()


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 portrait; every page has the organisation and title above and "page X / Y" and the date below."""

    def __init__(self, target: Any, *, header_left: str, header_right: str, footer_left: str,
                 page_label: str, **meta: Any) -> None:
        super().__init__(target, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, **meta)
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.page_label = page_label
        self.late_forms: dict[str, tuple[str, bool]] = {}
        self.pages = 0
        self.running = ""  # the fiche being printed, named in the footer of each of its pages
        self._story: list[Flowable] | None = None
        self._more: Iterator[list[Flowable]] | None = None
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate,
                                            onPageEnd=self._running_footer)])

    def build_streamed(self, head: list[Flowable], more: Iterator[list[Flowable]], **kwargs: Any) -> None:
        """Lay out ``head``, then the flowables ``more`` yields, made only as the pages reach them.

        Memory stays flat however long the register (a fiche's flowables live only until drawn), and the
        story list stays short: reportlab takes each flowable from the list's front, which costs the length
        of the list each time.
        """
        self._story, self._more = list(head), more
        self._refill(self._story)
        try:
            self.build(self._story, **kwargs)
        finally:
            self._story = self._more = None

    def _refill(self, flowables: list[Flowable]) -> None:
        while len(flowables) < LOOKAHEAD and self._more is not None:
            chunk = next(self._more, None)
            if chunk is None:
                self._more = None
                return
            flowables.extend(chunk)

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables is self._story:  # not the document's own list of postponed actions
            self._refill(flowables)
        super().handle_flowable(flowables)

    def beforeDocument(self) -> None:
        self.canv.late_forms = self.late_forms

    def _decorate(self, canv: Canvas, doc: Any) -> None:
        # Text through TextOps, not drawString: reportlab's text objects cost a long register seconds here.
        number = canv.getPageNumber()
        self.pages = max(self.pages, number)
        self.late_forms[TOTAL_FORM] = (str(self.pages), False)
        canv.saveState()
        top = PAGE_H - 12 * mm
        half = CONTENT_W / 2 - 6
        canv.setFillColor(ACCENT)
        _show(canv, BOLD, MARGIN_X, top, _fit(self.header_left, BOLD, half))
        canv.setFillColor(MUTED)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.line(MARGIN_X, top - 4, PAGE_W - MARGIN_X, top - 4)
        bottom = 10 * mm
        canv.line(MARGIN_X, bottom + 9, PAGE_W - MARGIN_X, bottom + 9)
        label = self.page_label.format(n=number)
        # "page X / " then the total, a form defined when the last page is known.
        x = PAGE_W - MARGIN_X - 62
        text = TextOps(canv)
        text.show(REGULAR, SMALL, MARGIN_X, bottom, self.footer_left)
        text.show(REGULAR, SMALL, x, bottom, label)
        text.flush()
        canv.translate(x + wrapper(REGULAR, SMALL).width(label), bottom)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()

    def _running_footer(self, canv: Canvas, doc: Any) -> None:
        # Drawn when the page is complete, so a page that opens a fiche names that fiche, and a page that opens
        # the processor's register carries its title.
        canv.saveState()
        canv.setFillColor(MUTED)
        right = _fit(self.header_right, REGULAR, CONTENT_W / 2 - 6)
        text = TextOps(canv)
        text.show(REGULAR, SMALL, PAGE_W - MARGIN_X - wrapper(REGULAR, SMALL).width(right), PAGE_H - 12 * mm, right)
        if self.running:
            running = _fit(self.running, REGULAR, CONTENT_W / 2 - 20)
            text.show(REGULAR, SMALL, PAGE_W / 2 - wrapper(REGULAR, SMALL).width(running) / 2, 10 * mm, running)
        text.flush()
        canv.restoreState()


SMALL = 7.5  # the header and footer's size


def _show(canv: Canvas, font: str, x: float, y: float, value: str) -> None:
    text = TextOps(canv)
    text.show(font, SMALL, x, y, value)
    text.flush()


@lru_cache(maxsize=4096)  # the organisation's name on every page, a fiche's reference on each of its pages
def _fit(value: str, font: str, width: float) -> str:
    lines = wrapper(font, SMALL).lines(value, width)
    first = lines[0] if lines else ""
    return first if len(lines) <= 1 else first.rstrip() + "…"

"""The page frame: header and footer on every page, and numbers known only at the end written when saving."""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from itertools import chain
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ..errors import Cancelled
from .flow import ACCENT, MUTED, RULE, fill_op, stroke_op, wrapper
from .fonts import BOLD, REGULAR
from .layout import Frame, lay_out
from .text import TextOps
from .text import number as num

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
TOTAL_FORM = "ropaTotalPages"
# zlib's level for the pages: 6 (its default) makes files 12 % smaller than 1 for twice the time, and that
# time is spent on a thread beside the layout (zlib lets go of the interpreter while it works).
PAGE_COMPRESSION = 6


PAGES_PER_BATCH = 16


def _compress_all(streams: list[bytes]) -> list[bytes]:
    return [zlib.compress(stream, PAGE_COMPRESSION) for stream in streams]


class ReportCanvas(Canvas):  # type: ignore[misc]
    """A canvas that, just before saving, writes the numbers known only at the end where pages asked for them.

    The total page count is a form every page draws; a contents line's page number is text added to its
    page's stream at the end (a form per contents line cost a long register a thousand PDF objects).
    """

    late_forms: dict[str, tuple[str, bool]]  # form name -> (text, right-aligned)
    late_numbers: dict[str, str]  # a contents line's key -> the page number its section landed on

    def showPage(self) -> None:
        super().showPage()
        # Compressed as soon as done, not when saving: a long register's pages would wait in memory as text;
        # on a thread, while the next pages are laid out, a batch at a time (each hand-over between the
        # threads costs the layout a moment). A page still waiting for a contents number stays as text until
        # the number is known.
        done = self._pageNumber - 1
        if done not in self.__dict__.get("_late_pages", ()):
            page = self._doc.Pages.pages[-1]
            batch: list[Any] = self.__dict__.setdefault("_batch", [])
            batch.append(page)
            if len(batch) >= PAGES_PER_BATCH:
                self._send_batch()

    def _send_batch(self) -> None:
        batch = self.__dict__.pop("_batch", [])
        if not batch:
            return
        pending: deque[tuple[list[Any], Future[list[bytes]]]] = self.__dict__.setdefault("_compressing", deque())
        pool = self.__dict__.get("_pool")
        if pool is None:
            pool = self._pool = ThreadPoolExecutor(1, thread_name_prefix="pdf-pages")
        pending.append((batch, pool.submit(_compress_all, [page.stream.encode("utf-8") for page in batch])))
        for page in batch:
            page.stream = None
        while pending and pending[0][1].done():
            self._compressed(*pending.popleft())

    @staticmethod
    def _compressed(batch: list[Any], done: Future[list[bytes]]) -> None:
        for page, content in zip(batch, done.result(), strict=True):
            page.Contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                                      content=content)

    def stop_compressing(self) -> None:
        """Wait for the pages being compressed and end the thread (when saving, or on a cancel or an error)."""
        self._send_batch()
        for batch, done in self.__dict__.pop("_compressing", ()):
            self._compressed(batch, done)
        pool = self.__dict__.pop("_pool", None)
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    def late_number(self, key: str, x: float, y: float) -> None:
        """The number ``key`` will have, right-aligned at (``x``, ``y``): a placeholder in the page's stream.

        The text replaces the placeholder when saving, so it comes in reading order (after its line's title).
        """
        places = self.__dict__.setdefault("_late_places", [])
        self._code.append(f"%ropa-late-{len(places)}%")
        places.append((self.getPageNumber(), x, y, key))
        self.__dict__.setdefault("_late_pages", set()).add(self.getPageNumber())

    def save(self) -> None:
        self.stop_compressing()
        for name, (value, right) in getattr(self, "late_forms", {}).items():
            # The bounding box is centred on the origin so right-aligned text is not clipped.
            self.beginForm(name, lowerx=-200, lowery=-20, upperx=200, uppery=20)
            self.setFont(REGULAR, 9.0 if right else 7.5)
            self.setFillColor(ACCENT if right else MUTED)
            (self.drawRightString if right else self.drawString)(0, 0, value)
            self.endForm()
        numbers = getattr(self, "late_numbers", {})
        pages = self._doc.Pages.pages
        width = wrapper(REGULAR, 9.0).width
        streams: dict[int, str] = {}
        for index, (page, x, y, key) in enumerate(self.__dict__.get("_late_places", [])):
            value = numbers.get(key, "?")
            text = TextOps(self)
            text.show(REGULAR, 9.0, x - width(value), y, value)
            stream = streams.get(page, pages[page - 1].stream)
            streams[page] = stream.replace(f"%ropa-late-{index}%", f"q\n{fill_op(ACCENT)}\n{text.take()}\nQ", 1)
        for page, stream in streams.items():
            pages[page - 1].stream = stream
        target = self._filename
        if not hasattr(target, "write"):
            super().save()
            return
        # reportlab collects the whole file's bytes, then joins them (a long register's file held twice over,
        # then once more by the caller): its collector, looked up by name when saving, is swapped for one that
        # writes each object to the target as it is formatted (under the build lock: it is a module global).
        collector = pdfdoc.PDFFile
        cancel = getattr(self, "cancel", None)
        pdfdoc.PDFFile = lambda version=pdfdoc.PDF_VERSION_DEFAULT: _StreamedFile(target, version, cancel)
        try:
            super().save()
        finally:
            pdfdoc.PDFFile = collector


class _StreamedFile(pdfdoc.PDFFile):  # type: ignore[misc]
    """reportlab's file collector, writing each piece to ``target`` as it comes (offsets counted as before)."""

    def __init__(self, target: Any, version: Any, cancel: Callable[[], bool] | None) -> None:
        super().__init__(version)  # the header, collected
        self.target = target
        self.cancel = cancel
        self.pieces = 0
        self.write = self._write
        for piece in self.strings:
            target.write(piece)
        self.strings: list[bytes] = []

    def _write(self, piece: bytes) -> None:
        # Writing a long register's objects takes a while too: a cancel takes effect here as well.
        self.pieces += 1
        if self.cancel is not None and self.pieces % 64 == 0 and self.cancel():
            raise Cancelled()
        self.target.write(piece)

    def format(self, document: Any) -> bytes:
        return b""  # all of it already written


class ReportDoc:
    """A4 portrait; every page has the organisation and title above and "page X / Y" and the date below.

    The pages are laid out by ``layout.lay_out`` (our own: platypus's bookkeeping cost a long register
    seconds), the document's metadata set on the canvas here.
    """

    def __init__(self, target: Any, *, header_left: str, header_right: str, footer_left: str,
                 page_label: str, title: str = "", author: str = "", subject: str = "", creator: str = "",
                 lang: str = "", keywords: Sequence[str] = ()) -> None:
        self.target = target
        self.meta = {"title": title, "author": author, "subject": subject, "creator": creator}
        self.lang = lang
        self.keywords = list(keywords)
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.page_label = page_label
        self.late_forms: dict[str, tuple[str, bool]] = {}
        self.late_numbers: dict[str, str] = {}  # contents line -> page number, drawn when the pages are done
        self.pages = 0
        self.running = ""  # the fiche being printed, named in the footer of each of its pages
        self.page_note = ""  # a line printed above the footer of the page being drawn, then cleared (the cover's)
        self._frame_ops: str | None = None  # the header and footer every page has alike, as operators
        self.cancel: Callable[[], bool] | None = None  # asked now and then while the file is written

    def build_streamed(self, head: list[Flowable], more: Iterator[list[Flowable]],
                       canvasmaker: type[Canvas] = Canvas) -> None:
        """Lay out ``head``, then the flowables ``more`` yields, made only as the pages reach them.

        Memory stays flat however long the register: a fiche's flowables live only until drawn.
        """
        self.build(chain(head, (flowable for chunk in more for flowable in chunk)), canvasmaker)

    def build(self, story: Iterable[Flowable], canvasmaker: type[Canvas] = Canvas) -> None:
        canv = canvasmaker(self.target, pagesize=A4, pageCompression=1, lang=self.lang or None)
        canv.setAuthor(self.meta["author"])
        canv.setTitle(self.meta["title"])
        canv.setSubject(self.meta["subject"])
        canv.setCreator(self.meta["creator"])
        canv.setKeywords(self.keywords)
        canv.late_forms = self.late_forms
        canv.late_numbers = self.late_numbers
        canv.cancel = self.cancel
        frame = Frame(canv, MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                      on_page=self._decorate, on_page_end=self._running_footer)
        try:
            lay_out(frame, story)
            canv.save()
        finally:
            if isinstance(canv, ReportCanvas):
                canv.stop_compressing()

    def _decorate(self, canv: Canvas) -> None:
        # Raw operators, not the canvas's calls: they cost a long register a second over its thousands of pages.
        number = canv.getPageNumber()
        self.pages = max(self.pages, number)
        self.late_forms[TOTAL_FORM] = (str(self.pages), False)
        top, bottom = PAGE_H - 12 * mm, 10 * mm
        if self._frame_ops is None:  # what every page shows alike: the organisation, the rules, the date
            text = TextOps(canv)
            text.show(BOLD, SMALL, MARGIN_X, top, _fit(self.header_left, BOLD, CONTENT_W / 2 - 6))
            header = text.take()
            text.show(REGULAR, SMALL, MARGIN_X, bottom, self.footer_left)
            left, right = num(MARGIN_X), num(PAGE_W - MARGIN_X)
            self._frame_ops = "\n".join([
                "q", fill_op(ACCENT), header, fill_op(MUTED), stroke_op(RULE), "0.4 w",
                f"n {left} {num(top - 4)} m {right} {num(top - 4)} l S",
                f"n {left} {num(bottom + 9)} m {right} {num(bottom + 9)} l S", text.take()])
        label = self.page_label.format(n=number)
        # "page X / " then the total, a form defined when the last page is known.
        x = PAGE_W - MARGIN_X - 62
        text = TextOps(canv)
        text.show(REGULAR, SMALL, x, bottom, label)
        form = canv._doc.getXObjectName(TOTAL_FORM)
        shift = f"1 0 0 1 {num(x + wrapper(REGULAR, SMALL).width(label))} {num(bottom)} cm"
        canv._code.append(f"{self._frame_ops}\n{text.take()}\n{shift}\n/{form} Do\nQ")
        canv._formsinuse.append(TOTAL_FORM)

    def _running_footer(self, canv: Canvas) -> None:
        # Drawn when the page is complete, so a page that opens a fiche names that fiche, and a page that opens
        # the processor's register carries its title.
        right = _fit(self.header_right, REGULAR, CONTENT_W / 2 - 6)
        text = TextOps(canv)
        text.show(REGULAR, SMALL, PAGE_W - MARGIN_X - wrapper(REGULAR, SMALL).width(right), PAGE_H - 12 * mm, right)
        if self.running:
            running = _fit(self.running, REGULAR, CONTENT_W / 2 - 20)
            text.show(REGULAR, SMALL, PAGE_W / 2 - wrapper(REGULAR, SMALL).width(running) / 2, 10 * mm, running)
        if self.page_note:  # in the bottom margin, between the footer's rule and the frame: it never takes a line
            text.show(REGULAR, SMALL, MARGIN_X, 10 * mm + 13, _fit(self.page_note, REGULAR, CONTENT_W))
            self.page_note = ""
        canv._code.append(f"q\n{fill_op(MUTED)}\n{text.take()}\nQ")


SMALL = 7.5  # the header and footer's size


@lru_cache(maxsize=4096)  # the organisation's name on every page, a fiche's reference on each of its pages
def _fit(value: str, font: str, width: float) -> str:
    lines = wrapper(font, SMALL).lines(value, width)
    first = lines[0] if lines else ""
    return first if len(lines) <= 1 else first.rstrip() + "…"

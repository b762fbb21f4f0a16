"""Light flowables: pre-wrapped text blocks and tables of plain strings (no markup parsing, fast layout)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from .fonts import BOLD, OBLIQUE, REGULAR
from .text import TextOps, Wrapper, number

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4ebf3")
LABEL_FILL = colors.HexColor("#f3f5f7")


class _ColorOps(dict[Any, str]):
    """A colour's PDF operator ("r g b rg" to fill, "RG" to stroke), formatted once."""

    def __init__(self, operator: str) -> None:
        super().__init__()
        self.operator = operator

    def __missing__(self, color: Any) -> str:
        op = self[color] = f"{fp_str(color.red, color.green, color.blue)} {self.operator}"
        return op


_FILL = _ColorOps("rg")
_STROKE = _ColorOps("RG")


def fill_op(color: Any) -> str:
    """The operator setting the fill colour."""
    return _FILL[color]


def stroke_op(color: Any) -> str:
    """The operator setting the stroke colour."""
    return _STROKE[color]

CELL_SIZE = 8.0
CELL_LEADING = 9.8
PAD = 3.0
TOP_PAD = 2.5
BOTTOM_PAD = 2.0
# A row holds at most this many lines; longer cells continue on extra rows, so no row outgrows a page.
MAX_ROW_LINES = 40


@cache
def wrapper(font: str, size: float) -> Wrapper:
    return Wrapper(font, size)


def clip(lines: list[str], max_lines: int) -> list[str]:
    """At most ``max_lines`` lines (0: no limit), the last one ending with an ellipsis when cut."""
    if max_lines <= 0 or len(lines) <= max_lines:
        return lines
    return [*lines[:max_lines - 1], lines[max_lines - 1].rstrip()[:-1] + "…"]


class TextBlock(Flowable):  # type: ignore[misc]
    """Lines of one font and colour, wrapped to the frame, splittable between lines."""

    def __init__(self, text: str, *, font: str = REGULAR, size: float = 9.0, leading: float | None = None,
                 color: Any = INK, before: float = 0.0, after: float = 0.0, keep_with_next: bool = False,
                 lines: list[str] | None = None, max_lines: int = 0) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.leading = leading or size * 1.25
        self.color = color
        self.spaceBefore = before
        self.spaceAfter = after
        self.keepWithNext = keep_with_next
        self._lines = lines
        self.max_lines = max_lines  # > 0: cut there with an ellipsis (titles: the full text is in the fiche)
        self._for_width = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None or self._for_width != avail_width:
            self._lines = clip(wrapper(self.font, self.size).lines(self.text, avail_width), self.max_lines)
            self._for_width = avail_width
        self.width = avail_width
        self.height = len(self._lines) * self.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        fit = int(avail_height // self.leading)
        if fit < 2 or fit >= len(self._lines):
            return []
        head = TextBlock("", font=self.font, size=self.size, leading=self.leading, color=self.color,
                         before=self.spaceBefore, lines=self._lines[:fit])
        tail = TextBlock("", font=self.font, size=self.size, leading=self.leading, color=self.color,
                         after=self.spaceAfter, lines=self._lines[fit:])
        head._for_width = tail._for_width = avail_width
        return [head, tail]

    def draw(self) -> None:
        canv: Canvas = self.canv
        canv.addLiteral(f"q\n{_FILL[self.color]}")
        text = TextOps(canv)
        y = self.height - 0.8 * self.size - (self.leading - self.size) / 2
        if self._lines:
            text.block(self.font, self.size, 0, y, self.leading, self._lines)
        text.flush()
        canv.addLiteral("Q")


class LateText(TextBlock):
    """A text block whose text is known only once laid out (the fingerprint, computed beside the layout)."""

    def __init__(self, text: Callable[[], str], **style: Any) -> None:
        super().__init__("", **style)
        self.late: Callable[[], str] | None = text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.late is not None:
            self.text, self.late = self.late(), None
        return super().wrap(avail_width, avail_height)


class Nothing(TextBlock):
    """The one line a section with nothing to show prints ("No transfer…"); such a section opens no page."""

    def __init__(self, text: str) -> None:
        super().__init__(text, font=OBLIQUE, size=8.5, color=MUTED, after=6)


def opening(hook: Flowable, content: list[Flowable]) -> list[Flowable]:
    """A section starting on a new page, unless it has nothing to show: then it follows on the current one."""
    if any(isinstance(f, Nothing) for f in content) and not any(isinstance(f, Grid) for f in content):
        if content:  # set apart from what precedes it (space before is dropped at the top of a page)
            content[0].spaceBefore = max(content[0].getSpaceBefore(), 14.0)
        return [hook, *content]
    return [PageBreak(), hook, *content]


class Hook(Flowable):  # type: ignore[misc]
    """Takes no room; calls ``action(canvas)`` where it lands (bookmarks, page numbers, progress)."""

    def __init__(self, action: Callable[[Canvas], None]) -> None:
        super().__init__()
        self.action = action
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.action(self.canv)


class TocEntry(Flowable):  # type: ignore[misc]
    """A table-of-contents line: reference and name, the page number drawn from a form filled in later."""

    def __init__(self, reference: str, name: str, form: str, destination: str) -> None:
        super().__init__()
        self.reference = reference
        self.name = name
        self.form = form
        self.destination = destination
        self._lines: list[str] = []

    REF_WIDTH = 62.0
    NUM_WIDTH = 34.0
    LEADING = 11.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        width = avail_width - self.REF_WIDTH - self.NUM_WIDTH
        self._lines = clip(wrapper(REGULAR, 9.0).lines(self.name, width), 3)
        self.height = len(self._lines) * self.LEADING + 2
        return avail_width, self.height

    def draw(self) -> None:
        canv: Canvas = self.canv
        top = self.height - 9.0
        ref_lines = wrapper(BOLD, 9.0).lines(self.reference, self.REF_WIDTH - 4)
        canv.addLiteral(f"q\n{_FILL[INK]}")
        text = TextOps(canv)
        if ref_lines:
            text.show(BOLD, 9.0, 0, top, ref_lines[0])
        text.block(REGULAR, 9.0, self.REF_WIDTH, top, self.LEADING, self._lines)
        text.flush()
        canv.addLiteral("Q")
        canv.late_number(self.form, self.width, top)  # the page number, known when the pages are done
        canv.linkRect("", self.destination, (0, 0, self.width, self.height), relative=1)


Cell = str | None  # a table cell: its wrapped lines joined by newlines ("": one empty line; None: no line)
Row = list[Cell]


def _wrap_row(cells: Sequence[str], widths: Sequence[float], fonts: Sequence[str]) -> tuple[list[Row], list[int]]:
    """The row as wrapped cells (more than one row when a cell is too tall for one) and each one's line count."""
    wrapped = [wrapper(font, CELL_SIZE).joined(cell, width - 2 * PAD)
               for cell, width, font in zip(cells, widths, fonts, strict=True)]
    tallest = max(count for _, count in wrapped)
    if tallest <= MAX_ROW_LINES:
        return [[text for text, _ in wrapped]], [tallest]
    rows: list[Row] = []
    counts: list[int] = []
    for start in range(0, tallest, MAX_ROW_LINES):
        pieces = [text.split("\n")[start:start + MAX_ROW_LINES] for text, _ in wrapped]
        rows.append(["\n".join(lines) if lines else None for lines in pieces])
        counts.append(max(len(lines) for lines in pieces))
    return rows, counts


def _height(lines: int) -> float:
    return lines * CELL_LEADING + TOP_PAD + BOTTOM_PAD


class Grid(Flowable):  # type: ignore[misc]
    """A table of wrapped plain strings, drawn with one text object; splits between rows, repeats its header.

    An optional caption (a section heading) stays above the first row, so a heading is never left alone
    at the foot of a page, without pushing a long table to the next page.
    """

    def __init__(self, rows: list[Row], widths: Sequence[float], *, header: Row | None = None,
                 label_column: bool = False, caption: TextBlock | None = None, after: float = 6.0,
                 heights: list[float] | None = None, header_height: float | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.widths = list(widths)
        self.header = header
        self.label_column = label_column
        self.caption = caption
        self.spaceAfter = after
        self.heights = heights if heights is not None else [self._row_height(r) for r in rows]
        if header_height is None:
            header_height = self._row_height(header) if header is not None else 0.0
        self.header_height = header_height
        self.width = sum(self.widths)
        self._caption_height = 0.0

    @staticmethod
    def _row_height(row: Row) -> float:
        return _height(max(0 if cell is None else cell.count("\n") + 1 for cell in row))

    def _top_height(self, avail_width: float) -> float:
        if self.caption is None:
            return 0.0
        _, height = self.caption.wrap(avail_width, 1e6)
        self._caption_height = height + self.caption.spaceAfter
        return self._caption_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self._top_height(avail_width) + self.header_height + sum(self.heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self._top_height(avail_width) - self.header_height
        fit = 0
        for height in self.heights:
            if height > room:
                break
            room -= height
            fit += 1
        if fit == 0 or fit == len(self.rows):
            return []  # not even one row fits with its caption and header: all of it goes to the next frame
        head = Grid(self.rows[:fit], self.widths, header=self.header, label_column=self.label_column,
                    caption=self.caption, after=0, heights=self.heights[:fit], header_height=self.header_height)
        tail = Grid(self.rows[fit:], self.widths, header=self.header, label_column=self.label_column,
                    after=self.spaceAfter, heights=self.heights[fit:], header_height=self.header_height)
        return [head, tail]

    def draw(self) -> None:
        # Raw operators inside q/Q: reportlab's canvas calls format every number and track state each time,
        # which a long register pays for on every row of every table.
        canv: Canvas = self.canv
        top = self.height
        if self.caption is not None:  # placed as the layout places a text block: one "cm", no state stack
            canv._code.append(f"q 1 0 0 1 0 {number(top - self.caption.height)} cm")
            self.caption.canv = canv
            self.caption.draw()
            canv._code.append("Q")
            top -= self._caption_height
        rows = ([self.header] if self.header is not None else []) + self.rows
        heights = ([self.header_height] if self.header is not None else []) + self.heights
        xs = [0.0]
        for width in self.widths:
            xs.append(xs[-1] + width)
        ys = [top]
        for height in heights:
            ys.append(ys[-1] - height)
        n = number
        ops = ["q"]
        if self.header is not None:
            ops += [_FILL[HEADER_FILL], f"n 0 {n(ys[1])} {n(self.width)} {n(self.header_height)} re f"]
        if self.label_column:
            first = 1 if self.header is not None else 0
            ops += [_FILL[LABEL_FILL], f"n 0 {n(ys[-1])} {n(self.widths[0])} {n(ys[first] - ys[-1])} re f"]
        ops += [_STROKE[RULE], "0.25 w", "n"]
        bottom, right = n(ys[-1]), n(xs[-1])
        ops += [f"{n(x)} {n(top)} m {n(x)} {bottom} l" for x in xs]
        ops += [f"0 {n(y)} m {right} {n(y)} l" for y in ys]
        ops += ["S", _FILL[INK]]
        canv.addLiteral("\n".join(ops))
        text = TextOps(canv)
        fonts = [BOLD if self.label_column and column == 0 else REGULAR for column in range(len(self.widths))]
        text.cells(rows, [x + PAD for x in xs], [y - TOP_PAD - 0.8 * CELL_SIZE for y in ys], fonts,
                   [BOLD] * len(fonts) if self.header is not None else fonts, CELL_SIZE, CELL_LEADING)
        text.flush()
        canv.addLiteral("Q")


def grid(rows: Sequence[Sequence[str]], widths: Sequence[float], *, header: Sequence[str] | None = None,
         label_column: bool = False, caption: TextBlock | None = None, after: float = 6.0) -> Grid:
    """A table of wrapped plain strings; the header row repeats on every page the table runs onto."""
    body_fonts = [BOLD if label_column and i == 0 else REGULAR for i in range(len(widths))]
    data: list[Row] = []
    heights: list[float] = []
    for row in rows:
        wrapped, counts = _wrap_row(row, widths, body_fonts)
        data += wrapped
        heights += [_height(count) for count in counts]
    head, head_height = None, 0.0
    if header is not None:
        wrapped, counts = _wrap_row(header, widths, [BOLD] * len(widths))
        head, head_height = wrapped[0], _height(counts[0])
    return Grid(data, widths, header=head, label_column=label_column, caption=caption, after=after,
                heights=heights, header_height=head_height)

"""The fingerprint and the fiches made in a forked process while this one lays out the pages before them."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, cast

from reportlab.platypus import Flowable

from .context import Ctx
from .flow import ACCENT, INK, MUTED, Grid, Row, TextBlock

# On two cores, making the fiches (values formatted, cells wrapped) was a third of a long register's time, spent
# while the other core idled. A forked child makes them from its copy of the register and sends them as compact
# text; the pipe's buffer keeps it at most a few fiches ahead, so memory stays flat.
_COLORS = {id(INK): "ink", id(ACCENT): "accent", id(MUTED): "muted"}
_BY_NAME = {"ink": INK, "accent": ACCENT, "muted": MUTED}
# Separators between a table's cells and rows: control characters, which printed text never holds (the
# text filter turns them into spaces); a table holding one anyway is sent as it is.
_CELL, _ROW, _NONE = "\x1e", "\x1d", "\x1c"
_FRAME = struct.Struct("<I")
_ERROR = 0xFFFFFFFF  # the child failed: this process makes the remaining fiches itself
Build = Callable[[Ctx, Any], list[Flowable]]


def _pack_rows(rows: Sequence[Row]) -> str | list[Row]:
    text = _ROW.join(_CELL.join(_NONE if cell is None else cell for cell in row) for row in rows)
    if text.count(_ROW) != len(rows) - 1 or text.count(_CELL) != sum(len(row) - 1 for row in rows):
        return list(rows)  # a separator inside the text itself
    return text


def _unpack_rows(packed: str | list[Row]) -> list[Row]:
    if not isinstance(packed, str):
        return packed
    rows = cast(list[Row], [row.split(_CELL) for row in packed.split(_ROW)])
    if _NONE in packed:  # a tall cell's continuation rows: the cells with no line left
        rows = [[None if cell == _NONE else cell for cell in row] for row in rows]
    return rows


def _color(color: Any) -> Any:
    return _COLORS.get(id(color), color)


def _pack(flowable: Flowable) -> tuple[Any, ...]:
    if type(flowable) is TextBlock:
        return ("t", flowable.text, flowable.font, flowable.size, flowable.leading, _color(flowable.color),
                flowable.spaceBefore, flowable.spaceAfter, flowable.keepWithNext, flowable.max_lines,
                flowable._lines, flowable._for_width)
    if type(flowable) is Grid:
        return ("g", _pack_rows(flowable.rows), flowable.widths,
                None if flowable.header is None else _pack_rows([flowable.header]), flowable.label_column,
                None if flowable.caption is None else _pack(flowable.caption), flowable.spaceAfter,
                getattr(flowable, "spaceBefore", None), flowable.heights, flowable.header_height)
    return ("p", flowable)  # anything else, pickled whole


def _unpack(packed: tuple[Any, ...]) -> Flowable:
    kind = packed[0]
    if kind == "t":
        _, text, font, size, leading, color, before, after, keep, max_lines, lines, for_width = packed
        block = TextBlock(text, font=font, size=size, leading=leading, color=_BY_NAME.get(color, color),
                          before=before, after=after, keep_with_next=keep, max_lines=max_lines,
                          lines=lines)
        block._for_width = for_width
        return block
    if kind == "g":
        _, rows, widths, header, label_column, caption, after, before, heights, header_height = packed
        table = Grid(_unpack_rows(rows), widths, header=None if header is None else _unpack_rows(header)[0],
                     label_column=label_column, caption=None if caption is None else _unpack(caption),
                     after=after, heights=heights, header_height=header_height)
        if before is not None:
            table.spaceBefore = before
        return table
    flowable: Flowable = packed[1]
    return flowable


def _can_fork() -> bool:
    # Only from the main thread: the window builds on a worker thread, beside threads whose locks a child could
    # inherit held; the command line builds on its main thread (the child uses no lock of another thread).
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.current_thread() is threading.main_thread()


class Ahead:
    """The fiches of ``items`` in order, made by a forked child when this process runs alone, else here.

    Close it (or use it as a context manager) to stop the child early: a cancel, an error.
    """

    def __init__(self, ctx: Ctx, items: Sequence[Any], build: Build, *, first: Callable[[], str],
                 fork: bool = True) -> None:
        self.ctx = ctx
        self.items = items
        self.build = build
        self._first = first
        self._first_value: str | None = None
        self.pid = 0
        self.pipe: IO[bytes] | None = None
        if fork and len(items) > 1 and _can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: make every fiche, send it, leave without running this process's exit code
            os.close(read)
            code = 0
            try:
                with open(write, "wb", buffering=1 << 16) as out:
                    self._produce(out)
            except BaseException:  # whatever it was, the parent makes the fiches itself
                code = 1
            os._exit(code)
        os.close(write)
        self.pid = pid
        self.pipe = open(read, "rb", buffering=1 << 16)  # noqa: SIM115 - closed by close()

    def _produce(self, out: IO[bytes]) -> None:
        try:
            first = pickle.dumps(self._first())
        except BaseException:
            out.write(_FRAME.pack(_ERROR))
            raise
        out.write(_FRAME.pack(len(first)))
        out.write(first)
        clean = self.ctx.clean
        for item in self.items:
            try:
                flowables = self.build(self.ctx, item)
            except BaseException:
                out.write(_FRAME.pack(_ERROR))
                raise
            # What the text filter noted while making this fiche goes along with it, in the order it was noted.
            data = pickle.dumps(([_pack(f) for f in flowables], *clean.take_notes()), protocol=pickle.HIGHEST_PROTOCOL)
            out.write(_FRAME.pack(len(data)))
            out.write(data)

    def _receive(self) -> bytes | None:
        """The child's next message; None when it failed or died (then it is stopped)."""
        assert self.pipe is not None
        head = self.pipe.read(_FRAME.size)
        size = _FRAME.unpack(head)[0] if len(head) == _FRAME.size else _ERROR
        data = self.pipe.read(size) if size != _ERROR else b""
        if size == _ERROR or len(data) != size:
            self.close()
            return None
        return data

    def first(self) -> str:
        """The text the child works out before the fiches (the fingerprint), or worked out here."""
        if self._first_value is None:
            data = self._receive() if self.pipe is not None else None
            self._first_value = pickle.loads(data) if data is not None else self._first()
        return self._first_value

    def __iter__(self) -> Iterator[list[Flowable]]:
        self.first()  # the first message
        for index, item in enumerate(self.items):
            if self.pipe is None:
                yield self.build(self.ctx, item)
                continue
            data = self._receive()
            if data is None:  # the child failed or died: the rest made here
                yield from (self.build(self.ctx, rest) for rest in self.items[index:])
                return
            packed, seen, truncated = pickle.loads(data)
            self.ctx.clean.add_notes(seen, truncated)
            yield [_unpack(p) for p in packed]

    def close(self) -> None:
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0

    def __enter__(self) -> Ahead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

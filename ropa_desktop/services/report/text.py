"""User text made safe to print: unprintable characters replaced and reported, wrapped, markup escaped."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

MARKER = "?"  # printed in place of a character the font lacks (and reported)
# Characters and lines of one field printed at most (a few pages): a 1 MB field must not make a 300-page,
# minute-long PDF.
MAX_PRINTED = 20_000
MAX_PRINTED_LINES = 500
TRUNCATED_NOTE = {"fr": "[texte tronqué, {count} caractères]", "en": "[text truncated, {count} characters]"}
_BREAK_AFTER = frozenset("/-_.@?&=#,;:|\\")
# How many encoded strings and text positions are kept for reuse (a thousand activities fill about 28,000 and
# 17,000); past that, what comes is mostly a long register's own unique text, and keeping it only grew memory
# with the register. Wrapped texts are small: a wrapper keeps up to 50,000 (a thousand activities' cells need
# more than 20,000).
RUNS_KEPT = 30_000
LINES_KEPT = 50_000
POSITIONS_KEPT = 20_000
CELLS_KEPT = 30_000  # table cells, encoded whole: labels and vocabulary repeat from fiche to fiche


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """A character the embedded font cannot print, and where it was found (e.g. "EN-03 › Purposes")."""

    char: str
    codepoint: str  # "U+4E2D"
    where: str


@dataclass(frozen=True, slots=True)
class Truncation:
    """A text too long to print whole: where it was, and how many characters were left out."""

    where: str
    omitted: int


class TextFilter:
    """Replace characters the font lacks by a visible marker, remembering each one and where it was.

    A text longer than ``MAX_PRINTED`` is cut there, with a visible note saying how much was left out.
    """

    def __init__(self, coverage: frozenset[int], lang: str = "en") -> None:
        self._coverage = coverage
        self._note = TRUNCATED_NOTE.get(lang, TRUNCATED_NOTE["en"])
        self.truncated: list[Truncation] = []
        # Characters printable as they are, as a set of str: the common case is one C-level superset test.
        self._plain = frozenset(chr(c) for c in coverage if c >= 32 and not 0x7F <= c < 0xA0) | {"\n"}
        self._seen: dict[tuple[str, str], None] = {}
        self._cache: dict[str, str] = {}

    def __call__(self, text: str, where: str) -> str:
        cut = _cut_at(text)
        if cut < len(text):
            omitted = len(text) - cut
            self.truncated.append(Truncation(where, omitted))
            text = f"{text[:cut]}\n{self._note.format(count=f'{omitted:,}'.replace(',', ' '))}"
        if self._plain.issuperset(text):
            return text
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        out = []
        missing = False
        for ch in text:
            code = ord(ch)
            if ch == "\n":
                out.append(ch)
            elif code < 32 or 0x7F <= code < 0xA0:
                out.append(" ")  # control characters: tabs and the like print as a space
            elif code in self._coverage or unicodedata.category(ch) in ("Cf", "Zl", "Zp"):
                out.append(ch if unicodedata.category(ch) != "Cf" else "")
            else:
                out.append(MARKER)
                missing = True
                self._seen.setdefault((ch, where), None)
        result = "".join(out)
        if not missing:
            self._cache[text] = result
        return result

    def take_notes(self) -> tuple[list[tuple[str, str]], list[Truncation]]:
        """The characters missing (with where) and the texts cut noted since the last call, then forgotten."""
        seen, truncated = list(self._seen), self.truncated
        self._seen.clear()
        self.truncated = []
        return seen, truncated

    def add_notes(self, seen: list[tuple[str, str]], truncated: list[Truncation]) -> None:
        """Notes taken by another filter (a forked child's), as if this one had taken them."""
        for key in seen:
            self._seen.setdefault(key, None)
        self.truncated.extend(truncated)

    @property
    def missing(self) -> tuple[MissingGlyph, ...]:
        return tuple(MissingGlyph(ch, f"U+{ord(ch):04X}", where) for ch, where in self._seen)


def _cut_at(text: str) -> int:
    """Where to cut ``text`` so that it prints in at most MAX_PRINTED characters and MAX_PRINTED_LINES lines."""
    if len(text) <= MAX_PRINTED and text.count("\n") < MAX_PRINTED_LINES:
        return len(text)
    position = -1
    for _line in range(MAX_PRINTED_LINES):
        position = text.find("\n", position + 1, MAX_PRINTED)
        if position < 0:
            return min(len(text), MAX_PRINTED)
    return position


def markup(text: str) -> str:
    """User text for a reportlab Paragraph: every ``<``, ``&`` escaped, newlines as line breaks."""
    return escape(text).replace("\n", "<br/>")


class Wrapper:
    """Greedy line wrapping with the font's metrics; a word longer than a line breaks where it can."""

    def __init__(self, font: str, size: float) -> None:
        self.font = font
        self.size = size
        self._widths: dict[str, float] = {}
        self._lines: dict[tuple[str, float], list[str]] = {}
        self._joined: dict[tuple[str, float], tuple[str, int]] = {}
        self.space = self.width(" ")

    def width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            found = stringWidth(text, self.font, self.size)
            if len(self._widths) < 50_000:
                self._widths[text] = found
        return found

    def lines(self, text: str, max_width: float) -> list[str]:
        """``text`` cut into lines no wider than ``max_width`` (a new list: callers may keep it)."""
        key = (text, max_width)
        known = self._lines.get(key)
        if known is None:
            known = self._wrap(text, max_width)
            # Labels, codes and vocabulary repeat from fiche to fiche; a long text rarely does, and is not kept.
            if len(text) < 400 and len(self._lines) < LINES_KEPT:
                self._lines[key] = known
        return list(known)

    def joined(self, text: str, max_width: float) -> tuple[str, int]:
        """``text`` wrapped to ``max_width``, its lines joined by newlines, and how many lines there are."""
        key = (text, max_width)
        known = self._joined.get(key)
        if known is None:
            lines = self._lines.get(key) or self._wrap(text, max_width)
            known = ("\n".join(lines), len(lines))
            if len(text) < 400 and len(self._joined) < LINES_KEPT:
                self._joined[key] = known
        return known

    def _wrap(self, text: str, max_width: float) -> list[str]:
        result: list[str] = []
        fits = max_width - 0.01  # a margin for rounding: the word-by-word sum and the whole width may differ
        for paragraph in text.split("\n"):
            # Most values fit on one line: one width for the whole text, when it is already as the words join.
            if stringWidth(paragraph, self.font, self.size) <= fits and " ".join(paragraph.split()) == paragraph:
                result.append(paragraph)
                continue
            current = ""
            current_width = 0.0
            for word in paragraph.split():
                word_width = self.width(word)
                if current and current_width + self.space + word_width <= max_width:
                    current += " " + word
                    current_width += self.space + word_width
                    continue
                if current:
                    result.append(current)
                if word_width <= max_width:
                    current, current_width = word, word_width
                else:
                    pieces = self._break_word(word, max_width)
                    result.extend(pieces[:-1])
                    current = pieces[-1]
                    current_width = self.width(current)
            result.append(current)
        return result

    def _break_word(self, word: str, max_width: float) -> list[str]:
        """Cut a word wider than a line; linear in its length (a 1 MB word must not take minutes)."""
        # URLs, e-mail addresses, hashes: cut after a separator when one is near, else anywhere.
        pieces: list[str] = []
        start, end = 0, len(word)
        while start < end:
            used = 0.0
            cut = start
            while cut < end:
                char_width = self.width(word[cut])
                if used + char_width > max_width and cut > start:
                    break
                used += char_width
                cut += 1
            if cut < end:
                soft = max((i + 1 for i in range(start, cut) if word[i] in _BREAK_AFTER), default=start)
                if soft - start > (cut - start) // 2:
                    cut = soft
            pieces.append(word[start:cut])
            start = cut
        return pieces or [word]


_NUMBERS: dict[float, str] = {}  # coordinates repeat from row to row and page to page
_POSITIONS: dict[tuple[float, float], str] = {}  # the text matrix of each (x, y), for the same reason


def number(value: float) -> str:
    """A coordinate as PDF writes it (formatted once: they repeat from row to row and page to page)."""
    text = _NUMBERS.get(value)
    if text is None:
        text = fp_str(value)
        if len(_NUMBERS) < 100_000:
            _NUMBERS[value] = text
    return text


class TextOps:
    """Text drawn as raw PDF operators, each distinct string encoded once per document.

    reportlab's text objects re-encode every string into font subsets on every call (the bulk of a long
    report's time); the encoding of a string never changes once its characters have codes, so it is cached.
    """

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        doc = canv._doc
        self.doc = doc
        cache = getattr(doc, "_ropa_runs", None)
        if cache is None:
            cache = doc._ropa_runs = {}
        self.runs: dict[tuple[str, float, str], list[tuple[tuple[str, int, float], str, str]]] = cache
        cells = getattr(doc, "_ropa_cells", None)
        if cells is None:
            cells = doc._ropa_cells = {}
        self.cells_cache: dict[tuple[str, float, str], tuple[Any, str, str, Any]] = cells
        self.ops: list[str] = ["BT"]
        self.current: tuple[str, int, float] | None = None
        self.positions: dict[tuple[float, float], str] = _POSITIONS
        self.leading = 0.0  # the text leading (TL) "next line" moves by, set in this text object

    def show(self, font_name: str, size: float, x: float, y: float, text: str) -> None:
        key = (font_name, size, text)
        parts = self.runs.get(key)
        if parts is None:
            parts = self._encode(font_name, size, text)
            if len(self.runs) < RUNS_KEPT:  # labels and codes repeat; a long register's own texts need not stay
                self.runs[key] = parts
        ops = self.ops
        position = self.positions.get((x, y))
        if position is None:
            position = f"1 0 0 1 {number(x)} {number(y)} Tm"
            if len(self.positions) < POSITIONS_KEPT:
                self.positions[(x, y)] = position
        ops.append(position)
        for state, select, shown in parts:
            if state != self.current:
                ops.append(select)
                self.current = state
            ops.append(shown)

    def block(self, font_name: str, size: float, x: float, y: float, leading: float, lines: list[str]) -> None:
        """Lines one under the other from the baseline ``y``: one position, then "next line" (T*) for each."""
        runs = self.runs
        ops = self.ops
        position = self.positions.get((x, y))
        if position is None:
            position = f"1 0 0 1 {number(x)} {number(y)} Tm"
            if len(self.positions) < POSITIONS_KEPT:
                self.positions[(x, y)] = position
        ops.append(position)
        if self.leading != leading:
            ops.append(f"{number(leading)} TL")
            self.leading = leading
        first = True
        for text in lines:
            if first:
                first = False
            else:
                ops.append("T*")
            if not text:
                continue
            parts = runs.get((font_name, size, text)) or self._encode_kept(font_name, size, text)
            for state, select, shown in parts:
                if state != self.current:
                    ops.append(select)
                    self.current = state
                ops.append(shown)

    def cells(self, rows: Sequence[Sequence[str | None]], lefts: Sequence[float], baselines: Sequence[float],
              fonts: Sequence[str], first_fonts: Sequence[str], size: float, leading: float) -> None:
        """A table's cells (lines joined by newlines), each as ``block`` draws it, encoded once per distinct cell.

        Row ``i``'s cells start at ``baselines[i]``, column ``j``'s at ``lefts[j]``, in ``fonts[j]`` (the first
        row in ``first_fonts[j]``). One call per table: a long register has a few hundred thousand cells.
        """
        ops = self.ops
        positions = self.positions
        cache = self.cells_cache
        current = self.current
        for index, row in enumerate(rows):
            y = baselines[index]
            row_fonts = first_fonts if index == 0 else fonts
            for column, cell in enumerate(row):
                if not cell:
                    continue
                x = lefts[column]
                position = positions.get((x, y))
                if position is None:
                    position = f"1 0 0 1 {number(x)} {number(y)} Tm"
                    if len(positions) < POSITIONS_KEPT:
                        positions[(x, y)] = position
                ops.append(position)
                if self.leading != leading:
                    ops.append(f"{number(leading)} TL")
                    self.leading = leading
                key = (row_fonts[column], size, cell)
                encoded = cache.get(key)
                if encoded is None:
                    encoded = self._encode_cell(row_fonts[column], size, cell)
                    if len(cache) < CELLS_KEPT:
                        cache[key] = encoded
                first, whole, rest, last = encoded
                ops.append(rest if first == current else whole)
                if last is not None:
                    current = last
        self.current = current

    def _encode_cell(self, font_name: str, size: float, cell: str) -> tuple[Any, str, str, Any]:
        """A cell's operators: its first font state, the operators with and without selecting it, its last."""
        first: Any = None
        current: Any = None
        ops: list[str] = []
        select_at = -1  # where the first font selection is: left out when that font is already selected
        runs = self.runs
        for index, text in enumerate(cell.split("\n")):
            if index:
                ops.append("T*")
            if not text:
                continue
            parts = runs.get((font_name, size, text)) or self._encode_kept(font_name, size, text)
            for state, select, shown in parts:
                if state != current:
                    if first is None:
                        first, select_at = state, len(ops)
                    ops.append(select)
                    current = state
                ops.append(shown)
        rest = ops if select_at < 0 else ops[:select_at] + ops[select_at + 1:]
        return first, "\n".join(ops), "\n".join(rest), current

    def _encode_kept(self, font_name: str, size: float, text: str) -> list[tuple[tuple[str, int, float], str, str]]:
        """``_encode``, kept for the next time while there is room: labels and codes repeat, a register's texts not."""
        parts = self._encode(font_name, size, text)
        if len(self.runs) < RUNS_KEPT:
            self.runs[(font_name, size, text)] = parts
        return parts

    def _encode(self, font_name: str, size: float, text: str) -> list[tuple[tuple[str, int, float], str, str]]:
        """The operators showing ``text``: per font subset, its selection and the escaped string."""
        font = getFont(font_name)
        chunks = self._first_subset(font, text)
        if chunks is None:
            chunks = font.splitString(text, self.doc)
        return [((font_name, subset, size), f"{font.getSubsetInternalName(subset, self.doc)} {number(size)} Tf",
                 f"({self.canv._escape(chunk)}) Tj") for subset, chunk in chunks]

    def _first_subset(self, font: Any, text: str) -> list[tuple[int, bytes]] | None:
        """``text`` in the font's first subset, when all its characters already have a code there (most texts).

        The same bytes as ``splitString`` gives, by one ``str.translate`` instead of a loop per character;
        None when a character is new or lives in another subset (then ``splitString`` assigns and splits).
        """
        state = getattr(font, "state", {}).get(self.doc)
        if state is None or not text:
            return None
        known = self.doc.__dict__.setdefault("_ropa_first_subset", {})
        assignments = state.assignments
        entry = known.get(font.fontName)
        if entry is None or entry[0] != len(assignments):
            table = {code: n for code, n in assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # as splitString: a no-break space prints as a space
            entry = known[font.fontName] = (len(assignments), frozenset(map(chr, table)), table)
        if not entry[1].issuperset(text):
            return None
        return [(0, text.translate(entry[2]).encode("latin-1"))]

    def take(self) -> str:
        """The text object drawn so far, as operators (for a stream other than the current page's)."""
        ops = [*self.ops, "ET"] if len(self.ops) > 1 else []
        self.ops = ["BT"]
        self.current = None
        self.leading = 0.0
        return "\n".join(ops)

    def flush(self) -> None:
        if len(self.ops) > 1:
            self.ops.append("ET")
            self.canv.addLiteral("\n".join(self.ops))
        self.ops = ["BT"]
        self.current = None
        self.leading = 0.0  # the text leading (TL) "next line" moves by, set in this text object

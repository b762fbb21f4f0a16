"""Bounds on an untrusted JSON document, checked apart from decoding it into a register.

Hostile documents must end as one clear refusal naming where, never as a RecursionError, an OverflowError
deep in SQLite, a UnicodeEncodeError on a lone surrogate, or memory exhausted by one huge number.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import stat
import typing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain import model
from ..domain.messages import TranslatedError, message_table

MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # a 50,000-activity register exports to about 260 MB
MAX_DEPTH = 32  # a register document is 7 levels deep
MAX_INT_DIGITS = 12
MAX_INT = 10**9  # durations, the only numbers of a register, stay far below (SQLite's limit is 2**63)
MAX_NUMBER_CHARS = 32
MAX_STRING = 2_000_000  # characters in one field: a long description fits, a memory bomb does not
MIN_YEAR, MAX_YEAR = 1900, 2999


_MESSAGES = message_table("json_bounds", {
    "too_large": ("le document dépasse {limit} Mo", "the document is larger than {limit} MB"),
    "not_regular": ("ce n'est pas un fichier ordinaire (tube, périphérique ou dossier)",
                    "not a regular file (a pipe, a device or a folder)"),
    "not_utf8": ("ce n'est pas du texte UTF-8", "not UTF-8 text"),
    "too_deep": ("imbrication trop profonde (au plus {limit} niveaux)", "nested too deeply (at most {limit} levels)"),
    "int_digits": ("un nombre de {digits} chiffres (au plus {limit})", "a number of {digits} digits (at most {limit})"),
    "number_too_large": ("un nombre trop grand ou trop long ({text}…)", "a number too large or too long ({text}…)"),
    "constant": ("{name} n'est pas un nombre admis en JSON", "{name} is not a number JSON allows"),
    "out_of_range": ("le nombre est hors limites (au plus {limit})", "the number is out of range (at most {limit})"),
    "text_too_long": ("un texte de {length} caractères (au plus {limit})",
                      "a text of {length} characters (at most {limit})"),
    "surrogate": ("un caractère invalide (substitut isolé U+{char}) en position {position}",
                  "an invalid character (lone surrogate U+{char}) at position {position}"),
    "date_out_of_range": ("pas une date dans les limites ({low}–{high}) : {text}",
                          "not a date in range ({low}–{high}): {text}"),
    "year_out_of_range": ("l'année {year} est hors limites ({low}–{high})",
                          "the year {year} is out of range ({low}–{high})"),
})


class BoundsError(TranslatedError, ValueError):
    """The document exceeds a bound; ``path`` says where (``$.organizations[0].name``)."""

    MESSAGES = _MESSAGES

    def __init__(self, path: str, code: str, **params: object) -> None:
        self.path = path
        super().__init__(code, **params)


def _date_fields() -> frozenset[str]:
    """Names of the model's date and date-time fields (read from the model, not listed by hand)."""
    names = {"exported_at"}
    for cls in vars(model).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            for name, tp in typing.get_type_hints(cls).items():
                if {date, datetime} & {tp, *typing.get_args(tp)}:
                    names.add(name)
    return frozenset(names)


DATE_FIELDS = _date_fields()


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BoundsError("$", "int_digits", digits=len(text), limit=MAX_INT_DIGITS)
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text[:MAX_NUMBER_CHARS + 1]) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise BoundsError("$", "number_too_large", text=text[:20])
    return value


def _refuse_constant(name: str) -> Any:
    raise BoundsError("$", "constant", name=name)


def bounded_loads(text: str) -> Any:
    """``json.loads`` with numbers bounded and NaN/Infinity refused; BoundsError for a hostile document."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise BoundsError("$", "too_large", limit=MAX_DOCUMENT_BYTES // 2**20)
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant)
    except RecursionError:
        raise BoundsError("$", "too_deep", limit=MAX_DEPTH) from None


def read_json_file(path: Path, max_bytes: int = 16 * 1024 * 1024) -> Any:
    """A small JSON file given on the command line (a mapping, an adequacy list), read within the same bounds.

    A pipe or a device is refused before it is opened (reading it would block or never end).
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise BoundsError("$", "not_regular")
    if info.st_size > max_bytes:
        raise BoundsError("$", "too_large", limit=max(1, max_bytes // 2**20))
    with path.open("rb") as handle:
        raw = handle.read(max_bytes + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BoundsError("$", "not_utf8") from None
    doc = bounded_loads(text)
    check_document(doc, surrogates=may_hold_surrogates(text))
    return doc


# A lone surrogate can only come from a \uD800 to \uDFFF escape: text decoded from UTF-8 cannot hold one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hold_surrogates(text: str) -> bool:
    """False when the JSON text has no escape that could decode to a lone surrogate (one scan, in C)."""
    return _SURROGATE_ESCAPE.search(text) is not None


def check_document(doc: Any, *, surrogates: bool = True) -> None:
    """Walk a decoded document (without recursion): depth, text lengths, surrogates, numbers and dates.

    ``surrogates=False``: the text was scanned (``may_hold_surrogates``) and no value needs the check.
    """
    # A path is a chain (parent, segment) put into words only when something is refused: building a string
    # for every value would cost more than the walk itself on a large register. Texts and numbers are checked
    # where their container is read; only containers go on the stack.
    if type(doc) is str:  # a document that is only a text or a number: nothing else to walk
        _check_text(doc, ("$", None))
    elif type(doc) is int and abs(doc) > MAX_INT:
        raise BoundsError("$", "out_of_range", limit=f"{MAX_INT:,}")
    if type(doc) is not dict and type(doc) is not list:
        return
    stack: list[tuple[Any, Any, int, str]] = [(doc, ("$", None), 0, "")]
    while stack:
        value, where, depth, key = stack.pop()
        if depth > MAX_DEPTH:
            raise BoundsError(_path(where), "too_deep", limit=MAX_DEPTH)
        if depth == MAX_DEPTH and value:  # its items would lie deeper than allowed
            first = next(iter(value)) if type(value) is dict else 0
            raise BoundsError(_path((_segment(first), where)), "too_deep", limit=MAX_DEPTH)
        if type(value) is dict:
            items: Any = value.items()
            if surrogates or (value and max(map(len, value)) > MAX_STRING):
                for name in value:
                    _check_text(name, where)
            if not DATE_FIELDS.isdisjoint(value):
                for name in DATE_FIELDS.intersection(value):
                    if type(value[name]) is str:
                        _check_date(value[name], (_segment(name), where))
        else:
            items = enumerate(value)
            if key in DATE_FIELDS:  # a list of dates
                for name, item in items:
                    if type(item) is str:
                        _check_date(item, (_segment(name), where))
                items = enumerate(value)
        for name, item in items:
            kind = type(item)
            if kind is str:
                if len(item) > MAX_STRING or (surrogates and not item.isascii()):
                    _check_text(item, (_segment(name), where))
            elif kind is dict or kind is list:
                stack.append((item, (_segment(name), where), depth + 1, name if type(name) is str else key))
            elif kind is int and abs(item) > MAX_INT:
                raise BoundsError(_path((_segment(name), where)), "out_of_range", limit=f"{MAX_INT:,}")


def _segment(name: str | int) -> str:
    return f"[{name}]" if type(name) is int else f".{name}"


def _path(where: Any) -> str:
    segments = []
    while where is not None:
        segment, where = where
        segments.append(segment)
    return "".join(reversed(segments))


def _check_text(text: str, where: Any) -> None:
    if len(text) > MAX_STRING:
        raise BoundsError(_path(where), "text_too_long", length=f"{len(text):,}", limit=f"{MAX_STRING:,}")
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BoundsError(_path(where), "surrogate", char=f"{ord(text[exc.start]):04X}", position=exc.start) from None


def _check_date(text: str, where: Any) -> None:
    """A date or date-time whose year, in UTC too, lies between MIN_YEAR and MAX_YEAR (others are refused)."""
    try:
        parsed: date = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        return  # not a date at all: the decoder says so, naming the expected form
    try:
        if isinstance(parsed, datetime) and parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
    except OverflowError:
        raise BoundsError(
            _path(where), "date_out_of_range", low=MIN_YEAR, high=MAX_YEAR, text=repr(text[:40])
        ) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise BoundsError(_path(where), "year_out_of_range", year=parsed.year, low=MIN_YEAR, high=MAX_YEAR)

"""Bounds on an untrusted JSON document, checked apart from decoding it into a register.

Hostile documents must end as one clear refusal naming where, never as a RecursionError, an OverflowError
deep in SQLite, a UnicodeEncodeError on a lone surrogate, or memory exhausted by one huge number.
"""

from __future__ import annotations

import dataclasses
import json
import math
import typing
from datetime import UTC, date, datetime
from typing import Any

from ..domain import model

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32  # a register document is 7 levels deep
MAX_INT_DIGITS = 12
MAX_INT = 10**9  # durations, the only numbers of a register, stay far below (SQLite's limit is 2**63)
MAX_NUMBER_CHARS = 32
MAX_STRING = 2_000_000  # characters in one field: a long description fits, a memory bomb does not
MIN_YEAR, MAX_YEAR = 1900, 2999


class BoundsError(ValueError):
    """The document exceeds a bound; ``path`` says where (``$.organizations[0].name``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


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
        raise BoundsError("$", f"a number of {len(text)} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text[:MAX_NUMBER_CHARS + 1]) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise BoundsError("$", f"a number too large or too long ({text[:20]}…)")
    return value


def _refuse_constant(name: str) -> Any:
    raise BoundsError("$", f"{name} is not a number JSON allows")


def bounded_loads(text: str) -> Any:
    """``json.loads`` with numbers bounded and NaN/Infinity refused; BoundsError for a hostile document."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise BoundsError("$", f"the document is larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant)
    except RecursionError:
        raise BoundsError("$", f"nested too deeply (at most {MAX_DEPTH} levels)") from None


def check_document(doc: Any) -> None:
    """Walk a decoded document (without recursion): depth, text lengths, surrogates, numbers and dates."""
    stack: list[tuple[Any, str, int, str]] = [(doc, "$", 0, "")]
    while stack:
        value, path, depth, key = stack.pop()
        if depth > MAX_DEPTH:
            raise BoundsError(path, f"nested too deeply (at most {MAX_DEPTH} levels)")
        if isinstance(value, dict):
            for name, item in value.items():
                _check_text(name, path)
                stack.append((item, f"{path}.{name}", depth + 1, name))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1, key) for i, item in enumerate(value))
        elif isinstance(value, str):
            _check_text(value, path)
            if key in DATE_FIELDS:
                _check_date(value, path)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise BoundsError(path, f"the number is out of range (at most {MAX_INT:,})")


def _check_text(text: str, path: str) -> None:
    if len(text) > MAX_STRING:
        raise BoundsError(path, f"a text of {len(text):,} characters (at most {MAX_STRING:,})")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BoundsError(path, f"an invalid character (lone surrogate U+{ord(text[exc.start]):04X}) "
                                f"at position {exc.start}") from None


def _check_date(text: str, path: str) -> None:
    """A date or date-time whose year, in UTC too, lies between MIN_YEAR and MAX_YEAR (others are refused)."""
    try:
        parsed: date = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
    except ValueError:
        return  # not a date at all: the decoder says so, naming the expected form
    try:
        if isinstance(parsed, datetime) and parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
    except OverflowError:
        raise BoundsError(path, f"not a date in range ({MIN_YEAR}–{MAX_YEAR}): {text[:40]!r}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise BoundsError(path, f"the year {parsed.year} is out of range ({MIN_YEAR}–{MAX_YEAR})")

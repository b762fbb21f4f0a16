r"""One sub-list item per line: ``primary | Label: value | Label: value``, readable and lossless.

Format (documented for counsel in the workbook's "Lists" sheet):

- one item per line; the first segment is the item's main field (purpose text, category, recipient...);
- further segments ``Label: value`` only for fields that are set, labels from ``domain/fields.py`` (French or
  English both accepted on reading, as are the field keys);
- segments are separated by `` | ``; inside a value ``\`` is written ``\\``, ``|`` as ``\|``, a line break
  as ``\n``, a carriage return as ``\r`` and, in a list of codes, ``;`` as ``\;``;
- vocabulary values are written as labels and read back from FR/EN labels, the CNIL wording or the code;
  an unknown value is kept as it is and reported;
- durations read ``5 years`` / ``5 ans``; yes/no read ``oui``/``non``/``yes``/``no``.

Wholly empty items carry nothing and are not written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from ..domain import countries
from ..domain.fields import SCOPE_TYPES, FieldSpec, Kind, fields_of, list_fields
from ..domain.value_text import bool_text, duration_text
from ..domain.vocabularies import is_sensitive_category
from .values import (
    Problems,
    bool_from_text,
    code_from_text,
    country_from_text,
    duration_from_text,
    exact_index,
    fold,
    unit_code,
    vocab_index,
)

__all__ = [
    "ITEM_SCOPES",
    "Problems",
    "bool_from_text",
    "bool_text",
    "code_from_text",
    "country_from_text",
    "escape",
    "fold",
    "format_item",
    "format_items",
    "items_writer",
    "parse_item",
    "parse_items",
    "unescape",
    "unit_code",
    "vocab_index",
]

# list field of Activity -> (item scope, item class), from the field table
ITEM_SCOPES: dict[str, tuple[str, type[Any]]] = {
    f.key: (f.item, SCOPE_TYPES[f.item]) for f in list_fields("activity")
}

_ESCAPES = {"n": "\n", "r": "\r"}


_SPECIAL = re.compile(r"[\\|\n\r]")
_SPECIAL_CODES = re.compile(r"[\\|\n\r;]")
_ESCAPE_MAP = {"\\": "\\\\", "|": "\\|", "\n": "\\n", "\r": "\\r", ";": "\\;"}


def escape(text: str, extra: str = "") -> str:
    if extra:
        if not _SPECIAL_CODES.search(text):
            return text
        return _SPECIAL_CODES.sub(lambda m: _ESCAPE_MAP[m.group()], text)
    # Four substring tests cost half a regex search, on every value of every exported line.
    if "\\" not in text and "|" not in text and "\n" not in text and "\r" not in text:
        return text
    return _SPECIAL.sub(lambda m: _ESCAPE_MAP[m.group()], text)


_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split raw (still escaped) ``text`` on unescaped ``sep``; pieces stay escaped."""
    if "\\" not in text:
        return text.split(sep)
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


# --- items ----------------------------------------------------------------------------------------------

RecipientName = Callable[[str], str]  # recipient id -> name for display
RecipientId = Callable[[str, str], str]  # (name, id hint) -> recipient id


Formatter = Callable[[Any, "RecipientName | None"], str]


def _formatter(spec: FieldSpec, lang: str) -> Formatter:
    """How one field's value is written in a line, built once per field and language."""
    vocab = spec.vocab
    if spec.kind is Kind.CODE and vocab is not None:
        return _CodeLabels({t.code: escape(t.label(lang)) for t in vocab})
    if spec.kind is Kind.CODES and vocab is not None:
        many = {t.code: escape(t.label(lang), ";") for t in vocab}
        return lambda value, _names: "; ".join(many.get(c) or escape(c, ";") for c in value)
    if spec.kind is Kind.COUNTRY:
        return lambda value, _names: escape(_country_name(value, lang))
    if spec.kind is Kind.BOOL:
        return lambda value, _names: bool_text(value, lang)
    if spec.kind is Kind.DURATION:
        return lambda value, _names: escape(duration_text(value, lang))
    if spec.kind in (Kind.RECIPIENT, Kind.CLIENT):  # an id, written as the name the caller resolves
        return lambda value, names: escape(names(value) if names else value)
    if spec.kind is Kind.DATE:
        return lambda value, _names: value.isoformat() if value else ""
    return _write_text


def _write_text(value: Any, _names: RecipientName | None) -> str:
    return escape(value if isinstance(value, str) else str(value))


class _CodeLabels(dict[str, str]):
    """A vocabulary code's label (escaped), or the unknown code as it is."""

    def __call__(self, value: Any, _names: RecipientName | None) -> str:
        return self.get(value) or escape(value)


@lru_cache(maxsize=1024)
def _country_name(code: str, lang: str) -> str:
    return countries.country_name(code, lang)


@cache
def _specs(scope: str) -> tuple[FieldSpec, ...]:
    return fields_of(scope)


@cache
def _writers(scope: str, lang: str) -> tuple[tuple[str, str, Formatter], ...]:
    """(key, "Label: " prefix, formatter) per field of ``scope``, the primary field first."""
    return tuple((spec.key, f"{spec.label(lang)}: ", _formatter(spec, lang)) for spec in _specs(scope))


_EMPTY = ("", None, False)
_Line = Callable[[Any, "RecipientName | None"], list[str]]


@cache
def _line_writer(scope: str, lang: str) -> _Line:
    """One item's segments, as a function written out for ``scope``: no loop over its fields per item.

    An export writes some 160,000 items at 10,000 activities; a generic loop over each item's fields (a getattr,
    a tuple unpacked and a call per field) took most of the Register sheet's time. The generated code does
    what that loop did, field by field: a field that is empty (``""``, None, False, ``[]``) is left out, and a
    data category's "sensitive" when its category implies it. A text field (most of them) is escaped inline.
    """
    writers = _writers(scope, lang)
    env: dict[str, Any] = {"_EMPTY": _EMPTY, "escape": escape, "implies": is_sensitive_category}
    key, _, write = writers[0]
    env["w0"] = write
    lines = ["def line(item, names):", f"    v = item.{key}", f"    segments = [{_inline(write, 0)}]"]
    if scope == "data_category":
        lines.append("    implied = implies(item.category)")
    for n, (key, prefix, write) in enumerate(writers[1:], 1):
        env[f"p{n}"], env[f"w{n}"] = prefix, write
        implied = " and not implied" if scope == "data_category" and key == "sensitive" else ""
        lines += [f"    v = item.{key}", f"    if (v or not (v in _EMPTY or v == [])){implied}:",
                  f"        segments.append(p{n} + {_inline(write, n)})"]
    lines.append("    return segments")
    exec(compile("\n".join(lines), f"<line writer {scope} {lang}>", "exec"), env)  # our own text, from the field table
    line: _Line = env["line"]
    return line


def _inline(write: Formatter, n: int) -> str:
    """The expression writing ``v`` with ``write`` (``w{n}``); escape() and a code's label inline, the rest called."""
    if write is _write_text:
        return ("(v if v.__class__ is str and '\\\\' not in v and '|' not in v and '\\n' not in v and '\\r' not in v"
                " else escape(v if isinstance(v, str) else str(v)))")
    if isinstance(write, _CodeLabels):
        return f"(w{n}.get(v) or escape(v))"
    return f"w{n}(v, names)"


def _format(
    scope: str,
    lang: str,
    item: Any,
    recipient_name: RecipientName | None,
    extra: dict[str, str] | None,
) -> str:
    segments = _line_writer(scope, lang)(item, recipient_name)
    if extra:
        segments += [f"{k}: {escape(text)}" for k, text in extra.items()]
    return " | ".join(segments)


def format_item(
    scope: str,
    item: Any,
    lang: str,
    recipient_name: RecipientName | None = None,
    extra: dict[str, str] | None = None,
) -> str:
    """One item as one line (see the module docstring)."""
    return _format(scope, lang, item, recipient_name, extra)


def format_items(
    scope: str,
    items: list[Any],
    lang: str,
    recipient_name: RecipientName | None = None,
    extras: Callable[[Any], dict[str, str]] | None = None,
) -> str:
    if not items:
        return ""
    if extras is None:
        return items_writer(scope, lang)(items, recipient_name)
    lines = [_format(scope, lang, item, recipient_name, extras(item)) for item in items]
    return "\n".join(text for text in lines if text)


ItemsWriter = Callable[[list[Any], "RecipientName | None"], str]


@cache
def items_writer(scope: str, lang: str) -> ItemsWriter:
    """``format_items`` without extras, for one scope and language: what an export calls per list cell."""
    line = _line_writer(scope, lang)

    def write(items: list[Any], recipient_name: RecipientName | None = None) -> str:
        if not items:
            return ""
        lines = [" | ".join(line(item, recipient_name)) for item in items]
        return "\n".join([text for text in lines if text])

    return write


@dataclass(frozen=True)
class _Labels:
    by_text: dict[str, FieldSpec]


_LABELS: dict[str, _Labels] = {}


def _labels(scope: str) -> _Labels:
    found = _LABELS.get(scope)
    if found is None:
        index: dict[str, FieldSpec] = {}
        for spec in fields_of(scope):
            for text in (spec.key, spec.en, spec.fr):
                index[fold(text)] = spec
        found = _LABELS[scope] = _Labels(index)
    return found


Converter = Callable[[str, Problems, str], Any]


def _text_value(raw: str, problems: Problems, where: str) -> str:
    return unescape(raw)


@cache
def _converter(scope: str, key: str) -> Converter:
    """How one field's raw (escaped) text becomes its value; built once per field."""
    spec = next(f for f in fields_of(scope) if f.key == key)
    vocab = spec.vocab
    if spec.kind is Kind.CODES and vocab is not None:
        codes_vocab = vocab

        def codes(raw: str, problems: Problems, where: str) -> list[str]:
            pieces = [unescape(p).strip() for p in split_unescaped(raw, ";")]
            return [code_from_text(p, codes_vocab, problems, where) for p in pieces if p]

        return codes
    if spec.kind is Kind.CODE and vocab is not None:
        code_vocab = vocab
        exact = exact_index(vocab)

        def code(raw: str, problems: Problems, where: str) -> str:
            found = exact.get(raw)
            return found if found is not None else code_from_text(unescape(raw), code_vocab, problems, where)

        return code
    if spec.kind is Kind.COUNTRY:
        return lambda raw, problems, where: country_from_text(unescape(raw), problems, where)
    if spec.kind is Kind.BOOL:
        return lambda raw, problems, where: bool_from_text(unescape(raw), problems, where)
    if spec.kind is Kind.DURATION:
        return lambda raw, problems, where: duration_from_text(unescape(raw), problems, where)
    if spec.kind is Kind.DATE:
        return lambda raw, problems, where: _date_value(unescape(raw).strip(), problems, where)
    return _text_value


def _date_value(text: str, problems: Problems, where: str) -> date | None:
    """A date in an item's line (a sub-processor's authorisation): ISO, or day/month/year as typed in France."""
    if not text:
        return None
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    problems.add("bad_date", value=text, where=where)
    return None


@cache
def _item_class(scope: str) -> type[Any]:
    return SCOPE_TYPES[scope]


@cache
def _plan(scope: str) -> tuple[FieldSpec, Converter, dict[str, tuple[str, Converter]]]:
    """The primary field, its converter, and exact label -> (key, converter) for the other fields."""
    specs = _specs(scope)
    labels = {text: (spec.key, _converter(scope, spec.key)) for spec in specs for text in (spec.fr, spec.en)}
    return specs[0], _converter(scope, specs[0].key), labels


def _segments(line: str) -> list[str]:
    if "\\" not in line and line.count("|") == line.count(" | "):
        return line.split(" | ")  # as the writer writes it: every bar is a separator
    segments = split_unescaped(line, "|")
    last = len(segments) - 1
    if last:
        # The writer puts exactly one space on each side of a separator; people may not.
        segments = [s[1:] if i and s[:1] == " " else s for i, s in enumerate(segments)]
        segments = [s[:-1] if i < last and s[-1:] == " " else s for i, s in enumerate(segments)]
    return segments


def parse_item(
    scope: str, line: str, problems: Problems, where: str, recipient_id: RecipientId | None = None
) -> Any:
    """Read back one line written by ``format_item`` (or typed by a person)."""
    primary, primary_convert, exact = _plan(scope)
    segments = _segments(line)
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    primary_raw = segments[0]
    for raw in segments[1:]:
        label, sep, value = raw.partition(": ")
        plan = exact.get(label) if sep else None
        if plan is None and sep:
            spec = _labels(scope).by_text.get(fold(label))
            if spec is not None:
                plan = (spec.key, _converter(scope, spec.key))
            elif fold(label) == "id":
                extra["id"] = unescape(value)
                continue
        if plan is None:
            problems.add("unknown_segment", value=unescape(raw), where=where)
            primary_raw = f"{primary_raw} \\| {raw}"
            continue
        parsed = plan[1](value, problems, where)
        if parsed is not None:
            values[plan[0]] = parsed
    if primary.kind in (Kind.RECIPIENT, Kind.CLIENT):  # a name (and maybe an id) the caller resolves
        name = unescape(primary_raw)
        values[primary.key] = recipient_id(name, extra.get("id", "")) if recipient_id else name
    else:
        values[primary.key] = primary_convert(primary_raw, problems, where)
    item = _item_class(scope)(**values)
    if scope == "data_category" and is_sensitive_category(item.category):
        item.sensitive = True
    return item


def parse_items(
    scope: str, text: str, problems: Problems, where: str, recipient_id: RecipientId | None = None
) -> list[Any]:
    return [
        parse_item(scope, line, problems, where, recipient_id)
        for line in text.replace("\r\n", "\n").split("\n")
        if line.strip()
    ]

"""Screens generated once from the field table: which items of a list may have a field finding, in one pass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..fields import FieldSpec, Kind
from .common import SCOPE, country_known

# Kinds held as text or lists: falsy is exactly what ``is_missing`` calls missing.
_FALSY_MISSING = frozenset({Kind.TEXT, Kind.LONG_TEXT, Kind.CODE, Kind.COUNTRY, Kind.CODES, Kind.RECIPIENT,
                            Kind.CLIENT, Kind.LIST})

Screen = Callable[[Sequence[Any]], list[int]]


def _condition(scope: str, names: dict[str, object]) -> str:
    """A Python expression over ``o`` true only when ``_fields`` would report nothing on ``o``.

    False may still mean nothing to report (a False or 0 answer, an empty contact): ``_fields`` then decides.
    """
    spec = SCOPE[scope]
    terms: list[str] = []
    for f in spec.required:
        if f.kind not in _FALSY_MISSING:
            return "False"  # a yes/no, a date, a contact: left to ``_fields`` (none today in an activity's lists)
        terms.append(f"o.{f.key}")
    for n, (f, allowed) in enumerate(spec.codes):
        names[f"_codes{n}"] = frozenset({"", *allowed})  # "" is no code: never reported
        if f.kind is Kind.CODES:
            terms.append(f"_codes{n}.issuperset(o.{f.key})")
        else:
            terms.append(f"o.{f.key} in _codes{n}")
    for f in spec.countries:
        terms.append(f"(not o.{f.key} or _known(o.{f.key}))")
    return " and ".join(terms) or "True"


def _key_of(f: FieldSpec) -> str:
    if not f.key.isidentifier():  # the table's keys are attribute names: anything else is a bug in it
        raise ValueError(f"field key {f.key!r} is not an attribute name")
    return f.key


def screen(scope: str) -> Screen:
    """The positions of the items of ``scope`` in a list that ``_fields`` must look at (the rest are sound).

    The test of each item is one generated expression (attribute reads, set look-ups), not a walk of the field
    table per item: 190,000 items on a 10,000-activity register.
    """
    spec = SCOPE[scope]
    for f in (*spec.required, *(f for f, _ in spec.codes), *spec.countries):
        _key_of(f)
    names: dict[str, object] = {"_known": country_known}
    condition = _condition(scope, names)
    source = (f"def _screen(items):\n"
              f"    try:\n"
              f"        return [i for i, o in enumerate(items) if not ({condition})]\n"
              f"    except (TypeError, AttributeError):\n"  # a value of an unexpected type: every item looked at
              f"        return list(range(len(items)))\n")
    exec(compile(source, f"<screen {scope}>", "exec"), names)  # our own field table's names only, never data
    return names["_screen"]  # type: ignore[return-value]

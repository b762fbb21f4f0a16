"""The dated list of adequacy decisions (Art. 45) and invalidated mechanisms: data read from a file, not code."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

FORMAT = "ropa-desktop-adequacy"
VERSION = 1
PACKAGED = "data/adequacy/adequacy.json"
SCHEMA = "data/adequacy/adequacy.schema.json"
KINDS = ("country", "territory", "sector", "international_organization")
INT_PREFIX = "INT-"  # an international organisation as a destination: "INT-EPO"
STALE_AFTER_DAYS = 183  # "more than 6 months old"

_DESTINATION_RE = re.compile(r"^(?:[A-Z]{2}|INT-[A-Z0-9]{2,12})$")
_CELEX_RE = re.compile(r"^(?:[0-9][0-9]{4}[A-Z][0-9A-Z()]{4,})?$")


class AdequacyListError(ValueError):
    """The file is not an adequacy list this version can use; ``where`` names the faulty part."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: {detail}")
        self.where = where
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decision:
    """One adequacy decision: its destination, instrument, dates and the limits of its scope."""

    destination: str  # ISO 3166-1 alpha-2, or INT- + an international organisation code
    kind: str  # one of KINDS
    name_en: str
    name_fr: str
    instrument: str
    celex: str = ""
    adopted: date | None = None
    expires: date | None = None
    review: str = ""
    scope: str = ""  # "" = the whole country; else who is covered
    notes: str = ""

    @property
    def decision(self) -> str:
        """The instrument's name (kept under this name for the form's tooltips)."""
        return self.instrument

    def expired(self, today: date) -> bool:
        return self.expires is not None and self.expires < today

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en


@dataclass(frozen=True, slots=True)
class Invalidated:
    """A transfer mechanism the Court of Justice struck down, and the words that betray it in a text."""

    mechanism: str
    name: str
    instrument: str
    celex: str
    judgment: str
    judgment_date: date
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdequacyList:
    """The whole list, as of ``list_date``."""

    list_date: date
    source: str
    decisions: tuple[Decision, ...]
    invalidated: tuple[Invalidated, ...]

    def decision(self, destination: str) -> Decision | None:
        wanted = destination.upper()
        return next((d for d in self.decisions if d.destination == wanted), None)

    def organizations(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.kind == "international_organization")

    def is_stale(self, today: date) -> bool:
        return (today - self.list_date).days > STALE_AFTER_DAYS

    def invalid_mechanism_in(self, text: str) -> Invalidated | None:
        low = text.casefold()
        return next((m for m in self.invalidated if any(w in low for w in m.words)), None)


# --- reading and validating (mirrors adequacy.schema.json: the runtime has no JSON Schema library) ---------

def _get(obj: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...], *, nullable: bool = False) -> Any:
    if key not in obj:
        raise AdequacyListError(where, f"missing {key!r}")
    value = obj[key]
    if value is None and nullable:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise AdequacyListError(f"{where}.{key}", "wrong type")
    return value


def _date(obj: dict[str, Any], key: str, where: str, *, nullable: bool = False) -> date | None:
    value = _get(obj, key, where, str, nullable=nullable)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AdequacyListError(f"{where}.{key}", "expected a date (YYYY-MM-DD)") from None


def _only(obj: Any, keys: set[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise AdequacyListError(where, "expected an object")
    unknown = sorted(set(obj) - keys)
    if unknown:
        raise AdequacyListError(where, f"unknown field(s): {', '.join(unknown)}")
    return obj


_DECISION_KEYS = {"destination", "kind", "name_en", "name_fr", "instrument", "celex", "adopted", "expires", "review",
                  "scope", "notes"}
_INVALID_KEYS = {"mechanism", "name", "instrument", "celex", "judgment", "judgment_date", "words"}


def _decision(raw: Any, where: str) -> Decision:
    obj = _only(raw, _DECISION_KEYS, where)
    destination = _get(obj, "destination", where, str)
    if not _DESTINATION_RE.match(destination):
        raise AdequacyListError(f"{where}.destination", "expected an ISO 3166-1 alpha-2 code or INT-CODE")
    kind = _get(obj, "kind", where, str)
    if kind not in KINDS:
        raise AdequacyListError(f"{where}.kind", f"expected one of {', '.join(KINDS)}")
    if (kind == "international_organization") != destination.startswith(INT_PREFIX):
        raise AdequacyListError(f"{where}.destination", "international organisations, and only they, take INT-")
    celex = _get(obj, "celex", where, str)
    if not _CELEX_RE.match(celex):
        raise AdequacyListError(f"{where}.celex", "not a CELEX number")
    texts = {k: _get(obj, k, where, str) for k in ("name_en", "name_fr", "instrument", "review", "scope", "notes")}
    if not texts["instrument"] or not texts["name_en"]:
        raise AdequacyListError(where, "instrument and name_en must not be empty")
    return Decision(destination=destination, kind=kind, celex=celex, adopted=_date(obj, "adopted", where),
                    expires=_date(obj, "expires", where, nullable=True), **texts)


def _invalidated(raw: Any, where: str) -> Invalidated:
    obj = _only(raw, _INVALID_KEYS, where)
    words = _get(obj, "words", where, list)
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise AdequacyListError(f"{where}.words", "expected a list of words")
    judgment_date = _date(obj, "judgment_date", where)
    assert judgment_date is not None
    return Invalidated(**{k: _get(obj, k, where, str) for k in ("mechanism", "name", "instrument", "celex",
                                                                 "judgment")},
                       judgment_date=judgment_date, words=tuple(w.casefold() for w in words))


def parse(document: Any) -> AdequacyList:
    """An adequacy list from its JSON document; AdequacyListError says what is wrong and where."""
    obj = _only(document, {"format", "version", "list_date", "source", "decisions", "invalidated"}, "$")
    if obj.get("format") != FORMAT:
        raise AdequacyListError("$.format", f"expected {FORMAT!r}")
    version = _get(obj, "version", "$", int)
    if version != VERSION:
        raise AdequacyListError("$.version", f"version {version} is not supported")
    list_date = _date(obj, "list_date", "$")
    assert list_date is not None
    decisions = tuple(_decision(d, f"$.decisions[{i}]") for i, d in enumerate(_get(obj, "decisions", "$", list)))
    seen: set[str] = set()
    for i, d in enumerate(decisions):
        if d.destination in seen:
            raise AdequacyListError(f"$.decisions[{i}].destination", f"{d.destination} listed twice")
        seen.add(d.destination)
    invalidated = tuple(_invalidated(m, f"$.invalidated[{i}]")
                        for i, m in enumerate(_get(obj, "invalidated", "$", list)))
    return AdequacyList(list_date, _get(obj, "source", "$", str), decisions, invalidated)


def loads(text: str) -> AdequacyList:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AdequacyListError("$", f"not valid JSON (line {exc.lineno})") from None
    return parse(document)


def packaged() -> AdequacyList:
    """The list shipped with this version of the application."""
    return loads(resources.files("ropa_desktop").joinpath(PACKAGED).read_text("utf-8"))


_IN_USE: list[AdequacyList] = []


def in_use() -> AdequacyList:
    """The list the checks judge with: the one installed by ``use``, else the packaged one."""
    if not _IN_USE:
        _IN_USE.append(packaged())
    return _IN_USE[0]


def use(adequacy_list: AdequacyList) -> None:
    """Judge with ``adequacy_list`` from now on (a newer list the user installed)."""
    _IN_USE[:] = [adequacy_list]

"""The activity list without Qt: one summary per activity, its search text from the field table, and the filter."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from ..domain import value_text
from ..domain.countries import all_countries
from ..domain.fields import FIELDS, FieldSpec, Kind, fields_of
from ..domain.model import Activity, Duration, Organization
from ..domain.vocabularies import BY_NAME
from ..storage.list_rows import ListRow


@dataclass(slots=True)
class ActivitySummary:
    """One row of the activity list (plain values: sorting and filtering never touch the domain objects)."""

    id: str
    reference: str
    name: str
    role: str
    legal_bases: tuple[str, ...]
    status: str
    updated: datetime | None
    has_transfers: bool
    has_sensitive: bool
    findings: int = -1  # -1: not computed yet
    errors: int = 0
    score: int = -1  # completeness 0-100; -1: not computed yet
    search: str = ""  # "" until computed
    codes: frozenset[str] = frozenset()  # keys of its codes and countries (see ``search_keys``)


def summarize(activity: Activity, *, details: bool = True) -> ActivitySummary:
    """The activity's row; without ``details`` its legal bases and flags are left for ``add_details``."""
    summary = ActivitySummary(
        activity.id,
        activity.reference,
        activity.name,
        activity.role,
        (),
        activity.status,
        activity.updated,
        False,
        False,
    )
    if details:
        add_details(summary, activity)
    return summary


def first_summaries(rows: Iterable[ListRow], bases: dict[str, tuple[str, ...]]) -> list[ActivitySummary]:
    """The rows of a register still being read, found by reference and name until their texts are made."""
    none: tuple[str, ...] = ()
    summaries = [ActivitySummary(i, reference, name, role, bases.get(i, none), status, updated, False, False)
                 for i, _org, reference, name, role, status, updated in rows]
    for summary in summaries:
        text = f"{summary.reference} {summary.name}".casefold()
        summary.search = text if text.isascii() else fold(text)
    return summaries


def add_details(summary: ActivitySummary, activity: Activity) -> None:
    """The parts of a row that walk the activity's lists (put off on a large register until the window shows)."""
    summary.legal_bases = tuple(activity.legal_bases())
    summary.has_transfers = bool(activity.transfers)
    summary.has_sensitive = activity.has_sensitive_data()


def fold(text: str) -> str:
    """Casefolded, accents dropped: "Café" is found by "cafe" and "CAFÉ" (what a search matches on)."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


_SKIP, _TEXT, _LIST, _OBJECT, _CODE, _CODES, _DATE, _DURATION, _OTHER = range(9)
Step = tuple[str, int, Any]  # attribute, what to do with its value, the nested scope's plan or the field's spec


@cache
def _plan(scope: str) -> tuple[Step, ...]:
    """How ``_walk`` reads one scope's fields, decided once from the field table (not per field per activity)."""
    steps: list[Step] = []
    for spec in fields_of(scope):
        if spec.is_list:
            steps.append((spec.key, _LIST, spec.item))
        elif spec.is_object:
            steps.append((spec.key, _OBJECT, spec.item))
        elif spec.kind in (Kind.CODE, Kind.COUNTRY):
            steps.append((spec.key, _CODE, spec))
        elif spec.kind is Kind.CODES:
            steps.append((spec.key, _CODES, spec))
        elif spec.kind is Kind.BOOL:
            steps.append((spec.key, _SKIP, spec))  # yes/no answers are not searched (value_text.search_text)
        elif spec.kind in (Kind.TEXT, Kind.LONG_TEXT):
            steps.append((spec.key, _TEXT, spec))
        elif spec.kind in (Kind.DATE, Kind.DATETIME):
            steps.append((spec.key, _DATE, spec))
        elif spec.kind is Kind.DURATION:
            steps.append((spec.key, _DURATION, spec))
        else:
            steps.append((spec.key, _OTHER, spec))
    return tuple(steps)


def _walk(obj: Any, scope: str, org: Organization, texts: list[str], codes: set[str]) -> None:
    """Every searchable value of ``obj``, walking the field table into its lists and nested objects.

    Codes and countries are kept as keys ("legal_basis:consent", "country:US") rather than as their labels in
    two languages: the text stays short, and a word is matched against the few hundred labels once per keystroke.
    The field table is read through ``_plan``: this runs once per activity of a large register, after it opens.
    """
    for key, step, arg in _plan(scope):
        value = getattr(obj, key)
        if step == _TEXT:
            if value:
                texts.append(value if isinstance(value, str) else str(value))
        elif step == _LIST:
            for item in value:
                _walk(item, arg, org, texts, codes)
        elif step == _OBJECT:
            _walk(value, arg, org, texts, codes)
        elif step == _CODE:
            if value:
                codes.add(_key(arg, value))
                texts.append(value)  # an unknown code is found as typed
        elif step == _CODES:
            for code in value:
                if code:
                    codes.add(_key(arg, code))
                    texts.append(code)
        elif step == _DATE:
            if value is not None:
                texts.append(_date_words(arg, value))
        elif step == _DURATION:
            if value is not None:
                texts.append(_duration_words(arg, value.value, value.unit))
        elif step == _OTHER:
            texts.append(value_text.search_text(arg, value, lambda rid: _recipient_text(org, rid)))


# The same dates and durations come back across thousands of activities: each is spelled out once.
@lru_cache(maxsize=8192)
def _date_words(spec: FieldSpec, value: date) -> str:
    return value_text.search_text(spec, value)


@lru_cache(maxsize=1024)
def _duration_words(spec: FieldSpec, value: int, unit: str) -> str:
    return value_text.search_text(spec, Duration(value, unit))


def _key(spec: FieldSpec, code: str) -> str:
    return f"country:{code.upper()}" if spec.kind is Kind.COUNTRY else f"{spec.vocabulary}:{code}"


def _recipient_text(org: Organization, recipient_id: str) -> str:
    recipient = org.recipient(recipient_id)
    return recipient.name if recipient is not None else recipient_id


def _searchable(activity: Activity, org: Organization) -> tuple[str, frozenset[str]]:
    texts: list[str] = []
    codes: set[str] = set()
    _walk(activity, "activity", org, texts, codes)
    return fold("\n".join(t for t in texts if t)), frozenset(codes)


def search_keys(activity: Activity, org: Organization) -> tuple[str, frozenset[str]]:
    """The activity's words, casefolded and each once, and the keys of its codes and countries.

    A word typed in the search field holds no space, so it is found in a text exactly when it is found in one
    of the text's words: keeping each word once makes what a keystroke scans a fraction of the text.
    """
    text, codes = _searchable(activity, org)
    return " ".join(dict.fromkeys(text.split())), codes


@cache
def _labels() -> tuple[tuple[str, str], ...]:
    """(key, casefolded French and English label) of every code and country a field can hold."""
    out: list[tuple[str, str]] = []
    for vocabulary in sorted({f.vocabulary for f in FIELDS if f.vocabulary}):
        vocab = BY_NAME[vocabulary]
        out += [(f"{vocabulary}:{t.code}", fold(f"{t.fr}\n{t.en}")) for t in vocab]
    french = dict(all_countries("fr"))
    out += [(f"country:{code}", fold(f"{french[code]}\n{name}")) for code, name in all_countries("en")]
    return tuple(out)


def matching_keys(word: str) -> frozenset[str]:
    """The codes and countries whose label, in either language, contains ``word`` (casefolded)."""
    return frozenset(key for key, text in _labels() if word in text)


def search_text(activity: Activity, org: Organization) -> str:
    """Everything the activity can be found by, codes as their labels in both languages (for display and tests)."""
    text, codes = _searchable(activity, org)
    labels = dict(_labels())
    return "\n".join([text, *(labels[k] for k in sorted(codes) if k in labels)])


@dataclass(frozen=True, slots=True)
class Criteria:
    """What the list is filtered by: words of the search field and the quick filters."""

    text: str = ""
    status: str = ""
    legal_basis: str = ""
    transfers: bool = False
    sensitive: bool = False
    with_findings: bool = False

    @property
    def needle(self) -> str:
        return fold(self.text.strip())

    @property
    def rest(self) -> tuple[object, ...]:
        return (self.status, self.legal_basis, self.transfers, self.sensitive, self.with_findings)

    def is_empty(self) -> bool:
        return not self.needle and not any(self.rest)


class ActivityFilter:
    """Filters summaries; typing on narrows the previous result instead of looking at every activity again."""

    def __init__(self) -> None:
        self._last: tuple[Criteria, list[ActivitySummary]] | None = None

    def forget(self) -> None:
        """The summaries changed: the next filter looks at all of them."""
        self._last = None

    def apply(
        self,
        summaries: list[ActivitySummary] | Callable[[], list[ActivitySummary]],
        criteria: Criteria,
    ) -> list[ActivitySummary] | None:
        """The summaries that match, in order; None when nothing filters (everything shows).

        ``summaries`` may be a function giving them: a keystroke that narrows the previous result never asks.
        """
        if criteria.is_empty():
            self._last = None
            return None
        needle = criteria.needle
        rows: list[ActivitySummary] | None = None
        if self._last is not None:
            previous, previous_rows = self._last
            typed = needle[len(previous.needle):]
            if previous.rest == criteria.rest and previous.needle and needle.startswith(previous.needle) \
                    and not typed.startswith(" "):
                rows = previous_rows
        if rows is None:
            rows = summaries() if callable(summaries) else summaries
        # One list comprehension per criterion: no Python call per activity beyond the test itself.
        for word in needle.split():
            keys = matching_keys(word)
            if keys:
                rows = [s for s in rows if word in s.search or not keys.isdisjoint(s.codes)]
            else:
                rows = [s for s in rows if word in s.search]
        if criteria.status:
            rows = [s for s in rows if s.status == criteria.status]
        if criteria.legal_basis:
            rows = [s for s in rows if criteria.legal_basis in s.legal_bases]
        if criteria.transfers:
            rows = [s for s in rows if s.has_transfers]
        if criteria.sensitive:
            rows = [s for s in rows if s.has_sensitive]
        if criteria.with_findings:
            rows = [s for s in rows if s.findings > 0]
        self._last = (criteria, rows)
        return rows


def index(activities: Iterable[Activity], org: Organization) -> list[ActivitySummary]:
    """Summaries with their search texts, for callers that want everything at once (tests, benchmarks)."""
    summaries = []
    for activity in activities:
        summary = summarize(activity)
        summary.search, summary.codes = search_keys(activity, org)
        summaries.append(summary)
    return summaries

"""A field's value as text, by the kind the field table gives it: one module for the form, search, exports and PDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from .countries import country_name
from .fields import FieldSpec, Kind
from .model import Duration
from .vocabularies import DURATION_UNITS, Vocabulary

LANGS = ("fr", "en")
YES = {"fr": "oui", "en": "yes"}
NO = {"fr": "non", "en": "no"}
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_SINGULAR = {("fr", "years"): "an", ("fr", "days"): "jour", ("en", "years"): "year",
             ("en", "months"): "month", ("en", "days"): "day"}

RecipientName = Callable[[str], str]  # recipient id -> name


def code_text(vocab: Vocabulary | None, code: str, lang: str) -> str:
    """A vocabulary code's label; an unknown code (or one without a vocabulary) as it is."""
    return vocab.label(code, lang) if vocab is not None and code else code or ""


def codes_text(vocab: Vocabulary | None, codes: Iterable[str], lang: str, sep: str = ", ") -> str:
    return sep.join(code_text(vocab, c, lang) for c in codes)


def country_text(code: str, lang: str) -> str:
    """The country's name, or the code as it is when unknown."""
    return country_name(code, lang) if code else ""


def bool_text(value: bool | None, lang: str) -> str:
    """"oui"/"non", "yes"/"no"; "" when not stated."""
    return "" if value is None else (YES if value else NO).get(lang, "yes" if value else "no")


def duration_text(value: Duration | None, lang: str, *, singular: bool = False) -> str:
    """"10 years"; with ``singular`` "1 year" (prose), without "1 years" (the form spreadsheets read back)."""
    if value is None:
        return ""
    unit = DURATION_UNITS.label(value.unit, lang)
    if singular and value.value == 1:
        unit = _SINGULAR.get((lang, value.unit), unit)
    return f"{value.value} {unit}"


def date_text(value: date | None, lang: str) -> str:
    """dd/mm/yyyy in French, "22 November 2026" in English."""
    if value is None:
        return ""
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def datetime_text(value: datetime | None, lang: str) -> str:
    return "" if value is None else f"{date_text(value.date(), lang)} {value:%H:%M}"


def text(spec: FieldSpec, value: Any, lang: str, recipient_name: RecipientName | None = None) -> str:
    """A scalar field's value as one language reads it ("" when empty); nested objects and lists are not text."""
    kind = spec.kind
    if value is None or value == "":
        return ""
    if kind is Kind.CODE:
        return code_text(spec.vocab, value, lang)
    if kind is Kind.CODES:
        return codes_text(spec.vocab, value, lang)
    if kind is Kind.COUNTRY:
        return country_text(value, lang)
    if kind is Kind.BOOL:
        return bool_text(value, lang)
    if kind is Kind.DURATION:
        return duration_text(value, lang)
    if kind is Kind.DATE:
        return date_text(value, lang)
    if kind is Kind.DATETIME:
        return datetime_text(value, lang)
    if kind is Kind.RECIPIENT:
        return recipient_name(value) if recipient_name is not None else str(value)
    return str(value)


def search_text(spec: FieldSpec, value: Any, recipient_name: RecipientName | None = None) -> str:
    """What search finds a value by: free text as typed; codes, countries and durations in both languages.

    Yes/no answers are left out: searching "no" would match every activity that answers one question.
    """
    if value is None or value == "" or value == [] or spec.kind is Kind.BOOL:
        return ""
    if spec.kind in (Kind.TEXT, Kind.LONG_TEXT):
        return str(value)
    if spec.kind is Kind.RECIPIENT:
        return text(spec, value, "en", recipient_name)
    raw = " ".join(value) if spec.kind is Kind.CODES else value.isoformat() if isinstance(value, date) else ""
    if spec.kind in (Kind.CODE, Kind.COUNTRY):
        raw = str(value)
    words = dict.fromkeys((raw, *(text(spec, value, lang) for lang in LANGS)))
    return " ".join(w for w in words if w)

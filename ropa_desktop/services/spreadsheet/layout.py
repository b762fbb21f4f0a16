"""Sheet names, the hidden metadata sheet and the vocabulary lists shared by the writer and the reader."""

from __future__ import annotations

import re

from ...domain import countries
from ...domain.fields import field_spec
from ...domain.messages import message_table
from ...domain.vocabularies import BY_NAME

FORMAT = "ropa-desktop-register-xlsx"
VERSION = 1
META_SHEET = "ropa"

SHEETS = message_table("spreadsheet_sheets", {
    "list": ("Liste des traitements", "List of processing"),
    "register": ("Registre", "Register"),
    "organizations": ("Organismes", "Organisations"),
    "recipients": ("Destinataires", "Recipients"),
    "lists": ("Listes", "Lists"),
})


def sheet_name(key: str, lang: str) -> str:
    fr, en = SHEETS[key]
    return fr if lang == "fr" else en


# Vocabulary columns of the "Lists" sheet: (vocabulary name or "country", label field scope/key).
LIST_COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("legal_basis", ("purpose", "legal_basis")),
    ("recipient_type", ("recipient", "type")),
    ("safeguard", ("transfer", "safeguard")),
    ("country", ("recipient", "country")),
    ("security_measure", ("security_measure", "type")),
    ("status", ("activity", "status")),
    ("role", ("activity", "role")),
    ("data_subject", ("data_subject", "category")),
    ("data_category", ("data_category", "category")),
    ("special_condition", ("data_category", "special_condition")),
    ("retention_phase", ("retention", "phase")),
    ("final_fate", ("retention", "final_fate")),
    ("duration_unit", ("retention", "duration")),
)


def list_values(name: str, lang: str) -> list[str]:
    if name == "country":
        return [n for _, n in countries.all_countries(lang)]
    return [t.label(lang) for t in BY_NAME[name]]


def list_header(name: str, lang: str) -> str:
    scope, key = dict(LIST_COLUMNS)[name]
    return field_spec(scope, key).label(lang)


_INVALID = re.compile(r"[\[\]:*?/\\]")


def unique_sheet_name(wanted: str, taken: set[str], fallback: str) -> str:
    r"""A valid, unique sheet name (31 chars, no []:*?/\, not starting/ending with a quote)."""
    base = _INVALID.sub("-", wanted).strip().strip("'").strip() or fallback
    base = base[:31]
    name, n = base, 2
    while name.casefold() in taken or name.casefold() == META_SHEET:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.casefold())
    return name

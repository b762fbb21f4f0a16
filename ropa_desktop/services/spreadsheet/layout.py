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
DIGEST_SOURCES = "digest.sources"  # the Sources sheet as written: an edited copy is said to be not read
DIGEST = "digest.fiche."  # + activity id, in the metadata sheet: the fingerprint of the fiche as written
DIGEST_PROCESSOR = "digest.cnil_processor."  # + organisation id: the processor's record in the CNIL layout as written
DIGEST_RECIPIENT = "digest.recipient."  # + recipient id: its Recipients row's cell digests as written
DIGEST_SHEET = "digest."  # + a sheet's key (``sheet.<key>`` names it): the sheet's fingerprint as written
STAMP = "register.stamp"  # the stored register's ids and versions at the export (``storage.ids``)
PARTS = "digest.parts"  # the metadata sheet's last row: every other zip part's CRC-32 and size, and the rows above
DIGEST_LIST = "digest.list."  # + organisation id: the CNIL list as written (an unedited list is not compared)

SHEETS = message_table("spreadsheet_sheets", {
    "list": ("2_-_Liste_des_traitements", "2_-_List_of_processing"),  # the CNIL template's names
    "register": ("Registre", "Register"),
    "organizations": ("Organismes", "Organisations"),
    "recipients": ("Destinataires", "Recipients"),
    "lists": ("5_-_Listes", "5_-_Lists"),
    "sources": ("Extraits des sources", "Source excerpts"),  # the Sources columns, printable: one source a row
    # The processor's register (Art. 30(2)).
    "clients": ("Clients (sous-traitant)", "Clients (processor)"),
    "processing": ("Traitements pour clients", "Processing for clients"),
    "cnil_processor": ("6_-_Registre_sous-traitant", "6_-_Processor_record"),  # added after the CNIL's sheets
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
    # The CNIL template's own wording (French), for the fiches' dropdowns; countries with today's adequacy.
    ("data_subject:cnil", ("data_subject", "category")),
    ("recipient_type:cnil", ("recipient", "type")),
    ("security_measure:cnil", ("security_measure", "type")),
    ("safeguard:cnil", ("transfer", "safeguard")),
    ("country:adequacy", ("recipient", "country")),
    ("authorisation", ("sub_processor", "authorisation")),  # the client's, for a sub-processor (Art. 28(2))
)


def list_values(name: str, lang: str) -> list[str]:
    if name == "country":
        return [n for _, n in countries.all_countries(lang)]
    if name == "country:adequacy":
        return [_adequacy(code, lang) for code, _ in countries.all_countries(lang)]
    vocab, _, variant = name.partition(":")
    if variant == "cnil":
        return [t.cnil if lang == "fr" and t.cnil else t.label(lang) for t in BY_NAME[vocab]]
    return [t.label(lang) for t in BY_NAME[name]]


def _adequacy(code: str, lang: str) -> str:
    if countries.is_in_eea(code):
        return "UE/EEE" if lang == "fr" else "EU/EEA"
    found = countries.adequacy(code)
    if found is None:
        return ""
    word = "adéquat" if lang == "fr" else "adequate"
    return f"{word} ({found.scope})" if found.scope else word


def list_header(name: str, lang: str) -> str:
    if name == "country:adequacy":
        day = countries.adequacy_list().list_date.isoformat()
        return f"Adéquation (liste du {day})" if lang == "fr" else f"Adequacy (list of {day})"
    scope, key = dict(LIST_COLUMNS)[name]
    label = field_spec(scope, key).label(lang)
    return f"{label} (CNIL)" if name.endswith(":cnil") else label


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

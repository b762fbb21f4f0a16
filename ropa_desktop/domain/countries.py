"""Countries (ISO 3166-1 alpha-2) and the EU's current, dated list of adequacy decisions."""

from __future__ import annotations

import gettext
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry

EU: frozenset[str] = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "HU",
))
EEA: frozenset[str] = EU | {"IS", "LI", "NO"}


@dataclass(frozen=True, slots=True)
class Adequacy:
    """An adequacy decision under Art. 45 GDPR, with the limits of its scope."""

    country: str
    decision: str
    scope: str = ""  # a partial decision's scope, e.g. "organisations certified under the DPF"


# Checked against the European Commission's page "Adequacy decisions" on this date. The CNIL template's own
# list predates Schrems II (it still offers "Privacy Shield"), the UK, Japan and Korea decisions.
ADEQUACY_LIST_DATE = date(2025, 9, 30)
ADEQUACY: dict[str, Adequacy] = {a.country: a for a in (
    Adequacy("AD", "Decision 2010/625/EU"),
    Adequacy("AR", "Decision 2003/490/EC"),
    Adequacy("CA", "Decision 2002/2/EC", "commercial organisations subject to PIPEDA"),
    Adequacy("FO", "Decision 2010/146/EU"),
    Adequacy("GG", "Decision 2003/821/EC"),
    Adequacy("IL", "Decision 2011/61/EU"),
    Adequacy("IM", "Decision 2004/411/EC"),
    Adequacy("JP", "Decision (EU) 2019/419", "private sector, APPI"),
    Adequacy("JE", "Decision 2008/393/EC"),
    Adequacy("NZ", "Decision 2013/65/EU"),
    Adequacy("KR", "Decision (EU) 2022/254"),
    Adequacy("CH", "Decision 2000/518/EC"),
    Adequacy("GB", "Decision C(2021) 4800, extended to 27 December 2025 by Regulation (EU) 2025/1220"),
    Adequacy("UY", "Decision 2012/484/EU"),
    Adequacy("US", "Decision C(2023) 4745 (EU-U.S. Data Privacy Framework)",
             "only organisations certified under the EU-U.S. Data Privacy Framework"),
)}

# Words that betray an invalidated mechanism (CJEU C-311/18 "Schrems II", 16 July 2020).
INVALID_SAFEGUARD_WORDS = ("privacy shield", "safe harbor", "safe harbour")


def is_in_eea(code: str) -> bool:
    return code.upper() in EEA


def adequacy(code: str) -> Adequacy | None:
    """The adequacy decision covering ``code``, if any (None for EEA countries: no transfer at all)."""
    return ADEQUACY.get(code.upper())


def mentions_invalid_mechanism(text: str) -> bool:
    low = text.casefold()
    return any(word in low for word in INVALID_SAFEGUARD_WORDS)


@cache
def _french() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def is_country_code(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def country_name(code: str, lang: str = "en") -> str:
    """The country's usual name in ``lang``; an unknown code is returned as it is."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    if lang == "fr":
        return _french().gettext(country.name)
    return str(getattr(country, "common_name", country.name))


@cache
def all_countries(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) for every country, sorted by name in ``lang``."""
    items = [(c.alpha_2, country_name(c.alpha_2, lang)) for c in pycountry.countries]
    return tuple(sorted(items, key=lambda item: _fold(item[1])))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def _names_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        names = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""),
                 _french().gettext(country.name)}
        for name in names:
            if name:
                index[_fold(name)] = country.alpha_2
    # Usual short forms found in registers and in the CNIL template.
    for alias, code in {"etats-unis": "US", "usa": "US", "united states": "US", "royaume-uni": "GB",
                        "uk": "GB", "coree du sud": "KR", "south korea": "KR", "ile de man": "IM",
                        "iles feroe": "FO", "suisse": "CH", "japon": "JP"}.items():
        index[alias] = code
    return index


def country_code(text: str) -> str | None:
    """The alpha-2 code for a code or a name in French or English; None when unknown."""
    stripped = text.strip()
    if is_country_code(stripped):
        return stripped.upper()
    return _names_index().get(_fold(stripped))
